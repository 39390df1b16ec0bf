package org.consultationtracker.command.api;

/**
 * A request field breaks a rule that depends on who sends it (so bean validation cannot check it): HTTP 400 naming
 * the field, and nothing is recorded. The message is the rule and never repeats the value.
 */
class FieldRuleBroken extends RuntimeException {

    private final String field;

    FieldRuleBroken(String field, String rule) {
        super(rule);
        this.field = field;
    }

    String field() {
        return field;
    }
}
