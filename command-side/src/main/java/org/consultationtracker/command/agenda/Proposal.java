package org.consultationtracker.command.agenda;

import java.util.List;
import java.util.Objects;

/** A proposal on the agenda as the Agenda aggregate needs it: who hosts it, what became of it, where it sits. */
final class Proposal {

    enum Status { OPEN, MERGED, SPLIT, WITHDRAWN }

    private final String proposalId;
    private final List<String> hostIds;
    private String question;
    private Status status = Status.OPEN;
    private Slot slot;

    Proposal(String proposalId, List<String> hostIds, String question) {
        this.proposalId = proposalId;
        this.hostIds = List.copyOf(hostIds);
        this.question = question;
    }

    String proposalId() {
        return proposalId;
    }

    List<String> hostIds() {
        return hostIds;
    }

    String question() {
        return question;
    }

    void reword(String newQuestion) {
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
        return other instanceof Proposal that && proposalId.equals(that.proposalId) && hostIds.equals(that.hostIds)
                && Objects.equals(question, that.question) && status == that.status && Objects.equals(slot, that.slot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(proposalId, hostIds, question, status, slot);
    }

    record Slot(int round, String room) {

        @Override
        public String toString() {
            return "round " + round + ", room " + room;
        }
    }
}
