package org.consultationtracker.query.api;

import org.consultationtracker.query.readmodel.InvalidFilter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Parsing of query parameters whose errors must name the parameter. */
final class Parameters {

    /** The times a filter may name: wide enough for any record, narrow enough for every store's date type. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Parameters() {
    }

    static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFilter(parameter, "must be an ISO-8601 instant such as 2021-03-10T10:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidFilter(parameter, "must be between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }

    static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidFilter(parameter, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
