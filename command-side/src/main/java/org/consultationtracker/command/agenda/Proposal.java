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

    enum Status { OPEN, MERGED, SPLIT, WITHDRAWN }

    private final String proposalId;
    private final String proposerId;
    private final List<String> hostIds;
    private Wording question;
    private Status status = Status.OPEN;
    private Slot slot;

    /** @param proposerId the participant whose words the proposal is; null for a merged or split proposal */
    Proposal(String proposalId, String proposerId, List<String> hostIds, Wording question) {
        this.proposalId = proposalId;
        this.proposerId = proposerId;
        this.hostIds = List.copyOf(hostIds);
        this.question = question;
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

    void placeIn(Slot newSlot) {
        slot = newSlot;
    }

    /** Value equality, so Axon's fixture can check that replaying the events rebuilds the same agenda. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Proposal that && proposalId.equals(that.proposalId)
                && Objects.equals(proposerId, that.proposerId) && hostIds.equals(that.hostIds)
                && Objects.equals(question, that.question) && status == that.status && Objects.equals(slot, that.slot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(proposalId, proposerId, hostIds, question, status, slot);
    }

    record Slot(int round, String room) {

        @Override
        public String toString() {
            return "round " + round + ", room " + room;
        }
    }
}
