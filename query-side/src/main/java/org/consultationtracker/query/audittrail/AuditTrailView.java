package org.consultationtracker.query.audittrail;

import org.consultationtracker.query.agenda.AgendaView.ProposalView;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.coverage.CoverageView.SectionRef;
import org.consultationtracker.query.coverage.CoverageView.Text;
import org.consultationtracker.query.coverage.Fate;
import org.consultationtracker.query.coverage.KeyPointFates;
import org.consultationtracker.query.participants.ParticipantDirectory.Erasure;
import org.consultationtracker.query.participants.ParticipantDirectory.StakeholderGroup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The audit trail: how a participant's voice, or the voices behind a report section, travelled. */
public final class AuditTrailView {

    private AuditTrailView() {
    }

    /**
     * @param erasure  how and on whose request they were erased (who asked, why, where the request is recorded); null
     *                 while they are not
     * @param consents the purposes they consent to now ({@code TAKE_PART}, {@code BE_QUOTED}, {@code BE_CONTACTED})
     */
    public record Participant(String participantId, String label, boolean erased, Erasure erasure,
                              List<StakeholderGroup> stakeholderGroups, List<String> consents,
                              List<ProposalView> proposals,
                              List<Stay> attendance, List<KeyPoint> keyPoints, List<PlenarySummary> plenarySummaries,
                              List<Contribution> plenaryContributions, List<Idea> ideas) {
    }

    /** A stay in a conversation's room; one nobody saw end ends with its round; {@code minutes} is null while open. */
    public record Stay(String conversationId, String agendaId, int round, String room, String question,
                       Instant from, Instant to, Long minutes, String arrivedFrom, String departedTo) {
    }

    /**
     * A key point with its original words beside every edit, and its fate ("not cited" when it has none).
     *
     * @param moves     its moves between conversations, oldest first (the fate names where it is now)
     * @param notInRoom its speaker was not in the room of the conversation holding it at the time said: a discrepancy
     */
    public record KeyPoint(KeyPointCoverage fate, Text original, List<Edit> edits, List<String> themeIds,
                           List<Move> moves, boolean notInRoom) {
    }

    /** A key point moved from one conversation to another; {@code movedBy} shown as editors are. */
    public record Move(String fromConversationId, String toConversationId, String reason, String movedBy,
                       Instant at) {
    }

    public record Edit(Text text, String reason, String editedBy, Instant at) {
    }

    /** What they told the plenary about a conversation (collective text, kept in clear). */
    public record PlenarySummary(String conversationId, int round, String summary, Instant at) {
    }

    public record Contribution(String contributionId, String conversationId, Text text, Instant at) {
    }

    /** A written idea with its fate: {@code CITED} when a report section cites it, else {@code NOT_YET_HANDLED}. */
    public record Idea(String ideaId, String stakeholderGroupId, Text text, Instant at, Fate fate, String fateDetail,
                       List<SectionRef> citedIn) {
    }

    /**
     * @param voicesByStakeholderGroup distinct named voices per group (anonymous key points counted under "anonymous")
     * @param quotedWithoutConsent     key points the draft quotes verbatim whose speaker does not consent (or no
     *                                 longer consents) to be quoted: publishing them needs a consent override
     * @param publishedVersion         the report's latest published version if it holds this section, else null
     * @param correctionsNeeded        quotes of this section in that version whose speaker withdrew consent or was
     *                                 erased after it was published
     * @param plenaryContributions     the plenary contributions the section cites, with their words and fate
     */
    public record Section(String sectionId, String reportId, int position, String heading, String text,
                          List<Citation> citations, List<KeyPoint> keyPoints, List<Idea> ideas,
                          int distinctVoices, Map<String, Integer> voicesByStakeholderGroup,
                          Map<String, String> stakeholderGroupNames, List<String> quotedWithoutConsent,
                          Integer publishedVersion, List<CorrectionNeeded> correctionsNeeded,
                          List<KeyPointFates.ContributionFate> plenaryContributions) {
    }

    /** @param consentOverride set when the latest published version quotes this under a consent override */
    public record Citation(String kind, String targetId, ConsentOverride consentOverride) {
    }

    /**
     * A quote published although its speaker's consent to be quoted was missing.
     *
     * @param gap    what was missing: {@code NOT_GIVEN}, {@code WITHDRAWN} or {@code SPEAKER_ERASED}
     * @param reason why it was published anyway, as the publisher gave it
     * @param by     who published it
     */
    public record ConsentOverride(String gap, String reason, String by, int version) {
    }

    /**
     * A quote of the latest published version that needs correcting, because after that publication its speaker
     * withdrew consent to be quoted ({@code CONSENT_WITHDRAWN}) or was erased ({@code SPEAKER_ERASED}, or
     * {@code WORDS_WITHDRAWN} when their words went with them).
     *
     * @param description what happened, in plain words
     * @param occurredAt  when it happened; {@code recordedAt} and {@code position} say when and where it was recorded
     */
    public record CorrectionNeeded(String sectionId, String heading, String keyPointId, String change,
                                   String description, Instant occurredAt, Instant recordedAt, long position) {
    }

    /** A quote of the latest published version published under a consent override. */
    public record OverriddenQuote(String sectionId, String heading, String keyPointId, ConsentOverride override) {
    }

    /**
     * The consent standing of a report's latest published version: the quotes it published under a consent override,
     * and the corrections needed since. Publishing a new version that no longer quotes them empties the list.
     */
    public record PublishedReport(String reportId, int version, Instant publishedAt, Instant recordedAt,
                                  String publishedBy, List<OverriddenQuote> consentOverrides,
                                  List<CorrectionNeeded> correctionsNeeded) {
    }
}
