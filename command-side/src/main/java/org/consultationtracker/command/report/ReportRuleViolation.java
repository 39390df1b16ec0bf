package org.consultationtracker.command.report;

import org.consultationtracker.command.DomainRuleViolation;

class ReportRuleViolation extends DomainRuleViolation {

    ReportRuleViolation(String message) {
        super(message);
    }
}
