package org.consultationtracker.command.participant.privacy;

/** The participant was erased: their personal data is gone for good (HTTP 410). */
public class ParticipantGone extends RuntimeException {

    ParticipantGone(String participantId) {
        super("participant " + participantId + " has been erased; their personal data can no longer be read");
    }
}
