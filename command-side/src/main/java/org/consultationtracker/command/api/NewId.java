package org.consultationtracker.command.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An id a client may choose for something new (absent means "make one up"): letters, digits, dot, underscore and
 * dash, 1 to 100 characters, starting with a letter or digit, so ids stay safe in paths and keys.
 */
@Documented
@Pattern(regexp = ApiIds.PATTERN, message = ApiIds.PATTERN_MESSAGE)
@Constraint(validatedBy = {})
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NewId {

    String message() default ApiIds.PATTERN_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
