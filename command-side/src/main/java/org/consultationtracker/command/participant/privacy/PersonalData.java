package org.consultationtracker.command.participant.privacy;

/** A participant's personal data in clear, for an administrator. Contact and self-description may be null. */
public record PersonalData(String participantId, String pseudonym, String name, String contact,
                           String selfDescription) {
}
