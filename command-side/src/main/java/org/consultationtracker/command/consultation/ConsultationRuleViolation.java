package org.consultationtracker.command.consultation;

import org.consultationtracker.command.DomainRuleViolation;

class ConsultationRuleViolation extends DomainRuleViolation {

    ConsultationRuleViolation(String message) {
        super(message);
    }
}
