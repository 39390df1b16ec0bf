package org.consultationtracker.query.readmodel;

import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;

/** Small helpers for building read-model documents, which are nested {@link Document}s and lists. */
public final class Docs {

    private Docs() {
    }

    /** The list under {@code key}, created empty if missing. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> list(Document document, String key) {
        Object value = document.get(key);
        if (value == null) {
            List<T> created = new ArrayList<>();
            document.put(key, created);
            return created;
        }
        return (List<T>) value;
    }

    /** Adds {@code value} unless it is already there (keeps first-seen order, so rebuilds match). */
    public static void addOnce(Document document, String key, Object value) {
        List<Object> values = list(document, key);
        if (!values.contains(value)) {
            values.add(value);
        }
    }

    public static Document findIn(List<Document> documents, Predicate<Document> predicate) {
        for (Document document : documents) {
            if (predicate.test(document)) {
                return document;
            }
        }
        return null;
    }

    /** The element of {@code key} whose {@code idField} equals {@code id}, created if missing. */
    public static Document element(Document document, String key, String idField, Object id) {
        List<Document> elements = list(document, key);
        Document found = findIn(elements, e -> id.equals(e.get(idField)));
        if (found == null) {
            found = new Document(idField, id);
            elements.add(found);
        }
        return found;
    }

    /** The range of a BSON date: milliseconds since the epoch in a signed 64-bit integer. */
    private static final Instant EARLIEST_DATE = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant LATEST_DATE = Instant.ofEpochMilli(Long.MAX_VALUE);

    /**
     * Times are stored as BSON dates (millisecond precision) so that Mongo and memory sessions agree. An instant a
     * BSON date cannot hold (hundreds of millions of years away: the API refuses such times, but a store written before
     * it did may hold them) is kept as its ISO-8601 text rather than stopping the read model.
     */
    public static Object time(Instant instant) {
        if (instant == null) {
            return null;
        }
        if (instant.isBefore(EARLIEST_DATE) || instant.isAfter(LATEST_DATE)) {
            return instant.toString();
        }
        return Date.from(instant);
    }

    /** A time stored by {@link #time}; null when missing, or when the value is not a time at all. */
    public static Instant instant(Document document, String key) {
        Object value = document.get(key);
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code instant + duration}, or the last (first) instant there is instead of overflowing. */
    public static Instant plusSaturating(Instant instant, java.time.Duration duration) {
        try {
            return instant.plus(duration);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return duration.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    @SuppressWarnings("unchecked")
    public static List<String> strings(Document document, String key) {
        Object value = document.get(key);
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Document> documents(Document document, String key) {
        Object value = document.get(key);
        return value == null ? List.of() : (List<Document>) value;
    }
}
