package org.consultationtracker.eventstore.verify;

/** The first place the stored history stops verifying: the position, the aggregate if any, and what is wrong. */
public record ChainBreak(long position, String aggregateId, String reason) {

    @Override
    public String toString() {
        return "position " + position + (aggregateId == null ? "" : " (aggregate " + aggregateId + ")") + ": " + reason;
    }
}
