package org.consultationtracker.command.participant.privacy;

/** The participant was erased: their personal data is gone for good (HTTP 410). */
public class ParticipantGone extends RuntimeException {

    private ParticipantGone(String message) {
        super(message);
    }

    static ParticipantGone unreadable(String participantId) {
        return new ParticipantGone("participant " + participantId
                + " has been erased; their personal data can no longer be read");
    }

    /** An erased participant's id cannot be registered again: their keys are gone for good. */
    public static ParticipantGone cannotRegisterAgain(String participantId) {
        return new ParticipantGone("participant " + participantId
                + " has been erased; the id cannot be registered again");
    }
}
