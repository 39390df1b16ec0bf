package org.consultationtracker.query.participation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Participation numbers, as the report quotes them ("the initial number or the highest sustained number"). */
public final class ParticipationView {

    private ParticipationView() {
    }

    public record Conversation(String conversationId, String agendaId, Integer round, String room, String question,
                               Instant startedAt, Instant endedAt, int initial, int peak, int highestSustained,
                               int uniqueVisitors, List<Movement> arrivalsFrom, List<Movement> departuresTo,
                               int unmatchedDepartures, List<GroupCounts> byStakeholderGroup) {
    }

    /** How many moved between this room and another conversation's room. */
    public record Movement(String conversationId, int count) {
    }

    /** The same numbers for the members of one stakeholder group (someone in two groups counts in both). */
    public record GroupCounts(String stakeholderGroupId, String name, int initial, int peak, int highestSustained,
                              int uniqueVisitors) {
    }

    /** Sums over a round's conversations; unique visitors are distinct people across the round. */
    public record Round(int round, Instant openedAt, Instant closedAt, int conversations, int initialTotal,
                        int peakTotal, int highestSustainedTotal, int uniqueVisitors, int movesBetweenRooms,
                        List<GroupCounts> byStakeholderGroup, List<Conversation> conversationDetails) {
    }

    public record Session(String agendaId, Duration sustainedThreshold, Duration initialWindow, int conversations,
                          int initialTotal, int peakTotal, int highestSustainedTotal, int uniqueVisitors,
                          int movesBetweenRooms, List<GroupCounts> byStakeholderGroup, List<Round> rounds,
                          Instant asOf) {
    }
}
