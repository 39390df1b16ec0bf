package org.consultationtracker.query.voiceflow;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.coverage.Fate;
import org.consultationtracker.query.coverage.KeyPointFates;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * Answers the voice flow of one report and the list of a consultation's reports from the coverage read model, by key:
 * the report's outline lists its sections and themes, each section its citations, each cited conversation and theme
 * its key points, and a session (agenda) its conversations.
 */
@Service
public class VoiceFlowQueries {

    /** {@code agendaId} null: every key point behind the report; otherwise that session's key points. */
    public record FindVoiceFlow(String reportId, String agendaId) {
    }

    public record ListReports(String consultationId) {
    }

    private final KeyPointFates fates;
    private final ParticipantDirectory directory;
    private final Words words;

    public VoiceFlowQueries(ReadModelStore store, ParticipantDirectory directory, Words words) {
        this.fates = CoverageProjection.fates(store, directory::resolve, words);
        this.directory = directory;
        this.words = words;
    }

    @QueryHandler
    public List<VoiceFlow.ReportSummary> handle(ListReports query) {
        List<VoiceFlow.ReportSummary> reports = new ArrayList<>();
        fates.reportOutlines(fates.reportIdsOf(query.consultationId())).forEach((id, outline) -> reports.add(
                new VoiceFlow.ReportSummary(id, outline.getString("consultationId"), outline.getString("title"),
                                            instant(outline, "startedAt"), strings(outline, "sectionIds").size(),
                                            strings(outline, "themeIds").size())));
        return reports;
    }

