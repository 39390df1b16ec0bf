package org.consultationtracker.boundary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Says which part of an unreadable body broke which rule, in the API's words: never Jackson's message (which names
 * internal classes) and never the rejected value (which may be huge, or personal).
 */
public final class JsonProblems {

    public static final String BODY = "body";

    private JsonProblems() {
    }

    /** The field and rule behind a body Spring could not read. */
    public static FieldProblem of(HttpMessageNotReadableException e) {
        JsonProcessingException json = firstJsonCause(e);
        if (json == null) {
            return new FieldProblem(BODY, "is required: send one JSON object");
        }
        return new FieldProblem(field(json), rule(json));
    }

    private static JsonProcessingException firstJsonCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    private static String field(JsonProcessingException e) {
        JsonProcessingException cause = innermost(e);
        if (cause instanceof JsonEOFException || cause instanceof StrictUtf8.Malformed
                || cause instanceof MismatchedInputException mismatch && mismatch.getMessage().startsWith("Trailing token")) {
            return BODY; // malformed UTF-8 is found as the bytes are read, ahead of the field Jackson is at
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            if (mapping.getPath().get(0).getFieldName() == null) {
                return BODY; // the body is an array, not an object
            }
            String path = path(mapping.getPath());
            String duplicate = duplicateName(cause);
            return duplicate == null || path.endsWith(duplicate) ? path : path + "." + duplicate;
        }
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String path = path(parser.getParsingContext());
            return path.isEmpty() || path.startsWith("[") ? BODY : path;
        }
        return BODY;
    }

    private static String rule(JsonProcessingException e) {
        JsonProcessingException cause = innermost(e);
        if (cause instanceof InputRuleViolation violation) {
            return violation.rule();
        }
        if (cause instanceof StrictUtf8.Malformed) {
            return StrictUtf8.RULE;
        }
        if (cause instanceof UnrecognizedPropertyException) {
            return "is not a property of this request";
        }
        if (isDuplicate(cause)) {
            return "appears more than once; each property may be given once";
        }
        if (cause instanceof StreamConstraintsException) {
            return "is too large or too deeply nested (at most " + StrictJson.MAX_NESTING_DEPTH
                    + " levels of nesting, numbers of at most " + StrictJson.MAX_NUMBER_LENGTH
                    + " digits, property names of at most " + StrictJson.MAX_NAME_LENGTH + " characters)";
        }
        if (cause instanceof InputCoercionException coercion) {
            return "is out of range for " + describe(coercion.getTargetType());
        }
        if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(enumValues(invalid.getTargetType()));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            if (mismatch.getMessage().startsWith("Trailing token")) {
                return "must hold one JSON value and nothing after it";
            }
            Class<?> target = mismatch.getTargetType();
            if (target != null && target.isEnum()) {
                return "must be one of " + Arrays.toString(enumValues(target));
            }
            if (target == null || mismatch.getMessage().contains("No content to map")) {
                return "is required: send one JSON object";
            }
            return "must be " + describe(target) + (mismatch.getMessage().contains("`null`") ? ", not null" : "");
        }
        if (cause instanceof JsonEOFException) {
            return "is not valid JSON: the body ends in the middle of a value";
        }
        return "is not valid JSON"
                + (cause.getLocation() == null ? "" : " (line " + cause.getLocation().getLineNr()
                + ", column " + cause.getLocation().getColumnNr() + ")");
    }

    /** The exception that says what was wrong: databind wraps parser errors to attach the path. */
    private static JsonProcessingException innermost(JsonProcessingException e) {
        JsonProcessingException innermost = e;
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                innermost = json;
            }
        }
        return innermost;
    }

    private static boolean isDuplicate(JsonProcessingException e) {
        return duplicateName(e) != null;
    }

    /** The repeated property's name, from the parser's "Duplicate field 'name'". */
    private static String duplicateName(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String prefix = "Duplicate field '";
        if (message == null || !message.startsWith(prefix) || message.length() <= prefix.length()) {
            return null;
        }
        return message.substring(prefix.length(), message.lastIndexOf('\'') > prefix.length()
                ? message.lastIndexOf('\'') : message.length());
    }

    /** {@code rounds[0].startsAt} from Jackson's reference path. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? BODY : path.toString();
    }

    /** The same from the parser's position, for errors found before databind knew the field. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
            if (level.inObject() && level.getCurrentName() != null) {
                path.insert(0, (level.getParent() != null && !level.getParent().inRoot() ? "." : "")
                        + level.getCurrentName());
            } else if (level.inArray()) {
                path.insert(0, "[" + Math.max(0, level.getCurrentIndex()) + "]");
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == Instant.class) {
            return "a date-time string in ISO-8601 form with an offset, e.g. 2021-06-12T10:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }

    /** The values as clients write them (honouring {@code @JsonProperty} on constants, e.g. "open-space"). */
    private static Object[] enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(constant -> {
            try {
                JsonProperty name = enumType.getField(((Enum<?>) constant).name()).getAnnotation(JsonProperty.class);
                return name != null ? name.value() : ((Enum<?>) constant).name();
            } catch (NoSuchFieldException impossible) {
                return ((Enum<?>) constant).name();
            }
        }).toArray();
    }
}
