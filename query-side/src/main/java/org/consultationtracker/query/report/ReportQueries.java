package org.consultationtracker.query.report;

import org.bson.Document;
import org.consultationtracker.events.report.SectionSentences;
import org.consultationtracker.query.audittrail.AuditTrailQueries;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindPublishedReport;
import org.consultationtracker.query.audittrail.AuditTrailView.CorrectionNeeded;
import org.consultationtracker.query.feedback.SessionFeedbackQueries;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.coverage.KeyPointFates;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.consultationtracker.query.report.ReportView.CitationRef;
import org.consultationtracker.query.report.ReportView.ConversationRef;
import org.consultationtracker.query.report.ReportView.Diff;
import org.consultationtracker.query.report.ReportView.DraftSection;
import org.consultationtracker.query.report.ReportView.Footnote;
import org.consultationtracker.query.report.ReportView.Group;
import org.consultationtracker.query.report.ReportView.KeyPointWords;
import org.consultationtracker.query.report.ReportView.Section;
import org.consultationtracker.query.report.ReportView.SectionDiff;
import org.consultationtracker.query.report.ReportView.Sentence;
import org.consultationtracker.query.report.ReportView.SentenceRef;
import org.consultationtracker.query.report.ReportView.SentenceTrace;
import org.consultationtracker.query.report.ReportView.TracedWords;
import org.consultationtracker.query.report.ReportView.VersionDocument;
import org.consultationtracker.query.report.ReportView.VersionEntry;
import org.consultationtracker.query.report.ReportView.Voice;
import org.consultationtracker.query.report.Snapshot.SnapshotSection;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;

/**
 * Answers the report as a document: the report with its versions and draft, a version with footnotes that open the
 * words behind each citation, the sentences of a section and the voices behind one sentence, and the diff between
 * two versions.
 */
@Service
public class ReportQueries {

    private final ReadModelStore store;
    private final Snapshots snapshots;
    private final KeyPointFates fates;
    private final ParticipantDirectory directory;
    private final AuditTrailQueries trails;
    private final SessionFeedbackQueries feedback;
    private final Words words;

    public ReportQueries(ReadModelStore store, ParticipantDirectory directory, AuditTrailQueries trails,
                         SessionFeedbackQueries feedback, Words words) {
        this.store = store;
        this.snapshots = new Snapshots(store);
        this.fates = CoverageProjection.fates(store, directory::resolve, words);
        this.directory = directory;
        this.trails = trails;
        this.feedback = feedback;
        this.words = words;
    }

    /** The report: title, consultation, published versions and the current draft. */
    public ReportView.Report report(String reportId) {
        Document report = snapshots.report(reportId);
        List<VersionEntry> versions = new ArrayList<>();
        for (Document version : documents(report, "versions")) {
            versions.add(new VersionEntry(version.getInteger("version", 0), instant(version, "publishedAt"),
                                          instant(version, "recordedAt"), version.getString("publishedBy"),
                                          version.getString("changeNote"), version.getInteger("sectionCount", 0)));
        }
        Snapshot draft = snapshots.of(report, null);
        Map<String, Document> written = store.findAll(Snapshots.SECTIONS,
                draft.sections().stream().map(SnapshotSection::sectionId).toList());
        List<DraftSection> sections = new ArrayList<>();
        for (SnapshotSection section : draft.sections()) {
            Document stored = written.get(section.sectionId());
            sections.add(new DraftSection(section.sectionId(), section.position(), section.heading(),
                                          section.text(), section.citations(), instant(stored, "writtenAt"),
                                          stored == null ? null : stored.getString("writtenBy")));
        }
        return new ReportView.Report(reportId, report.getString("consultationId"), report.getString("title"),
                                     instant(report, "startedAt"), versions, sections);
    }

