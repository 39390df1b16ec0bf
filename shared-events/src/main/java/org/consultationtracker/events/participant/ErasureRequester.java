package org.consultationtracker.events.participant;

/** Who asked for a participant to be erased. */
public enum ErasureRequester {
    /** The participant, signed in to their own account. */
    THE_PARTICIPANT,
    /**
     * Staff (a facilitator or an admin), acting on a request the participant made elsewhere (a letter, a call, a
     * form); the event names where that request is recorded.
     */
    ON_THEIR_BEHALF,
    /** Erasures recorded before the product asked who requested them (events of revision 1). */
    NOT_RECORDED
}
