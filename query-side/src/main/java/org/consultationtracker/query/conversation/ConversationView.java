package org.consultationtracker.query.conversation;

import org.consultationtracker.query.coverage.CoverageView.SectionRef;
import org.consultationtracker.query.coverage.CoverageView.Text;
import org.consultationtracker.query.coverage.Fate;
import org.consultationtracker.query.coverage.KeyPointFates;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;

import java.time.Instant;
import java.util.List;

/**
 * One conversation as the record holds it: where and by whom it was hosted, its latest summary, what its host told the
 * plenary, and every key point with its original words beside every edit and what became of it; the plenary
 * contributions about it (reactions and added points from the plenary), each with its fate.
 */
/**
 * @param movedOut      key points once filed here and moved to the conversation they belong to (each with where, why
 *                      and when), so a reader of this page learns where they went
 * @param discrepancies what looks wrong in the record and is shown rather than fixed: a key point whose speaker was
 *                      not in the room at the time it was said
 */
public record ConversationView(String conversationId, String agendaId, String question, Integer round, String room,
                               List<ParticipantRef> hosts, Summary summary, PlenarySummary plenarySummary,
                               List<KeyPoint> keyPoints, List<Theme> themes,
                               List<KeyPointFates.ContributionFate> plenaryContributions, List<MovedOut> movedOut,
                               List<String> discrepancies) {

    /** The latest summary (a later one supersedes an earlier one); {@code summarisedBy} is a username. */
    /**
     * @param withdrawnWordsCited the cited key points whose words were withdrawn at the speaker's request (erasure
     *                            with their words): the summary is the group's record and stays in clear, so it may
     *                            repeat those words and needs a new summary; empty when none
     */
    public record Summary(String text, String summarisedBy, Instant at, List<String> citedKeyPointIds,
                          List<String> withdrawnWordsCited) {
    }

    /** What the host told the plenary (collective text, in clear); {@code presentedBy} null when not recorded. */
    public record PlenarySummary(String text, ParticipantRef presentedBy, int round, Instant at) {
    }

    /**
     * @param speaker   the speaker's pseudonym, "an erased participant" after erasure, or "anonymous"
     * @param original  the words first recorded; {@code current} the last edit's (or the original)
     * @param fateDetail in words: "cited in section 3 (Housing)", "summarised …", "not yet handled", "retracted: …"
     * @param moves      every move between conversations, oldest first (empty when it never moved)
     * @param notInRoom  true when its speaker was not in this conversation's room at the time said (no recorded stay
     *                   covers {@code saidAt}): a discrepancy, shown, not a refusal
     */
    public record KeyPoint(String keyPointId, String kind, boolean verbatim, String speakerId, String speaker,
                           boolean speakerErased, Instant saidAt, String recordedBy, Text original, List<Edit> edits,
                           Text current, Retraction retraction, Fate fate, String fateDetail,
                           List<SectionRef> citedIn, List<String> themeIds, List<Move> moves, boolean notInRoom) {
    }

    /** {@code movedBy} is a username, shown only where the recorder would be (see {@code recordedBy}). */
    public record Move(String fromConversationId, String toConversationId, String reason, String movedBy,
                       Instant at) {
    }

    public record MovedOut(String keyPointId, String toConversationId, String reason, Instant at) {
    }

    public record Edit(Text text, String editedBy, String reason, Instant at) {
    }

    public record Retraction(String reason, String retractedBy, Instant at) {
    }

    public record Theme(String themeId, String reportId, String name) {
    }
}
