package org.consultationtracker.command.api.contract;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Collection;

/**
 * Free text: when present, not blank and at most {@link #max()} characters (Unicode code points, counted after NFC).
 * That it is valid Unicode without control characters is checked as the body is read (see
 * {@code org.consultationtracker.boundary.TextRule}). Absent is valid; add {@code @NotNull} where text is required.
 * On a list, every element must be such a text (and present); a broken element is reported as {@code field[index]}.
 */
@Documented
@Constraint(validatedBy = {Text.Validator.class, Text.ListValidator.class})
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

    int max();

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Text, String> {

        private int max;

        @Override
        public void initialize(Text annotation) {
            this.max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String broken = value == null ? null : brokenRule(value, max);
            if (broken != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(broken).addConstraintViolation();
            }
            return broken == null;
        }

        /** The rule {@code value} breaks, or null. */
        static String brokenRule(String value, int max) {
            if (value.isBlank()) {
                return "must not be blank";
            }
            if (value.length() > max && value.codePointCount(0, value.length()) > max) {
                return "must be at most " + max + " characters";
            }
            return null;
        }
    }

    class ListValidator implements ConstraintValidator<Text, Collection<String>> {

        private int max;

        @Override
        public void initialize(Text annotation) {
            this.max = annotation.max();
        }

        @Override
        public boolean isValid(Collection<String> values, ConstraintValidatorContext context) {
            return values == null || Elements.allValid(values, context,
                    value -> value == null ? "must not be null" : Validator.brokenRule(value, max));
        }
    }

}
