package org.consultationtracker.query.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every key point with its fate, and totals so a reviewer sees whose voices have not reached the report.
 * {@code themes} names the themes the listed key points are tagged with; {@code summarisedConversationIds} the
 * conversations in scope that have a summary (with key points or not).
 * <p>
 * Scoped to an agenda or a conversation the answer is whole: {@code next} is null and the totals are exact. Unscoped
 * or by stakeholder group it is one page of the key points in stream order: {@code next} is the position to ask
 * after for the following page (null at the end); {@code totals}, {@code byConversation}, {@code byStakeholderGroup}
 * and {@code summarisedConversationIds} are null, because counting them would read everything;
 * {@code keyPointCount} is how many key points the whole answer lists, whatever their fate.
 * <p>
 * Scoped answers also give the plenary contributions about the conversations in scope and, for a session, the ideas
 * submitted to it, each with its fate and counted in {@code plenaryContributionTotals} and {@code ideaTotals}
 * (pages: null).
 */
public record CoverageView(List<KeyPointCoverage> keyPoints, Map<Fate, Integer> totals,
                           List<ConversationTotals> byConversation, List<GroupTotals> byStakeholderGroup,
                           List<ThemeRef> themes, List<String> summarisedConversationIds, Long after, int size,
                           Long next, Long keyPointCount, List<KeyPointFates.ContributionFate> plenaryContributions,
                           Map<Fate, Integer> plenaryContributionTotals, List<KeyPointFates.IdeaCoverage> ideas,
                           Map<Fate, Integer> ideaTotals) {

    /** A theme of a report, with the key points tagged with it. */
    public record ThemeRef(String themeId, String reportId, String name, String description,
                           List<String> keyPointIds) {
    }

    /**
     * @param voice       the speaker's label (pseudonym, "an erased participant") or null when anonymous
     * @param fateDetail  in words: "cited in section 3 (Housing)", "summarised into conversation c-1", ...
     * @param citedVia    sections citing it directly, or through a theme it is tagged with
     */
    public record KeyPointCoverage(String keyPointId, String conversationId, String agendaId, Integer round,
                                   String room, String kind, boolean verbatim, String voice,
                                   List<String> stakeholderGroupIds, Text text, Fate fate, String fateDetail,
                                   List<SectionRef> citedVia, String summarisedInConversationId,
                                   String retractionReason, Instant saidAt) {
    }

    /**
     * Words as shown: {@code plain} (in clear, or opened with the speaker's words key at query time); {@code sealed}
     * when held encrypted but not openable here; {@code withdrawn} when the speaker withdrew their words at erasure.
     */
    public record Text(String plain, boolean sealed, boolean withdrawn) {
    }

    /** A report section; {@code publishedVersions} lists the report versions that contained it. */
    public record SectionRef(String reportId, String sectionId, int position, String heading, String via,
                             List<Integer> publishedVersions) {
    }

    public record ConversationTotals(String conversationId, String question, Map<Fate, Integer> totals) {
    }

    public record GroupTotals(String stakeholderGroupId, String name, Map<Fate, Integer> totals) {
    }
}