    /** A version ("1", "2", … or "draft") as a document. */
    public VersionDocument document(String reportId, String version) {
        Snapshot snapshot = snapshot(reportId, version);
        Evidence evidence = Evidence.load(snapshot, fates, directory, trails, feedback, words);
        List<Section> sections = new ArrayList<>();
        List<Footnote> footnotes = new ArrayList<>();
        for (SnapshotSection section : snapshot.sections()) {
            int base = footnotes.size();
            for (CitationRef citation : section.citations()) {
                footnotes.add(evidence.footnote(footnotes.size() + 1, section.sectionId(), citation));
            }
            List<Sentence> sentences = new ArrayList<>();
            for (SectionSentences.Sentence sentence : SectionSentences.of(section.text())) {
                sentences.add(new Sentence(sentence.index(), sentence.text(), sentence.startsParagraph(),
                        section.anchored(sentence).stream().map(c -> base + c.number()).toList()));
            }
            sections.add(new Section(section.sectionId(), section.position(), section.heading(), section.text(),
                                     sentences, section.wholeSection().stream().map(c -> base + c.number())
                                                       .toList()));
        }
        return new VersionDocument(snapshot.reportId(), snapshot.consultationId(), snapshot.title(),
                                   snapshot.label(), snapshot.number(), snapshot.latest(), snapshot.changeNote(),
                                   snapshot.publishedAt(), snapshot.publishedBy(), sections, footnotes,
                                   snapshot.consentOverrides(), correctionsNeeded(snapshot),
                                   voices(footnotes, evidence));
    }

    /** The sentences of one section of a version, each with its citations. */
    public ReportView.SectionSentences sentences(String reportId, String version, String sectionId) {
        Snapshot snapshot = snapshot(reportId, version);
        SnapshotSection section = section(snapshot, sectionId);
        List<SentenceRef> sentences = new ArrayList<>();
        for (SectionSentences.Sentence sentence : SectionSentences.of(section.text())) {
            List<CitationRef> citations = new ArrayList<>(section.anchored(sentence));
            citations.addAll(section.wholeSection());
            sentences.add(new SentenceRef(sentence.index(), sentence.text(), sentence.startsParagraph(), citations));
        }
        return new ReportView.SectionSentences(reportId, snapshot.label(), sectionId, section.position(),
                                               section.heading(), sentences, section.wholeSection());
    }

