package org.consultationtracker.command.participant;

import org.consultationtracker.command.DomainRuleViolation;

class ParticipantRuleViolation extends DomainRuleViolation {

    ParticipantRuleViolation(String message) {
        super(message);
    }
}
