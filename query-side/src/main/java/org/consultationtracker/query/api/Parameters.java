package org.consultationtracker.query.api;

import org.consultationtracker.query.readmodel.AsOfBasis;
import org.consultationtracker.query.readmodel.InvalidFilter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Parsing of query parameters whose errors must name the parameter; an error never repeats the value given. */
final class Parameters {

    private Parameters() {
    }

    /** The instants a filter may name: the years 1 to 9999 (a store's dates hold no more). */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    static final String INSTANT_RULE = "must be an ISO-8601 instant such as 2021-03-10T10:00:00Z, between "
            + EARLIEST + " and " + LATEST;

    static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFilter(parameter, INSTANT_RULE);
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidFilter(parameter, INSTANT_RULE);
        }
        return instant;
    }

    /** {@code said} or {@code recorded} (any case); none means recorded. */
    static AsOfBasis asOfBasis(String value) {
        if (value == null || value.isBlank()) {
            return AsOfBasis.RECORDED;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "said" -> AsOfBasis.SAID;
            case "recorded" -> AsOfBasis.RECORDED;
            default -> throw new InvalidFilter("asOfBasis", "must be 'said' (by the time it happened) or 'recorded' "
                    + "(by the time it was recorded)");
        };
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
