package org.consultationtracker.query.agenda;

import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The agenda of one Open Space session: the grid, what is in each slot, and how every proposal got there.
 * {@code announced} is what a source announced about it (null when nothing was); {@code announcedVsRecorded} lists
 * where that differs from the conversations recorded on the grid.
 */
public record AgendaView(String agendaId, String consultationId, String title, String framingQuestion,
                         List<String> rooms, List<RoundView> rounds, List<SlotView> grid,
                         List<ProposalView> proposals, List<String> discrepancies, Instant asOf,
                         Announcement announced, List<String> announcedVsRecorded) {

    /** As the source wrote it: a total ({@code null} when not given) and numbers per round (round 1 first). */
    public record Announcement(Integer conversations, List<Integer> perRound, String asWritten, String source,
                               Instant at) {
    }

    public record RoundView(int round, Instant startsAt, Instant endsAt, Instant openedAt, Instant closedAt,
                            String status) {
    }

    public record SlotView(int round, String room, List<SlotConversation> conversations) {
    }

    public record SlotConversation(String conversationId, String question, List<ParticipantRef> hosts,
                                   String status) {
    }

    /**
     * @param finalProposalId     where this proposal ended up after following merges of merges (itself if live)
     * @param originalProposalIds the first-hand proposals a merged proposal came from, transitively
     * @param conversationStatus  SCHEDULED, IN_PROGRESS, HELD or NOT_HELD once scheduled; otherwise null
     */
    public record ProposalView(String proposalId, String question, String pitch, ParticipantRef proposer,
                               List<ParticipantRef> hosts, String status, String mergedInto, String finalProposalId,
                               List<String> mergedFrom, List<String> originalProposalIds, String splitFrom,
                               List<String> splitInto, List<String> clarifiedAgainst, String withdrawnReason,
                               Slot slot, String conversationStatus, List<LineageStep> lineage) {
    }

    public record Slot(int round, String room) {
    }

    public record LineageStep(String kind, Instant at, Map<String, Object> details) {
    }
}
