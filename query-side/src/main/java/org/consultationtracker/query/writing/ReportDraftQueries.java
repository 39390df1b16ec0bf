package org.consultationtracker.query.writing;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.QuotedSpeaker;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.coverage.KeyPointFates;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.readmodel.AsOfBasis;
import org.consultationtracker.query.readmodel.EventHistory;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.PastReadModelStore;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * Answers a report's draft (themes, tags, sections) from the coverage read model, by key: the report's outline lists
 * its themes and sections, each theme its key points. "As of" replays the coverage model and the participant
 * directory from the events, by time said or recorded.
 */
@Service
public class ReportDraftQueries {

    /** {@code asOf} null means "now". */
    public record FindReportDraft(String reportId, Instant asOf, AsOfBasis basis) {

        public FindReportDraft {
            basis = basis == null ? AsOfBasis.RECORDED : basis;
        }
    }

    private final ReadModelStore store;
    private final ParticipantDirectory directory;
    private final Words words;
    private final EventHistory history;
    private final CoverageProjection coverage;
    private final ParticipantDirectoryProjection directoryProjection;

    public ReportDraftQueries(ReadModelStore store, ParticipantDirectory directory, Words words, EventHistory history,
                              CoverageProjection coverage, ParticipantDirectoryProjection directoryProjection) {
        this.store = store;
        this.directory = directory;
        this.words = words;
        this.history = history;
        this.coverage = coverage;
        this.directoryProjection = directoryProjection;
    }

    @QueryHandler
    public ReportDraft handle(FindReportDraft query) {
        if (query.asOf() == null) {
            return draft(query.reportId(), CoverageProjection.fates(store, directory::resolve, words), directory,
                         null, null);
        }
        InMemoryDocumentSession past = history.replayUntil(query.asOf(), query.basis(),
                                                           List.of(coverage, directoryProjection));
        PastReadModelStore pastStore = new PastReadModelStore(past);
        ParticipantDirectory pastDirectory = new ParticipantDirectory(pastStore);
        return draft(query.reportId(), CoverageProjection.fates(pastStore, pastDirectory::resolve, words),
                     pastDirectory, query.asOf(), query.basis().name());
    }

    /** Which of a section's quotes lack their speaker's consent to be quoted, by the one definition (QuotedSpeaker). */
    private record QuoteConsent(Map<String, Document> keyPoints, ParticipantDirectory directory) {

        List<String> quotedWithout(List<ReportDraft.DraftCitation> citations) {
            Map<String, String> speakers = new LinkedHashMap<>();
            for (ReportDraft.DraftCitation citation : citations) {
                String speaker = QuotedSpeaker.of(new Citation(CitationKind.valueOf(citation.kind()),
                                                               citation.targetId()), keyPointId -> {
                    Document keyPoint = keyPoints.get(keyPointId);
                    return keyPoint == null ? null : keyPoint.getString("attributedTo");
                });
                if (speaker != null) {
                    speakers.put(citation.targetId(), speaker);
                }
            }
            Map<String, List<String>> consents = directory.consents(speakers.values());
            List<String> without = new ArrayList<>();
            speakers.forEach((keyPointId, speaker) -> {
                if (!consents.getOrDefault(speaker, List.of()).contains(ConsentPurpose.BE_QUOTED.name())) {
                    without.add(keyPointId);
                }
            });
            return without;
        }
    }

    private static ReportDraft draft(String reportId, KeyPointFates fates, ParticipantDirectory directory,
                                     Instant asOf, String basis) {
        Document outline = fates.reportOutline(reportId);
        if (outline == null || outline.getString("title") == null) {
            throw new UnknownId(asOf == null ? "report" : "report as of " + asOf, reportId);
        }
        List<Document> sectionDocs = new ArrayList<>(fates.sections(strings(outline, "sectionIds")).values());
        sectionDocs.sort(Comparator.comparingInt((Document s) -> s.getInteger("position", 0))
                                   .thenComparing(s -> s.getString("_id")));
        Set<Integer> versions = new TreeSet<>();
        Set<String> keyPointIds = new LinkedHashSet<>();
        for (Document section : sectionDocs) {
            for (Document citation : documents(section, "citations")) {
                if ("KEY_POINT".equals(citation.getString("kind")) || "QUOTE".equals(citation.getString("kind"))) {
                    keyPointIds.add(citation.getString("targetId"));
                }
            }
        }
        Map<String, Document> citedDocs = new LinkedHashMap<>();
        fates.keyPointDocuments(keyPointIds).forEach(k -> citedDocs.put(k.getString("_id"), k));
        QuoteConsent consent = new QuoteConsent(citedDocs, directory);
        List<ReportDraft.DraftSection> sections = new ArrayList<>();
        for (Document section : sectionDocs) {
            List<ReportDraft.DraftCitation> citations = new ArrayList<>();
            for (Document citation : documents(section, "citations")) {
                citations.add(new ReportDraft.DraftCitation(citation.getString("kind"),
                                                            citation.getString("targetId")));
            }
            List<Integer> published = new ArrayList<>();
            for (Object version : section.getList("publishedVersions", Object.class, List.of())) {
                published.add(((Number) version).intValue());
            }
            versions.addAll(published);
            sections.add(new ReportDraft.DraftSection(section.getString("_id"), section.getInteger("position", 0),
                                                 section.getString("heading"), section.getString("text"), citations,
                                                 instant(section, "writtenAt"), published,
                                                 consent.quotedWithout(citations)));
        }
        Map<String, Document> themeDocs = fates.themes(strings(outline, "themeIds"));
        themeDocs.values().forEach(theme -> keyPointIds.addAll(strings(theme, "keyPointIds")));
        List<KeyPointCoverage> keyPoints = fates.of(fates.keyPointDocuments(keyPointIds));
        Map<String, KeyPointCoverage> byId = new LinkedHashMap<>();
        keyPoints.forEach(keyPoint -> byId.put(keyPoint.keyPointId(), keyPoint));
        Set<String> groups = new TreeSet<>();
        List<ReportDraft.DraftTheme> themes = new ArrayList<>();
        for (String themeId : strings(outline, "themeIds")) {
            Document theme = themeDocs.get(themeId);
            if (theme == null) {
                continue;
            }
            Map<String, Integer> perGroup = new java.util.TreeMap<>();
            for (String keyPointId : strings(theme, "keyPointIds")) {
                KeyPointCoverage keyPoint = byId.get(keyPointId);
                if (keyPoint != null) {
                    keyPoint.stakeholderGroupIds().forEach(group -> perGroup.merge(group, 1, Integer::sum));
                }
            }
            groups.addAll(perGroup.keySet());
            themes.add(new ReportDraft.DraftTheme(themeId, theme.getString("name"), theme.getString("description"),
                                             strings(theme, "keyPointIds"), perGroup,
                                             strings(theme, "citingSectionIds")));
        }
        groups.remove("anonymous");
        return new ReportDraft(reportId, outline.getString("consultationId"), outline.getString("title"),
                               instant(outline, "startedAt"), themes, sections, new ArrayList<>(versions), keyPoints,
                               directory.groupNames(groups), asOf, basis);
    }
}
