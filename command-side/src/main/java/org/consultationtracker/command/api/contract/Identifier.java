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
import java.util.regex.Pattern;

/**
 * An id, whether it names something new (absent: the service makes one up) or something that exists: {@value
 * Bounds#ID_RULE}. Absent ({@code null}) is valid; add {@code @NotNull} where an id is required. On a list, every
 * element must be such an id (and present); a broken element is reported as {@code field[index]}.
 */
@Documented
@Constraint(validatedBy = {Identifier.Validator.class, Identifier.ListValidator.class})
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Identifier {

    String message() default Bounds.ID_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    Pattern ID = Pattern.compile(Bounds.ID_PATTERN);

    class Validator implements ConstraintValidator<Identifier, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ID.matcher(value).matches();
        }
    }

    class ListValidator implements ConstraintValidator<Identifier, Collection<String>> {

        @Override
        public boolean isValid(Collection<String> values, ConstraintValidatorContext context) {
            return values == null || Elements.allValid(values, context,
                    value -> value == null ? "must not be null" : ID.matcher(value).matches() ? null : Bounds.ID_RULE);
        }
    }
}
