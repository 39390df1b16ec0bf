package org.consultationtracker.events.agenda;

import java.time.Instant;

/** One conversation round of the grid, numbered from 1. */
public record GridRound(int round, Instant startsAt, Instant endsAt) {
}
