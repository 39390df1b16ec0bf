package org.consultationtracker.boundary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value of the right type that breaks a rule of the input contract (text that is not valid Unicode, a time
 * that is not an ISO-8601 instant). Thrown while reading the body, so Jackson attaches the field's path; its message is
 * the rule, written for the client, and never repeats the value.
 */
public class InputRuleViolation extends MismatchedInputException {

    private final String rule;

    public InputRuleViolation(JsonParser parser, String rule, Class<?> targetType) {
        super(parser, rule, targetType);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
