package org.consultationtracker.command.ideas;

import org.consultationtracker.command.DomainRuleViolation;

class IdeaRuleViolation extends DomainRuleViolation {

    IdeaRuleViolation(String message) {
        super(message);
    }
}
