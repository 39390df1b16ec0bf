package org.consultationtracker.query.api;

import org.consultationtracker.query.readmodel.InvalidFilter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Parsing of query parameters whose errors must name the parameter. */
final class Parameters {

    private Parameters() {
    }

    static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFilter(parameter, "must be an ISO-8601 instant such as 2021-03-10T10:00:00Z; got '"
                    + value + "'");
        }
    }

    static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidFilter(parameter, "must be one of " + Arrays.toString(type.getEnumConstants())
                    + "; got '" + value + "'");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
