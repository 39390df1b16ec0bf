package org.consultationtracker.query.report;

import org.consultationtracker.query.audittrail.AuditTrailView.CorrectionNeeded;
import org.consultationtracker.query.coverage.CoverageView.Text;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A report read as a document: its versions, each version's sections with footnotes, diffs and sentence traces. */
public final class ReportView {

    private ReportView() {
    }

    /**
     * A report: what it is, the versions published (oldest first) and the current draft.
     */
    public record Report(String reportId, String consultationId, String title, Instant startedAt,
                         List<VersionEntry> versions, List<DraftSection> draft) {
    }

    /** A published version as listed: its number, when and by whom, the change note, how many sections. */
    public record VersionEntry(int version, Instant publishedAt, Instant recordedAt, String publishedBy,
                               String changeNote, int sectionCount) {
    }

    /** A draft section as last written (its text with citation anchors). */
    public record DraftSection(String sectionId, int position, String heading, String text,
                               List<CitationRef> citations, Instant writtenAt, String writtenBy) {
    }

    /**
     * A citation of a section: {@code number} is its 1-based place in the section's citations (what an anchor
     * {@code [^number]} names); {@code wholeSection} when no anchor names it (it supports every sentence).
     */
    public record CitationRef(int number, String kind, String targetId, boolean wholeSection) {
    }

    /**
     * One version (or the draft: {@code version} "draft", {@code versionNumber} null) as a document.
     *
     * @param latest            whether this is the latest published version
     * @param footnotes         every citation of every section, numbered through the document
     * @param correctionsNeeded quotes of the latest version whose speaker withdrew consent or was erased after it was
     *                          published (from the audit trail); empty for older versions and the draft
     * @param voices            the appendix: every cited voice with its conversations and stakeholder groups
     */
    public record VersionDocument(String reportId, String consultationId, String title, String version,
                           Integer versionNumber, boolean latest, String changeNote, Instant publishedAt,
                           String publishedBy, List<Section> sections, List<Footnote> footnotes,
                           List<ConsentOverride> consentOverrides, List<CorrectionNeeded> correctionsNeeded,
                           List<Voice> voices) {
    }

    /**
     * A section of a document: its sentences, each with the footnotes its anchors name, and the footnotes that
     * support the whole section (citations no anchor names).
     */
    public record Section(String sectionId, int position, String heading, String text, List<Sentence> sentences,
                          List<Integer> wholeSectionFootnotes) {
    }

    /** A sentence: 1-based index in its section, its text without anchors, the footnote numbers it carries. */
    public record Sentence(int index, String text, boolean startsParagraph, List<Integer> footnotes) {
    }

    /**
     * A footnote: one citation of one section, resolved to the words behind it. Exactly one of {@code keyPoint},
     * {@code conversation}, {@code theme} and {@code idea} is set for a citation that resolves; {@code found} is false
     * when the cited thing is not (or not yet) in the record.
     *
     * @param citation the citation's 1-based number within its section
     */
    public record Footnote(int number, String sectionId, int citation, String kind, String targetId,
                           boolean wholeSection, boolean found, KeyPointWords keyPoint,
                           ConversationWords conversation, ThemeWords theme, IdeaWords idea,
                           ContributedWords contributed) {
    }

    /**
     * Words said outside a conversation's key points: a plenary contribution (about a conversation) or a
     * participant's feedback on the session as a whole. {@code voice}: pseudonym, "an erased participant", or null
     * when anonymous; withdrawn words are never shown.
     */
    public record ContributedWords(String kind, String id, String label, String voice, List<Group> stakeholderGroups,
                                   String conversationId, String sessionId, Text text, boolean verbatim, Instant at) {
    }

