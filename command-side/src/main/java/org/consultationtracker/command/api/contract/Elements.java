package org.consultationtracker.command.api.contract;

import jakarta.validation.ConstraintValidatorContext;

import java.util.Collection;
import java.util.function.Function;

/** Checks every element of a list against one rule, reporting each broken element as {@code field[index]}. */
final class Elements {

    private Elements() {
    }

    /** @param brokenRule the rule an element breaks, or null when it is fine */
    static <T> boolean allValid(Collection<T> values, ConstraintValidatorContext context,
                                Function<T, String> brokenRule) {
        boolean valid = true;
        int index = 0;
        for (T value : values) {
            String broken = brokenRule.apply(value);
            if (broken != null) {
                if (valid) {
                    context.disableDefaultConstraintViolation();
                }
                context.buildConstraintViolationWithTemplate(broken)
                       .addBeanNode().inIterable().atIndex(index).addConstraintViolation();
                valid = false;
            }
            index++;
        }
        return valid;
    }
}