    @QueryHandler
    public VoiceFlow handle(FindVoiceFlow query) {
        Document outline = fates.reportOutline(query.reportId());
        if (outline == null) {
            throw new UnknownId("report", query.reportId());
        }
        List<Document> sections = new ArrayList<>(fates.sections(strings(outline, "sectionIds")).values());
        sections.sort(Comparator.comparingInt((Document s) -> s.getInteger("position", 0))
                                .thenComparing(s -> s.getString("_id")));
        Citations citations = new Citations(sections);
        Map<String, Document> citedConversations = fates.conversations(citations.conversations);
        Map<String, Document> reportThemes = fates.themes(union(strings(outline, "themeIds"), citations.themes));

        // The key points in the flow: those behind the report, or the chosen session's.
        Set<String> keyPointIds = new LinkedHashSet<>();
        Map<String, Document> conversations = new LinkedHashMap<>();
        if (query.agendaId() != null) {
            conversations.putAll(fates.conversationsOfAgenda(query.agendaId()));
            conversations.values().forEach(c -> keyPointIds.addAll(strings(c, "keyPointIds")));
        } else {
            // Behind the report: what its sections cite, and every point tagged with one of its themes (cited or
            // not yet, so the theme column shows what was tagged for this report and where it went).
            keyPointIds.addAll(citations.keyPoints);
            reportThemes.values().forEach(t -> keyPointIds.addAll(strings(t, "keyPointIds")));
            citedConversations.values().forEach(c -> keyPointIds.addAll(strings(c, "keyPointIds")));
        }
        List<Document> stored = fates.keyPointDocuments(keyPointIds);
        List<KeyPointCoverage> keyPoints = new ArrayList<>(fates.of(stored));
        keyPoints.sort(Comparator.comparing((KeyPointCoverage k) -> k.round() == null ? 0 : k.round())
                                 .thenComparing(KeyPointCoverage::conversationId,
                                                Comparator.nullsLast(String::compareTo))
                                 .thenComparing(KeyPointCoverage::keyPointId));
        Map<String, Document> storedById = new LinkedHashMap<>();
        stored.forEach(k -> storedById.put(k.getString("_id"), k));
        Set<String> missing = new LinkedHashSet<>();
        keyPoints.forEach(k -> missing.add(k.conversationId()));
        missing.removeAll(conversations.keySet());
        conversations.putAll(fates.conversations(missing));

        // A theme column when any point of the flow is tagged with one of the report's themes (a column holding
        // nothing but "no theme" would say nothing).
        boolean themeColumn = stored.stream().anyMatch(k -> strings(k, "themeIds").stream()
                                                                              .anyMatch(reportThemes::containsKey));
        int destination = themeColumn ? 3 : 2;
        FlowBuilder flow = new FlowBuilder();
        Set<String> groupIds = new LinkedHashSet<>();
        keyPoints.forEach(k -> groupIds.addAll(k.stakeholderGroupIds()));
        groupIds.remove("anonymous");
        Map<String, String> groupNames = directory.groupNames(groupIds);
        Map<String, List<String>> behindSection = new LinkedHashMap<>();
        int citedInReport = 0;
        Map<Fate, Integer> byFate = new EnumMap<>(Fate.class);
        Map<Fate, Integer> notInReport = new EnumMap<>(Fate.class);
        for (Fate fate : Fate.values()) {
            byFate.put(fate, 0);
            notInReport.put(fate, 0);
        }
        for (KeyPointCoverage keyPoint : keyPoints) {
            byFate.merge(keyPoint.fate(), 1, Integer::sum);
            Document conversation = conversations.get(keyPoint.conversationId());
            String conversationNode = flow.node("c:" + keyPoint.conversationId(), "CONVERSATION",
                                                conversationLabel(keyPoint, conversation),
                                                conversationOrder(keyPoint), 1);
            for (String group : keyPoint.stakeholderGroupIds()) {
                String label = "anonymous".equals(group) ? "Anonymous (speaker not recorded)"
                        : groupNames.getOrDefault(group, group);
                flow.link(flow.node("g:" + group, "GROUP", label, "anonymous".equals(group) ? 1 : 0, 0),
                          conversationNode, keyPoint.keyPointId(), false);
            }
            // Through every theme of this report the point is tagged with (so a theme is never left out because its
            // points reach a section some other way), or through "no theme": the theme column is whole.
            List<String> through = new ArrayList<>();
            if (themeColumn) {
                for (String themeId : strings(storedById.get(keyPoint.keyPointId()), "themeIds")) {
                    if (reportThemes.containsKey(themeId)) {
                        through.add(themeNode(flow, themeId, reportThemes.get(themeId)));
                    }
                }
                if (through.isEmpty()) {
                    through.add(flow.node(NO_THEME, "THEME", "No theme", Integer.MAX_VALUE - 1, 2));
                }
                through.forEach(theme -> flow.link(conversationNode, theme, keyPoint.keyPointId(), false));
            } else {
                through.add(conversationNode);
            }
            // The sections of this report behind which the point stands: by the same rule as its fate (on its own,
            // by a theme it is tagged with, or with its whole conversation).
            Set<String> tags = new LinkedHashSet<>(strings(storedById.get(keyPoint.keyPointId()), "themeIds"));
            boolean reached = false;
            for (Document section : sections) {
                String sectionId = section.getString("_id");
                Set<String> cited = citations.bySection.get(sectionId);
                boolean direct = cited.contains("K:" + keyPoint.keyPointId())
                        || tags.stream().anyMatch(t -> cited.contains("T:" + t));
                boolean whole = cited.contains("C:" + keyPoint.conversationId());
                if (!direct && !whole) {
                    continue;
                }
                reached = true;
                behindSection.computeIfAbsent(sectionId, s -> new ArrayList<>()).add(keyPoint.keyPointId());
                String target = sectionNode(flow, section, destination);
                through.forEach(from -> flow.link(from, target, keyPoint.keyPointId(), !direct));
            }
            if (reached) {
                citedInReport++;
                continue;
            }
            notInReport.merge(keyPoint.fate(), 1, Integer::sum);
            String sink = flow.node("f:" + keyPoint.fate().name(), "FATE", SINKS.get(keyPoint.fate()),
                                    keyPoint.fate().ordinal(), destination);
            through.forEach(from -> flow.link(from, sink, keyPoint.keyPointId(), false));
        }
        // A crowded column keeps its largest nodes and folds the rest into "other …" (fates are few: never folded).
        flow.fold("GROUP", NODES_PER_COLUMN, "other:groups", "Other stakeholder groups");
        flow.fold("CONVERSATION", NODES_PER_COLUMN, "other:conversations", "Other conversations");
        flow.fold("THEME", NODES_PER_COLUMN, "other:themes", "Other themes");
        Map<String, String> foldedSections = flow.fold("SECTION", NODES_PER_COLUMN, "other:sections",
                                                       "Other sections");
        List<VoiceFlow.Section> sectionViews = new ArrayList<>();
        for (Document section : sections) {
            List<Integer> versions = new ArrayList<>();
            for (Object version : section.getList("publishedVersions", Object.class, List.of())) {
                versions.add(((Number) version).intValue());
            }
            String nodeId = "s:" + section.getString("_id");
            sectionViews.add(new VoiceFlow.Section(section.getString("_id"), section.getInteger("position", 0),
                                                   section.getString("heading"),
                                                   foldedSections.getOrDefault(nodeId, nodeId),
                                                   behindSection.getOrDefault(section.getString("_id"), List.of()),
                                                   versions, instant(section, "writtenAt")));
        }
        List<VoiceFlow.Column> columns = new ArrayList<>();
        columns.add(new VoiceFlow.Column(0, "Stakeholder groups"));
        columns.add(new VoiceFlow.Column(1, "Conversations"));
        if (themeColumn) {
            columns.add(new VoiceFlow.Column(2, "Themes"));
        }
        columns.add(new VoiceFlow.Column(destination, "Report sections, or what became of the rest"));
        Set<String> conversationIds = new LinkedHashSet<>();
        keyPoints.forEach(k -> conversationIds.add(k.conversationId()));
        return new VoiceFlow(query.reportId(), outline.getString("title"), outline.getString("consultationId"),
                             query.agendaId(),
                             new VoiceFlow.Totals(keyPoints.size(), conversationIds.size(), sections.size(),
                                                  reportThemes.size(), citedInReport, byFate, notInReport),
                             columns, flow.nodes(KIND_ORDER), flow.links(), sectionViews, keyPoints);
    }

