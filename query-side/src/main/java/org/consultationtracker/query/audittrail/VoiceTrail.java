package org.consultationtracker.query.audittrail;

import org.consultationtracker.query.agenda.AgendaView.Slot;
import org.consultationtracker.query.audittrail.AuditTrailView.KeyPoint;
import org.consultationtracker.query.audittrail.AuditTrailView.PlenarySummary;
import org.consultationtracker.query.audittrail.AuditTrailView.Stay;
import org.consultationtracker.query.coverage.CoverageView.SectionRef;
import org.consultationtracker.query.coverage.CoverageView.Text;
import org.consultationtracker.query.coverage.Fate;
import org.consultationtracker.query.feedback.SessionFeedbackView.CitingSection;
import org.consultationtracker.query.feedback.SessionFeedbackView.PublishedCitation;
import org.consultationtracker.query.participants.ParticipantDirectory.ConsentChange;
import org.consultationtracker.query.participants.ParticipantDirectory.Erasure;
import org.consultationtracker.query.participants.ParticipantDirectory.StakeholderGroup;

import java.time.Instant;
import java.util.List;

/**
 * Everything the query side holds about one participant, for the participant themself: every contribution and what
 * became of it, their consents now and every change to them, and their erasure. Nothing in it describes anybody
 * else: proposals show their own question and outcome, not who else proposed or hosted. Personal data in clear (name,
 * contact, self-description) is not here: only the command side can decrypt it.
 *
 * @param label             their pseudonym, or "an erased participant"
 * @param erasure           how and on whose request they were erased; null while they are not
 * @param consents          the purposes they consent to now
 * @param consentHistory    every consent given or withdrawn, oldest first
 * @param keyPoints         key points attributed to them, each with its original words beside every edit, and its fate
 * @param plenarySummaries  conversation summaries they presented to a plenary (collective text)
 * @param attendance        the conversations they were in, and when
 * @param feedback          the feedback they gave on a session as a whole, oldest first, and where reports cite it
 */
public record VoiceTrail(String participantId, String label, boolean erased, Erasure erasure,
                         List<StakeholderGroup> stakeholderGroups, List<String> consents,
                         List<ConsentChange> consentHistory, List<Proposal> proposals, List<KeyPoint> keyPoints,
                         List<Idea> ideas, List<PlenaryContribution> plenaryContributions,
                         List<PlenarySummary> plenarySummaries, List<Stay> attendance,
                         List<OwnFeedback> feedback) {

    /**
     * A conversation they proposed and what happened to it.
     *
     * @param status             PROPOSED, MERGED, SPLIT, WITHDRAWN or SCHEDULED
     * @param whatHappened       the outcome in words, following merges to where the proposal ended up
     * @param finalProposalId    where it ended up after merges (itself when not merged); a scheduled proposal's id is
     *                           its conversation's
     * @param slot               where that final proposal was scheduled (round, room), or null
     * @param conversationStatus of that final proposal's conversation: SCHEDULED, IN_PROGRESS, HELD or NOT_HELD
     */
    public record Proposal(String proposalId, String agendaId, String question, String pitch, String status,
                           String whatHappened, String mergedInto, String finalProposalId, List<String> splitInto,
                           String withdrawnReason, Slot slot, String conversationStatus) {
    }

    /** A written idea with its fate ({@link Fate#CITED} or {@link Fate#NOT_YET_HANDLED}). */
    public record Idea(String ideaId, Text text, Instant at, Fate fate, String fateDetail, List<SectionRef> citedIn) {
    }

    /**
     * Something they added in a plenary about a conversation, with its fate: {@link Fate#CITED} when a report section
     * cites it ({@code PLENARY_CONTRIBUTION}), {@link Fate#CITED_WITH_CONVERSATION} when one cites the conversation as
     * a whole, else {@link Fate#NOT_YET_HANDLED}.
     */
    public record PlenaryContribution(String contributionId, String conversationId, String question, Text text,
                                      Instant at, Fate fate, String fateDetail, List<SectionRef> citedIn) {
    }

    /**
     * Feedback they gave on a session as a whole (not about a conversation).
     *
     * @param text        their words, or that they were withdrawn at erasure
     * @param verbatim    the words are their own, as a report may print them (else as noted by somebody)
     * @param citedIn     the report sections whose current draft cites it
     * @param publishedIn every published report version that cites it, and in which section
     */
    public record OwnFeedback(String feedbackId, String consultationId, String sessionId, Text text, boolean verbatim,
                           Instant at, List<CitingSection> citedIn, List<PublishedCitation> publishedIn) {
    }
}
