package org.consultationtracker.command.agenda;

import org.consultationtracker.command.DomainRuleViolation;

class AgendaRuleViolation extends DomainRuleViolation {

    AgendaRuleViolation(String message) {
        super(message);
    }
}