    /** The most nodes a column shows by name; the others fold into one "other …" node. */
    public static final int NODES_PER_COLUMN = 16;

    private static final String NO_THEME = "t:none";

    private static final List<String> KIND_ORDER = List.of("GROUP", "CONVERSATION", "THEME", "SECTION", "FATE");

    private static final Map<Fate, String> SINKS = Map.of(
            Fate.CITED, "Cited in another report",
            Fate.CITED_WITH_CONVERSATION, "Cited with its whole conversation in another report",
            Fate.SUMMARISED, "In a summary, not cited",
            Fate.NOT_YET_HANDLED, "Not yet handled", Fate.RETRACTED, "Retracted");

    private String conversationLabel(KeyPointCoverage keyPoint, Document conversation) {
        String question = conversation == null ? null : words.say(conversation.get("question"));
        return "R" + (keyPoint.round() == null ? "?" : keyPoint.round()) + " · "
                + (question == null ? keyPoint.conversationId() : question);
    }

    /** Conversations by round, then by the number in their room's name ("Room 07"), then by id. */
    private static int conversationOrder(KeyPointCoverage keyPoint) {
        String digits = keyPoint.room() == null ? "" : keyPoint.room().replaceAll("\\D+", "");
        int room = digits.isEmpty() || digits.length() > 6 ? 0 : Integer.parseInt(digits);
        return (keyPoint.round() == null ? 0 : keyPoint.round()) * 1_000_000 + room;
    }

    private static String themeNode(FlowBuilder flow, String themeId, Document theme) {
        String name = theme == null || theme.getString("name") == null ? themeId : theme.getString("name");
        return flow.node("t:" + themeId, "THEME", "Theme: " + name, 0, 2);
    }

    private static String sectionNode(FlowBuilder flow, Document section, int column) {
        int position = section.getInteger("position", 0);
        return flow.node("s:" + section.getString("_id"), "SECTION", "§" + position + " " + section.getString("heading"),
                         position, column);
    }

    private static List<String> union(List<String> first, Set<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return new ArrayList<>(all);
    }

    /**
     * The report's citations: by section what it cites ("K:" key point or quote, "T:" theme, "C:" conversation, then
     * the id), and every cited key point, theme and conversation.
     */
    private static final class Citations {
        final Map<String, Set<String>> bySection = new LinkedHashMap<>();
        final Set<String> keyPoints = new LinkedHashSet<>();
        final Set<String> themes = new LinkedHashSet<>();
        final Set<String> conversations = new LinkedHashSet<>();

        Citations(List<Document> sections) {
            for (Document section : sections) {
                Set<String> cited = bySection.computeIfAbsent(section.getString("_id"), s -> new LinkedHashSet<>());
                for (Document citation : documents(section, "citations")) {
                    String target = citation.getString("targetId");
                    switch (citation.getString("kind")) {
                        case "KEY_POINT", "QUOTE" -> {
                            keyPoints.add(target);
                            cited.add("K:" + target);
                        }
                        case "THEME" -> {
                            themes.add(target);
                            cited.add("T:" + target);
                        }
                        case "CONVERSATION" -> {
                            conversations.add(target);
                            cited.add("C:" + target);
                        }
                        default -> {
                        }
                    }
                }
            }
        }
    }
}
