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
import java.time.Duration;
import java.time.Instant;

/**
 * A planned time span (a session, a round of the grid): both ends between {@link Bounds#EARLIEST} and now plus
 * {@link Bounds#PLANNING_HORIZON}, the end after the start, and no longer than {@link #longestHours()}. Put it on a
 * request record that implements {@link Planned}; each broken rule is reported on {@code startsAt} or
 * {@code endsAt}.
 */
@Documented
@Constraint(validatedBy = Period.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Period {

    String WINDOW_RULE = "must be between 1900-01-01T00:00:00Z and ten years from now";
    String DOCUMENTATION = "Between 1900-01-01T00:00:00Z and ten years from now; endsAt after startsAt.";

    long longestHours();

    String message() default "is not a valid period";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A request that plans a span of time. */
    interface Planned {
        Instant startsAt();

        Instant endsAt();
    }

    class Validator implements ConstraintValidator<Period, Planned> {

        private final Clock clock = Clock.systemUTC();
        private Duration longest;

        @Override
        public void initialize(Period annotation) {
            this.longest = Duration.ofHours(annotation.longestHours());
        }

        @Override
        public boolean isValid(Planned planned, ConstraintValidatorContext context) {
            if (planned == null || planned.startsAt() == null || planned.endsAt() == null) {
                return true; // @NotNull on the fields says what is missing
            }
            context.disableDefaultConstraintViolation();
            Instant latest = clock.instant().plus(Bounds.PLANNING_HORIZON);
            boolean valid = true;
            if (outside(planned.startsAt(), latest)) {
                valid = broken(context, "startsAt", WINDOW_RULE);
            }
            if (outside(planned.endsAt(), latest)) {
                valid = broken(context, "endsAt", WINDOW_RULE);
            }
            if (valid && !planned.endsAt().isAfter(planned.startsAt())) {
                valid = broken(context, "endsAt", "must be after startsAt");
            }
            if (valid && Duration.between(planned.startsAt(), planned.endsAt()).compareTo(longest) > 0) {
                valid = broken(context, "endsAt", "must be at most " + longest.toHours() + " hours after startsAt");
            }
            return valid;
        }

        private static boolean outside(Instant instant, Instant latest) {
            return instant.isBefore(Bounds.EARLIEST) || instant.isAfter(latest);
        }

        private static boolean broken(ConstraintValidatorContext context, String field, String rule) {
            context.buildConstraintViolationWithTemplate(rule).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
