package org.consultationtracker.command.participant.privacy;

import org.consultationtracker.command.DomainRuleViolation;

/** Words cannot be encrypted for somebody who was never registered or whose key was destroyed by erasure. */
public class ParticipantKeyMissing extends DomainRuleViolation {

    ParticipantKeyMissing(String keyId) {
        super("no key " + keyId + " is held: the participant is not registered or has been erased");
    }
}
