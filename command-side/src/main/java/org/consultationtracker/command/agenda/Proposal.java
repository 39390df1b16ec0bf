package org.consultationtracker.command.agenda;

import org.consultationtracker.events.Wording;

import java.util.List;
import java.util.Objects;

/**
 * A proposal on the agenda as the Agenda aggregate needs it: who proposed and hosts it, what became of it, where it
 * sits. The question is kept as its event holds it (a {@link Wording}, encrypted when it is the proposer's words):
 * the aggregate only copies it onto {@code ConversationScheduled}, it never needs to read it.
 */
final class Proposal {

    /** {@code REVERSED}: a merged proposal whose merge was undone; it is off the agenda, its sources back on. */
    enum Status { OPEN, MERGED, SPLIT, WITHDRAWN, REVERSED }

    private final String proposalId;
    private final String proposerId;
    private final List<String> hostIds;
    private final List<String> mergedFrom;
    private Wording question;
    private Status status = Status.OPEN;
    private Slot slot;

    /** @param proposerId the participant whose words the proposal is; null for a merged or split proposal */
    Proposal(String proposalId, String proposerId, List<String> hostIds, Wording question) {
        this(proposalId, proposerId, hostIds, question, List.of());
    }

    /** @param mergedFrom the sources of a merged proposal, which a reversal brings back; empty otherwise */
    Proposal(String proposalId, String proposerId, List<String> hostIds, Wording question, List<String> mergedFrom) {
        this.proposalId = proposalId;
        this.proposerId = proposerId;
        this.hostIds = List.copyOf(hostIds);
        this.question = question;
        this.mergedFrom = List.copyOf(mergedFrom);
    }

    String proposalId() {
        return proposalId;
    }

    /** Whose words the question and pitch are; null when the facilitator and group wrote them (merge, split). */
    String proposerId() {
        return proposerId;
    }

    List<String> hostIds() {
        return hostIds;
    }

    /** The proposals this one was merged from; empty when it was not made by a merge. */
    List<String> mergedFrom() {
        return mergedFrom;
    }

    Wording question() {
        return question;
    }

    void reword(Wording newQuestion) {
        question = newQuestion;
    }

    Status status() {
        return status;
    }

    boolean isOpen() {
        return status == Status.OPEN;
    }

    Slot slot() {
        return slot;
    }

    boolean isScheduled() {
        return slot != null;
    }

    void end(Status newStatus) {
        status = newStatus;
        slot = null;
    }

    /** A source of a reversed merge is back on the agenda as it was before (merging needed it unscheduled). */
    void reopen() {
        status = Status.OPEN;
    }

    void placeIn(Slot newSlot) {
        slot = newSlot;
    }

    /** Value equality, so Axon's fixture can check that replaying the events rebuilds the same agenda. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Proposal that && proposalId.equals(that.proposalId)
                && Objects.equals(proposerId, that.proposerId) && hostIds.equals(that.hostIds)
                && mergedFrom.equals(that.mergedFrom)
                && Objects.equals(question, that.question) && status == that.status && Objects.equals(slot, that.slot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(proposalId, proposerId, hostIds, mergedFrom, question, status, slot);
    }

    record Slot(int round, String room) {

        @Override
        public String toString() {
            return "round " + round + ", room " + room;
        }
    }
}
