package org.consultationtracker.benchmarks;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The events the benchmark writes: small, realistic JSON payloads (a key point of a conversation with about 100
 * characters of text), actor and role in metadata, aggregates of 10 to 20 events stored in commits of a few events.
 */
final class Workload {

    static final String AGGREGATE_TYPE = "Conversation";
    static final int MIN_EVENTS_PER_AGGREGATE = 10;
    static final int MAX_EVENTS_PER_AGGREGATE = 20;
    static final int MAX_FILL_COMMIT = 5;

    private static final String[] WORDS = {
            "young", "people", "said", "they", "want", "to", "be", "heard", "by", "the", "social", "worker", "who",
            "knows", "their", "story", "carers", "need", "more", "support", "after", "placement", "ends", "and",
            "nobody", "explained", "why", "decisions", "were", "made", "kinship", "families", "feel", "left",
            "alone", "trust", "takes", "time", "records", "should", "be", "written", "with", "us", "not", "about",
            "us", "moving", "school", "again", "broke", "friendships", "independent", "advocate", "helped"};
    private static final String[] KINDS = {"PROBLEM", "SOLUTION", "RECOMMENDATION", "QUESTION", "QUOTE"};
    private static final String[] ROLES = {"NOTE_TAKER", "FACILITATOR"};

    /** The payload: what a note-taker records during an Open Space conversation. */
    record KeyPointRecorded(String conversationId, String keyPointId, String kind, String text, boolean verbatim,
                            String attributedTo, String recordedBy, Instant occurredAt) {
    }

    /** One aggregate to create while filling: its id and how many events it gets. */
    record AggregatePlan(String aggregateId, int events) {
    }

    private Workload() {
    }

    /** Aggregates of 10 to 20 events adding up to exactly {@code totalEvents} (the last one may be smaller). */
    static List<AggregatePlan> plan(long totalEvents, long seed) {
        Random random = new Random(seed);
        List<AggregatePlan> plans = new ArrayList<>();
        long remaining = totalEvents;
        while (remaining > 0) {
            int events = (int) Math.min(remaining, MIN_EVENTS_PER_AGGREGATE
                    + random.nextInt(MAX_EVENTS_PER_AGGREGATE - MIN_EVENTS_PER_AGGREGATE + 1));
            plans.add(new AggregatePlan(aggregateId(random), events));
            remaining -= events;
        }
        return plans;
    }

    static String aggregateId(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /**
     * One unit of work: {@code count} consecutive events of one aggregate from {@code firstSequence}. With a
     * {@code timestamp} the events carry that recording time (history), otherwise Axon's clock (now).
     */
    static List<DomainEventMessage<?>> commit(String aggregateId, long firstSequence, int count, Random random,
                                              Instant timestamp, long timestampStepMillis) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long sequence = firstSequence + i;
            KeyPointRecorded payload = keyPoint(aggregateId, random);
            MetaData metaData = MetaData.with("actor", "user-" + random.nextInt(40))
                                        .and("role", ROLES[random.nextInt(ROLES.length)]);
            if (timestamp == null) {
                events.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, sequence, payload, metaData));
            } else {
                events.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, sequence, payload, metaData,
                                                           new UUID(random.nextLong(), random.nextLong()).toString(),
                                                           timestamp.plusMillis(i * timestampStepMillis)));
            }
        }
        return events;
    }

    private static KeyPointRecorded keyPoint(String conversationId, Random random) {
        String kind = KINDS[random.nextInt(KINDS.length)];
        boolean verbatim = "QUOTE".equals(kind);
        return new KeyPointRecorded(conversationId,
                                    new UUID(random.nextLong(), random.nextLong()).toString(),
                                    kind,
                                    text(random, 100),
                                    verbatim,
                                    verbatim && random.nextBoolean() ? "participant-" + random.nextInt(500) : null,
                                    "user-" + random.nextInt(40),
                                    Instant.ofEpochMilli(1_650_000_000_000L + random.nextInt(1_000_000_000)));
    }

    /** About {@code length} characters of plausible words. */
    static String text(Random random, int length) {
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        return text.append('.').toString();
    }
}
