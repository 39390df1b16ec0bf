package org.consultationtracker.query.replay;

import java.time.Instant;

/**
 * Progress of one rebuild. Times here are wall-clock times of the rebuild itself; they never go into read models.
 *
 * @param position        the stream position applied so far
 * @param headPosition    the store's head position ({@code createHeadToken()}) when last checked
 * @param etaSeconds      estimated seconds left at the current rate, or null when unknown
 * @param contentHash     SHA-256 of the rebuilt generation, once it is active
 */
public record ReplayStatus(String id, String readModel, State state, long generation, long replacedGeneration,
                           long eventsApplied, long position, long headPosition, double eventsPerSecond,
                           Long etaSeconds, double progress, Instant startedAt, Instant finishedAt,
                           String contentHash, String error) {

    public enum State {
        RUNNING, SWITCHING, COMPLETED, FAILED
    }
}
