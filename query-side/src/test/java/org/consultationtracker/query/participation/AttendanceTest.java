package org.consultationtracker.query.participation;

import org.consultationtracker.query.participation.Attendance.Counts;
import org.consultationtracker.query.participation.Attendance.Presence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The "highest sustained" rule: the highest number held without interruption for at least the threshold. */
class AttendanceTest {

    private static final Instant START = Instant.parse("2021-03-10T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(45));
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    /** Four people stay all along; a fifth and sixth are there together for the given time only. */
    @ParameterizedTest(name = "six people for {0} → highest sustained {1}")
    @CsvSource({"PT9M59S, 4", "PT10M, 6", "PT10M1S, 6"})
    void aNumberCountsAsSustainedFromTheThresholdOn(Duration heldFor, int expected) {
        List<Presence> presences = new ArrayList<>(everyoneAllAlong(4));
        Instant arrival = START.plus(Duration.ofMinutes(20));
        presences.add(new Presence("p-5", arrival, arrival.plus(heldFor)));
        presences.add(new Presence("p-6", arrival, arrival.plus(heldFor)));

        Counts counts = Attendance.count(presences, START, END, Duration.ZERO, TEN_MINUTES);

        assertThat(counts.highestSustained()).isEqualTo(expected);
        assertThat(counts.peak()).isEqualTo(6);
        assertThat(counts.uniqueVisitors()).isEqualTo(6);
    }

    @Test
    void aNumberInterruptedBeforeTheThresholdDoesNotAddUpAcrossTheGap() {
        List<Presence> presences = new ArrayList<>(everyoneAllAlong(2));
        // A third person twice for 6 minutes with a 1-minute gap: 12 minutes in all, never 10 in a row.
        presences.add(new Presence("p-3", START, START.plus(Duration.ofMinutes(6))));
        presences.add(new Presence("p-3", START.plus(Duration.ofMinutes(7)), START.plus(Duration.ofMinutes(13))));

        Counts counts = Attendance.count(presences, START, END, Duration.ZERO, TEN_MINUTES);

        assertThat(counts.highestSustained()).isEqualTo(2);
        assertThat(counts.peak()).isEqualTo(3);
        assertThat(counts.uniqueVisitors()).isEqualTo(3);
    }

    @Test
    void whoeverComesAndGoesDuringTheRunStillCountsTowardsIt() {
        // Three present from 10:00 to 10:06, then a swap: one leaves as another arrives, three until 10:12.
        List<Presence> presences = List.of(
                new Presence("p-1", START, END), new Presence("p-2", START, END),
                new Presence("p-3", START, START.plus(Duration.ofMinutes(6))),
                new Presence("p-4", START.plus(Duration.ofMinutes(6)), START.plus(Duration.ofMinutes(12))));

        Counts counts = Attendance.count(presences, START, END, Duration.ZERO, TEN_MINUTES);

        assertThat(counts.highestSustained()).isEqualTo(3);
    }

    @Test
    void theInitialNumberIsTheNumberPresentOnceTheOpeningWindowHasPassed() {
        List<Presence> presences = List.of(
                new Presence("host", START, END),
                new Presence("p-1", START.plus(Duration.ofMinutes(2)), END),
                new Presence("p-2", START.plus(Duration.ofMinutes(4)), START.plus(Duration.ofMinutes(5))),
                new Presence("p-3", START.plus(Duration.ofMinutes(8)), END));

        assertThat(Attendance.count(presences, START, END, Duration.ofMinutes(5), TEN_MINUTES).initial()).isEqualTo(2);
        assertThat(Attendance.count(presences, START, END, Duration.ZERO, TEN_MINUTES).initial()).isEqualTo(1);
    }

    @Test
    void anOpenPresenceLastsUntilTheEnd() {
        List<Presence> presences = List.of(new Presence("p-1", START, null), new Presence("p-2", START, null));

        assertThat(Attendance.count(presences, START, START.plus(Duration.ofMinutes(10)), Duration.ZERO, TEN_MINUTES)
                             .highestSustained()).isEqualTo(2);
        assertThat(Attendance.count(presences, START, START.plus(Duration.ofMinutes(9)), Duration.ZERO, TEN_MINUTES)
                             .highestSustained()).isZero();
    }

    private static List<Presence> everyoneAllAlong(int people) {
        List<Presence> presences = new ArrayList<>();
        for (int i = 1; i <= people; i++) {
            presences.add(new Presence("p-" + i, START, END));
        }
        return presences;
    }
}
