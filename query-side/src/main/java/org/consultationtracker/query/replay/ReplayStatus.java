package org.consultationtracker.query.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Progress of one rebuild (of one read model, or of several in one pass over the stream). Times here are wall-clock
 * times of the rebuild itself; they never go into read models.
 *
 * @param generations         per read model, the generation being built
 * @param replacedGenerations per read model, the generation served until the switch
 * @param position            the stream position applied so far
 * @param headPosition        the store's head position ({@code createHeadToken()}) when last checked
 * @param etaSeconds          estimated seconds left at the current rate, or null when unknown
 * @param switchedAt          when the rebuilt generations began to be served (the replay proper ends here; the old
 *                            generations are dropped and the new ones hashed afterwards), or null before
 * @param contentHashes       per read model, SHA-256 of the rebuilt generation once it is active
 */
public record ReplayStatus(String id, List<String> readModels, State state, Map<String, Long> generations,
                           Map<String, Long> replacedGenerations, long eventsApplied, long position,
                           long headPosition, double eventsPerSecond, Long etaSeconds, double progress,
                           Instant startedAt, Instant switchedAt, Instant finishedAt, Map<String, String> contentHashes, String error) {

    public enum State {
        RUNNING, SWITCHING, COMPLETED, FAILED
    }

    public boolean finished() {
        return state == State.COMPLETED || state == State.FAILED;
    }
}