    /**
     * A key point down to its original words: who said it (pseudonym, "an erased participant", or null when
     * anonymous), their stakeholder groups, the conversation and its title, the original beside every edit (who
     * edited and why), the current words, and its retraction if any. Withdrawn words are never shown. The words are
     * the record's as it stands now (an erasure withdraws them from every version); what a version cites is fixed.
     */
    public record KeyPointWords(String keyPointId, String kind, boolean verbatim, String speaker,
                                List<Group> stakeholderGroups, String conversationId, String conversationTitle,
                                Instant saidAt, Text original, List<Edit> edits, Text current,
                                Retraction retraction) {
    }

    public record Edit(Text text, String reason, String editedBy, Instant at) {
    }

    public record Retraction(String reason, String retractedBy, Instant at) {
    }

    /** A conversation cited as a whole: its title (framing question) and its latest summary, if any. */
    public record ConversationWords(String conversationId, String title, Integer round, String room,
                                    Summary summary) {
    }

    /** {@code citedKeyPointIds}: the key points whose words the summary takes up. */
    public record Summary(String text, String summarisedBy, Instant at, List<String> citedKeyPointIds) {
    }

    /** A theme cited: its name and the key points tagged with it (as tagged when the version was published). */
    public record ThemeWords(String themeId, String name, String description, List<KeyPointWords> taggedPoints) {
    }

    /** A written idea: its words and the stakeholder group it came from. */
    public record IdeaWords(String ideaId, Group stakeholderGroup, Text text, Instant at) {
    }

    public record Group(String groupId, String name) {
    }

    /**
     * A voice of the appendix: a named speaker (pseudonym or "an erased participant"), the anonymous speakers of one
     * conversation, or the writers of ideas of one stakeholder group; with the conversations and groups and the
     * footnotes that cite them.
     */
    public record Voice(String voice, boolean anonymous, List<Group> stakeholderGroups,
                        List<ConversationRef> conversations, List<Integer> footnotes) {
    }

    public record ConversationRef(String conversationId, String title) {
    }

    /** A quote published although its speaker's consent to be quoted was missing, with the reason given. */
    public record ConsentOverride(String keyPointId, String gap, String reason) {
    }

    /** The sentences of one section, each with its citations (anchored ones and those of the whole section). */
    public record SectionSentences(String reportId, String version, String sectionId, int position, String heading,
                                   List<SentenceRef> sentences, List<CitationRef> wholeSection) {
    }

    public record SentenceRef(int index, String text, boolean startsParagraph, List<CitationRef> citations) {
    }

    /**
     * The voices behind one sentence, down to the original words: the footnotes it carries (its anchors' and the
     * whole section's), and every key point and idea behind them — directly, through a theme, or through the summary
     * of a conversation cited as a whole — with distinct voices counted per stakeholder group (each named speaker
     * once, each anonymous key point as its own voice, under "anonymous").
     */
    public record SentenceTrace(String reportId, String version, String sectionId, String heading, int index,
                                String text, List<Footnote> footnotes, List<TracedWords> words, int distinctVoices,
                                Map<String, Integer> voicesByStakeholderGroup,
                                Map<String, String> stakeholderGroupNames) {
    }

    /** Words behind a sentence and how they got there: "quoted", "cited", "theme …", "summary of conversation …". */
    public record TracedWords(int footnote, String via, KeyPointWords keyPoint, IdeaWords idea,
                              ContributedWords contributed) {
    }

    /** What changed between two versions (or a version and the draft), section by section. */
    public record Diff(String reportId, String from, String to, List<SectionDiff> sections, int added, int removed,
                       int changed, int unchanged) {
    }

    /**
     * One section's change: {@code ADDED}, {@code REMOVED}, {@code CHANGED} (position, heading, text or citations)
     * or {@code UNCHANGED}; the citations that came in and those that left.
     */
    public record SectionDiff(String sectionId, String change, Integer fromPosition, Integer toPosition,
                              String fromHeading, String toHeading, boolean headingChanged, String fromText,
                              String toText, boolean textChanged, List<CitationRef> citationsIn,
                              List<CitationRef> citationsOut) {
    }
}
