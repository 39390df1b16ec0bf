package org.consultationtracker.importer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Every time the importer sends. The report gives no date and no clock time (dataset D-29, A-07), so all of these are
 * <b>assumed</b> and documented in docs/dataset.md ("Assumptions of the importer"): the event is laid out on
 * {@code eventDate} (default {@link #DEFAULT_EVENT_DATE}, deliberately not a plausible real date), in UTC:
 *
 * <pre>
 * 09:00          consultation started, session scheduled, participants registered
 * 10:00          event starts (it lasted six hours: ends 16:00); framing question posed, grid defined
 * 10:05-10:45    proposals, one a minute in listing order; 10:50 onwards scheduled, five seconds apart
 * 11:00, 12:30, 14:00   rounds 1, 2, 3 open; each slot lasts the dataset's slot length (45 minutes), followed by
 *                a plenary or break up to the next round
 * round + 1 min  conversations start (host present); + 2 min participants join
 * round + 5..40 min  key points, evenly spread in report order
 * round + slot   conversation summaries written, round closed
 * </pre>
 *
 * Report events (report, themes, tags, sections, publication) carry no time: the command side records them as
 * happening when the importer sends them, which is true of the tracker's copy and claims nothing about the report's
 * real date.
 */
public final class AssumedTimeline {

    public static final LocalDate DEFAULT_EVENT_DATE = LocalDate.of(2000, 1, 1);
    static final Duration BETWEEN_ROUND_STARTS = Duration.ofMinutes(90);

    private final Instant day;
    private final int sessionHours;

    public AssumedTimeline(LocalDate eventDate, int sessionHours) {
        this.day = eventDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.sessionHours = sessionHours;
    }

    private Instant at(int hour, int minute) {
        return day.plus(Duration.between(LocalTime.MIDNIGHT, LocalTime.of(hour, minute)));
    }

    public Instant setup() {
        return at(9, 0);
    }

    public Instant sessionStart() {
        return at(10, 0);
    }

    public Instant sessionEnd() {
        return sessionStart().plus(Duration.ofHours(sessionHours));
    }

    public Instant proposal(int index) {
        return at(10, 5).plus(Duration.ofMinutes(index));
    }

    public Instant scheduling(int index) {
        return at(10, 50).plus(Duration.ofSeconds(5L * index));
    }

    public Instant roundStart(int round) {
        return at(11, 0).plus(BETWEEN_ROUND_STARTS.multipliedBy(round - 1L));
    }

    public Instant roundEnd(int round, int slotMinutes) {
        return roundStart(round).plus(Duration.ofMinutes(slotMinutes));
    }

    public Instant conversationStart(int round) {
        return roundStart(round).plus(Duration.ofMinutes(1));
    }

    public Instant join(int round) {
        return roundStart(round).plus(Duration.ofMinutes(2));
    }

    /** Key point {@code index} of {@code count}, spread over minutes 5 to 40 of the round, in report order. */
    public Instant keyPoint(int round, int index, int count) {
        long spreadSeconds = Duration.ofMinutes(35).toSeconds();
        long offset = count <= 1 ? 0 : spreadSeconds * index / (count - 1);
        return roundStart(round).plus(Duration.ofMinutes(5)).plusSeconds(offset);
    }

    /** The latest instant the plan uses; it must not be in the future (the API refuses future occurrences). */
    public Instant latest() {
        return sessionEnd();
    }
}
