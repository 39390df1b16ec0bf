package org.consultationtracker.query.voiceflow;

import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.coverage.Fate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How the voices behind one report flowed into it: stakeholder groups → conversations → themes (when tagged) →
 * the report's sections, or → what became of the points none of its sections takes up. Computed on the server for
 * one report (and, when asked, one session's key points); a page only draws it.
 *
 * @param agendaId  the session the key points were limited to, or null for every key point behind the report
 * @param columns   left to right: stakeholder groups, conversations, themes (only when a point of the flow is tagged
 *                  with one of the report's themes), then
 *                  the report's sections beside what became of the points none of them cites
 * @param nodes     in drawing order: groups, conversations, themes, sections, fates; each column holds at most
 *                  {@value VoiceFlowQueries#NODES_PER_COLUMN} nodes and one "other …" node folding the rest
 * @param links     each with the key points flowing along it ({@code value} is their number)
 * @param keyPoints every key point in the flow, with its words, voice and fate
 */
public record VoiceFlow(String reportId, String title, String consultationId, String agendaId, Totals totals,
                        List<Column> columns, List<Node> nodes, List<Link> links, List<Section> sections,
                        List<KeyPointCoverage> keyPoints) {

    /**
     * @param citedInReport key points that reach one of this report's sections (directly, by theme or as part of a
     *                      conversation the section cites)
     * @param byFate        the key points' fates across every report (a point cited only elsewhere is CITED)
     * @param notInReport   the fates of the key points that reach none of this report's sections (the fate nodes)
     */
    public record Totals(int keyPoints, int conversations, int sections, int themes, int citedInReport,
                         Map<Fate, Integer> byFate, Map<Fate, Integer> notInReport) {
    }

    /**
     * @param kind   GROUP, CONVERSATION, THEME, SECTION or FATE (an "other …" node folding the smallest of a crowded
     *               column has that column's kind and an id starting "other:")
     * @param value  the number of key points through the node
     * @param column where it is drawn, from 0 at the left (see {@link VoiceFlow#columns})
     */
    public record Node(String id, String kind, String label, int value, int column) {
    }

    /** A column of the diagram with its heading, left to right. */
    public record Column(int index, String label) {
    }

    /** @param wholeConversation the section cites the conversation as a whole, not these points one by one */
    public record Link(String source, String target, int value, boolean wholeConversation,
                       List<String> keyPointIds) {
    }

    /** One of the report's sections, with the key points of the flow behind it; {@code nodeId} its node (or the
     * "other sections" node it was folded into). */
    public record Section(String sectionId, int position, String heading, String nodeId, List<String> keyPointIds,
                          List<Integer> publishedVersions, Instant writtenAt) {
    }

    /** One line of the reports of a consultation, to choose which report's flow to draw. */
    public record ReportSummary(String reportId, String consultationId, String title, Instant startedAt,
                                int sections, int themes) {
    }
}
