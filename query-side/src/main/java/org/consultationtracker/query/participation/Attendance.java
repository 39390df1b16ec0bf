package org.consultationtracker.query.participation;

import org.consultationtracker.query.readmodel.Docs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers of one room over time, from presences. Pure and deterministic: the same presences, window and threshold
 * always give the same numbers.
 */
public final class Attendance {

    /** One stay of one participant in the room; {@code to} null means "still there at the end". */
    public record Presence(String participantId, Instant from, Instant to) {
    }

    /**
     * @param initial          the number present at {@code start + initialWindow}
     * @param peak             the highest number present at once
     * @param highestSustained the highest number present without interruption for at least the threshold
     * @param uniqueVisitors   how many different people were there at some point
     */
    public record Counts(int initial, int peak, int highestSustained, int uniqueVisitors) {
        public static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    private Attendance() {
    }

    /**
     * @param start the moment the conversation started (or its round opened)
     * @param end   when open presences end: the round's close, or the latest event known while it is open
     */
    public static Counts count(Collection<Presence> presences, Instant start, Instant end, Duration initialWindow,
                               Duration threshold) {
        if (presences.isEmpty()) {
            return Counts.NONE;
        }
        // +1/-1 per distinct participant; overlapping stays of one person count once.
        TreeMap<Instant, Integer> changes = new TreeMap<>();
        Set<String> visitors = new LinkedHashSet<>();
        Map<String, List<Presence>> byParticipant = new HashMap<>();
        Instant effectiveEnd = end;
        for (Presence presence : presences) {
            visitors.add(presence.participantId());
            byParticipant.computeIfAbsent(presence.participantId(), id -> new ArrayList<>()).add(presence);
            Instant latest = presence.to() != null ? presence.to() : presence.from();
            if (effectiveEnd == null || latest.isAfter(effectiveEnd)) {
                effectiveEnd = latest;
            }
        }
        for (List<Presence> stays : byParticipant.values()) {
            for (Instant[] interval : merged(stays, effectiveEnd)) {
                if (interval[1].isAfter(interval[0])) {
                    changes.merge(interval[0], 1, Integer::sum);
                    changes.merge(interval[1], -1, Integer::sum);
                }
            }
        }
        Instant initialAt = Docs.plusSaturating(
                start != null ? start : changes.isEmpty() ? effectiveEnd : changes.firstKey(), initialWindow);
        List<Instant> times = new ArrayList<>(changes.keySet());
        List<Integer> levels = new ArrayList<>();
        int level = 0;
        int peak = 0;
        int initial = 0;
        for (Instant time : times) {
            level += changes.get(time);
            levels.add(level);
            if (!time.isAfter(initialAt)) {
                initial = level;
            }
            peak = Math.max(peak, level);
        }
        return new Counts(initial, peak, highestSustained(times, levels, peak, threshold), visitors.size());
    }

    /** The highest k such that at least k people were present without interruption for the whole threshold. */
    static int highestSustained(List<Instant> times, List<Integer> levels, int peak, Duration threshold) {
        for (int k = peak; k >= 1; k--) {
            Duration run = Duration.ZERO;
            for (int i = 0; i + 1 < times.size(); i++) {
                if (levels.get(i) >= k) {
                    run = run.plus(Duration.between(times.get(i), times.get(i + 1)));
                    if (run.compareTo(threshold) >= 0) {
                        return k;
                    }
                } else {
                    run = Duration.ZERO;
                }
            }
        }
        return 0;
    }

    private static List<Instant[]> merged(List<Presence> stays, Instant end) {
        List<Instant[]> intervals = new ArrayList<>();
        for (Presence stay : stays) {
            intervals.add(new Instant[]{stay.from(), stay.to() != null ? stay.to() : end});
        }
        intervals.sort((a, b) -> a[0].compareTo(b[0]));
        List<Instant[]> merged = new ArrayList<>();
        for (Instant[] interval : intervals) {
            Instant[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !interval[0].isAfter(last[1])) {
                if (interval[1].isAfter(last[1])) {
                    last[1] = interval[1];
                }
            } else {
                merged.add(new Instant[]{interval[0], interval[1]});
            }
        }
        return merged;
    }
}
