package org.consultationtracker.query.participation;

import java.time.Instant;
import java.util.List;

/**
 * Who came into a conversation's room and left it, in time order, with the number present after each step: the
 * participation model's presences laid out as the attendance chart draws them. Participants appear by label
 * (pseudonym, or "an erased participant"); the accounts that recorded the moves are not shown.
 *
 * @param roundOpenedAt        when the conversation's round was opened (null if not recorded)
 * @param endsAt               where the timeline ends: the round's close, or the latest event of the session while open
 * @param unmatchedDepartures  departures recorded for somebody nobody saw arrive (they change no count)
 */
public record PresenceTimeline(String conversationId, String agendaId, Integer round, String room,
                               Instant roundOpenedAt, Instant startedAt, Instant endsAt, List<Step> steps,
                               List<Step> unmatchedDepartures) {

    /**
     * @param kind                STARTED (the host opened the conversation), JOINED or LEFT
     * @param otherConversationId for JOINED the conversation they came from, for LEFT the one they went to; else null
     * @param present             people in the room after this step
     */
    public record Step(Instant at, String kind, String participantId, String label, boolean erased,
                       String otherConversationId, int present) {
    }
}
