package org.consultationtracker.command.feedback;

import org.consultationtracker.command.DomainRuleViolation;

class FeedbackRuleViolation extends DomainRuleViolation {

    FeedbackRuleViolation(String message) {
        super(message);
    }
}
