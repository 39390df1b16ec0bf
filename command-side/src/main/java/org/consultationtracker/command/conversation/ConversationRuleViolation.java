package org.consultationtracker.command.conversation;

import org.consultationtracker.command.DomainRuleViolation;

class ConversationRuleViolation extends DomainRuleViolation {

    ConversationRuleViolation(String message) {
        super(message);
    }
}
