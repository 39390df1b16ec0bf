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
import java.time.Clock;
import java.time.Instant;

/**
 * When something happened: not before {@link Bounds#EARLIEST} and not after now plus {@link Bounds#CLOCK_SKEW} (a note
 * typed up later keeps its real time, but nothing is recorded as having happened in the future). Absent is valid: the
 * service then uses the time it records the command.
 */
@Documented
@Constraint(validatedBy = HappenedAt.Validator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface HappenedAt {

    String RULE = "must be between 1900-01-01T00:00:00Z and now (this server's clock, plus 5 minutes)";

    String message() default RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HappenedAt, Instant> {

        private final Clock clock = Clock.systemUTC();

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(Bounds.EARLIEST)
                    && !value.isAfter(clock.instant().plus(Bounds.CLOCK_SKEW)));
        }
    }
}