    /** The voices behind one sentence ({@code index} from 1), down to the original words. */
    public SentenceTrace sentence(String reportId, String version, String sectionId, String index) {
        Snapshot snapshot = snapshot(reportId, version);
        SnapshotSection section = section(snapshot, sectionId);
        List<SectionSentences.Sentence> sentences = SectionSentences.of(section.text());
        if (index == null || !index.trim().matches("\\d{1,9}")) {
            throw new InvalidFilter("sentence", "must be a sentence number, 1 to " + sentences.size());
        }
        int number = Integer.parseInt(index.trim());
        if (number < 1 || number > sentences.size()) {
            throw new InvalidFilter("sentence", "must be a sentence number, 1 to " + sentences.size());
        }
        SectionSentences.Sentence sentence = sentences.get(number - 1);
        // only this section's evidence is read: a sentence never leads beyond its section's citations
        Snapshot ofSection = new Snapshot(snapshot.reportId(), snapshot.consultationId(), snapshot.title(),
                                          snapshot.label(), snapshot.number(), snapshot.latest(),
                                          snapshot.changeNote(), snapshot.publishedAt(), snapshot.publishedBy(),
                                          List.of(section), snapshot.themes(), snapshot.consentOverrides());
        Evidence evidence = Evidence.load(ofSection, fates, directory, trails, feedback, words);
        int base = 0;
        for (SnapshotSection before : snapshot.sections()) {
            if (before.sectionId().equals(sectionId)) {
                break;
            }
            base += before.citations().size();
        }
        List<CitationRef> citations = new ArrayList<>(section.anchored(sentence));
        citations.addAll(section.wholeSection());
        citations.sort(Comparator.comparingInt(CitationRef::number));
        List<Footnote> footnotes = new ArrayList<>();
        List<TracedWords> traced = new ArrayList<>();
        for (CitationRef citation : citations) {
            Footnote footnote = evidence.footnote(base + citation.number(), sectionId, citation);
            footnotes.add(footnote);
            traced.addAll(evidence.behind(footnote));
        }
        // distinct voices: a named speaker once, each anonymous key point and each idea as its own voice
        Map<String, Set<String>> voicesByGroup = new TreeMap<>();
        Set<String> voices = new LinkedHashSet<>();
        for (TracedWords words : traced) {
            String voice;
            List<String> groups;
            if (words.keyPoint() != null) {
                voice = evidence.voiceOf(words.keyPoint().keyPointId());
                groups = words.keyPoint().stakeholderGroups().stream().map(Group::groupId).toList();
            } else if (words.contributed() != null) {
                voice = Evidence.voiceOf(words.contributed());
                groups = words.contributed().stakeholderGroups().isEmpty() ? List.of(Evidence.ANONYMOUS)
                        : words.contributed().stakeholderGroups().stream().map(Group::groupId).toList();
            } else {
                voice = "idea:" + words.idea().ideaId();
                groups = List.of(words.idea().stakeholderGroup() == null ? Evidence.ANONYMOUS
                                         : words.idea().stakeholderGroup().groupId());
            }
            voices.add(voice);
            for (String group : groups) {
                voicesByGroup.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(voice);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        voicesByGroup.forEach((group, members) -> counts.put(group, members.size()));
        Map<String, String> names = new LinkedHashMap<>();
        counts.keySet().forEach(group -> names.put(group, Evidence.ANONYMOUS.equals(group) ? Evidence.ANONYMOUS
                : evidence.groupNames().getOrDefault(group, group)));
        return new SentenceTrace(reportId, snapshot.label(), sectionId, section.heading(), number, sentence.text(),
                                 footnotes, traced, voices.size(), counts, names);
    }

    /** What changed from version {@code from} (default: the one before) to version {@code to}. */
    public Diff diff(String reportId, String to, String from) {
        Document report = snapshots.report(reportId);
        Integer toNumber = Snapshots.parse("version", to, false);
        Integer fromNumber;
        if (from == null || from.isBlank()) {
            fromNumber = toNumber == null ? Snapshots.latest(report) : toNumber - 1;
        } else {
            fromNumber = Snapshots.parse("from", from, true);
        }
        Snapshot after = snapshots.of(report, toNumber);
        Snapshot before = snapshots.of(report, fromNumber);
        Map<String, SnapshotSection> old = new LinkedHashMap<>();
        before.sections().forEach(section -> old.put(section.sectionId(), section));
        List<SectionDiff> diffs = new ArrayList<>();
        int added = 0;
        int changed = 0;
        int unchanged = 0;
        for (SnapshotSection section : after.sections()) {
            SnapshotSection was = old.remove(section.sectionId());
            if (was == null) {
                added++;
                diffs.add(new SectionDiff(section.sectionId(), "ADDED", null, section.position(), null,
                                          section.heading(), true, null, section.text(), true, section.citations(),
                                          List.of()));
                continue;
            }
            List<CitationRef> in = difference(section.citations(), was.citations());
            List<CitationRef> out = difference(was.citations(), section.citations());
            boolean headingChanged = !Objects.equals(was.heading(), section.heading());
            boolean textChanged = !Objects.equals(was.text(), section.text());
            boolean same = !headingChanged && !textChanged && in.isEmpty() && out.isEmpty()
                    && was.position() == section.position() && was.citations().equals(section.citations());
            if (same) {
                unchanged++;
            } else {
                changed++;
            }
            diffs.add(new SectionDiff(section.sectionId(), same ? "UNCHANGED" : "CHANGED", was.position(),
                                      section.position(), was.heading(), section.heading(), headingChanged,
                                      was.text(), section.text(), textChanged, in, out));
        }
        for (SnapshotSection section : old.values()) {
            diffs.add(new SectionDiff(section.sectionId(), "REMOVED", section.position(), null, section.heading(),
                                      null, true, section.text(), null, true, List.of(), section.citations()));
        }
        return new Diff(reportId, before.label(), after.label(), diffs, added, old.size(), changed, unchanged);
    }

    /** The citations of {@code these} whose kind and target {@code those} do not cite. */
    private static List<CitationRef> difference(List<CitationRef> these, List<CitationRef> those) {
        Set<String> cited = new LinkedHashSet<>();
        those.forEach(citation -> cited.add(citation.kind() + " " + citation.targetId()));
        return these.stream().filter(citation -> !cited.contains(citation.kind() + " " + citation.targetId()))
                    .toList();
    }

    private Snapshot snapshot(String reportId, String version) {
        Document report = snapshots.report(reportId);
        return snapshots.of(report, Snapshots.parse("version", version, false));
    }

    private static SnapshotSection section(Snapshot snapshot, String sectionId) {
        SnapshotSection section = sectionId == null ? null : snapshot.section(sectionId);
        if (section == null) {
            throw new UnknownId("section of report " + snapshot.reportId() + " version " + snapshot.label(),
                                sectionId);
        }
        return section;
    }

    /** The latest version's corrections needed (the audit trail keeps them for the latest version only). */
    private List<CorrectionNeeded> correctionsNeeded(Snapshot snapshot) {
        if (!snapshot.latest()) {
            return List.of();
        }
        try {
            var published = trails.handle(new FindPublishedReport(snapshot.reportId()));
            return published.version() == snapshot.number() ? published.correctionsNeeded() : List.of();
        } catch (UnknownId notYetThere) { // the audit trail has not processed this publication yet
            return List.of();
        }
    }

    /** The appendix: every voice the footnotes lead to, in the order first cited. */
    private static List<Voice> voices(List<Footnote> footnotes, Evidence evidence) {
        Map<String, VoiceBuilder> voices = new LinkedHashMap<>();
        for (Footnote footnote : footnotes) {
            for (TracedWords words : evidence.behind(footnote)) {
                if (words.keyPoint() != null) {
                    KeyPointWords keyPoint = words.keyPoint();
                    String speaker = evidence.voiceOf(keyPoint.keyPointId());
                    boolean anonymous = keyPoint.speaker() == null;
                    String key = anonymous ? "anonymous@" + keyPoint.conversationId() : speaker;
                    voices.computeIfAbsent(key, k -> new VoiceBuilder(
                                  anonymous ? "anonymous speakers" : keyPoint.speaker(), anonymous))
                          .add(keyPoint.stakeholderGroups(), keyPoint.conversationId(), keyPoint.conversationTitle(),
                               footnote.number());
                } else if (words.idea() != null) {
                    Group group = words.idea().stakeholderGroup();
                    String key = "ideas@" + (group == null ? "" : group.groupId());
                    voices.computeIfAbsent(key, k -> new VoiceBuilder("written ideas", true))
                          .add(group == null ? List.of() : List.of(group), null, null, footnote.number());
                } else if (words.contributed() != null) {
                    ReportView.ContributedWords said = words.contributed();
                    boolean anonymous = said.voice() == null;
                    String key = anonymous ? "anonymous " + said.label() : "named:" + said.voice();
                    ReportView.ConversationWords conversation = said.conversationId() == null ? null
                            : evidence.conversation(said.conversationId());
                    voices.computeIfAbsent(key, k -> new VoiceBuilder(
                                  anonymous ? "anonymous (" + said.label() + ")" : said.voice(), anonymous))
                          .add(said.stakeholderGroups(), said.conversationId(),
                               conversation == null ? null : conversation.title(), footnote.number());
                }
            }
        }
        return voices.values().stream().map(VoiceBuilder::build).toList();
    }

    private static final class VoiceBuilder {
        private final String label;
        private final boolean anonymous;
        private final Map<String, Group> groups = new LinkedHashMap<>();
        private final Map<String, ConversationRef> conversations = new LinkedHashMap<>();
        private final Set<Integer> footnotes = new TreeSet<>();

        VoiceBuilder(String label, boolean anonymous) {
            this.label = label;
            this.anonymous = anonymous;
        }

        VoiceBuilder add(List<Group> groups, String conversationId, String title, int footnote) {
            groups.forEach(group -> this.groups.putIfAbsent(group.groupId(), group));
            if (conversationId != null) {
                conversations.putIfAbsent(conversationId, new ConversationRef(conversationId, title));
            }
            footnotes.add(footnote);
            return this;
        }

        Voice build() {
            return new Voice(label, anonymous, new ArrayList<>(groups.values()),
                             new ArrayList<>(conversations.values()), new ArrayList<>(footnotes));
        }
    }
}
