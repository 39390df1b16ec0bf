package org.consultationtracker.command;

/**
 * A command broke one of the domain's rules. Each capability throws its own subclass so tests and logs say where the
 * rule lives; the API maps every one of them to 422 with the message as the problem's detail, so the message is
 * written for the person who sent the command.
 */
public abstract class DomainRuleViolation extends RuntimeException {

    protected DomainRuleViolation(String message) {
        super(message);
    }
}
