package org.consultationtracker.benchmarks;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.eventstore.privacy.LocalMasterKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Fills a store with a {@link NationalConsultation} through our event store engine, directly (no HTTP): each command's
 * events become domain event messages of the command side's aggregate type, with the sequence numbers and the metadata
 * the command side gives them ({@code actor}, {@code role}, and Axon's {@code correlationId} and {@code traceId}).
 * The command side stores each command's events as one commit; filling at that granularity costs a round trip per
 * command, so commands are grouped into commits of up to {@code commitEvents} events (never splitting a command). The
 * stream the read models see is the same; only the commit boundaries differ.
 */
final class StoreFill implements NationalConsultation.Sink {

    /** What was filled. */
    record Filled(long events, long commits, double seconds, NationalConsultation.KnownIds ids) {
    }

    private final MongoCommitStorageEngine engine;
    private final ParticipantKeys keys;
    private final Random random;
    private final int commitEvents;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<EventMessage<?>> pending = new ArrayList<>();
    private long commits;
    private long appended;
    private long reportedAt;
    private final long started = System.nanoTime();

    private StoreFill(MongoCommitStorageEngine engine, ParticipantKeys keys, Random random, int commitEvents) {
        this.engine = engine;
        this.keys = keys;
        this.random = random;
        this.commitEvents = commitEvents;
    }

    static Filled fill(MongoDatabase database, String masterKeyBase64, long seed, long events, int commitEvents) {
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder().database(database)
                .eventSerializer(EventSerialization.serializer()).snapshotSerializer(EventSerialization.serializer())
                .build();
        engine.ensureIndexes();
        Random random = new Random(seed);
        ParticipantKeys keys = new ParticipantKeys(database, LocalMasterKey.fromBase64(masterKeyBase64,
                "the benchmark's master key"), new Random(seed + 1));
        StoreFill fill = new StoreFill(engine, keys, random, commitEvents);
        NationalConsultation.KnownIds ids = new NationalConsultation.KnownIds();
        long start = System.nanoTime();
        long generated = new NationalConsultation(seed, keys, fill, ids).generate(events);
        fill.flush();
        return new Filled(generated, fill.commits, (System.nanoTime() - start) / 1e9, ids);
    }

    @Override
    public void command(String aggregateType, String aggregateId, List<Object> events) {
        if (!pending.isEmpty() && pending.size() + events.size() > commitEvents) {
            flush();
        }
        Map<String, Object> metaData = new HashMap<>(actorOf(aggregateType));
        String commandId = new UUID(random.nextLong(), random.nextLong()).toString();
        metaData.put("correlationId", commandId);
        metaData.put("traceId", commandId);
        for (Object payload : events) {
            long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
            pending.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                                                        MetaData.from(metaData)));
        }
    }

    /** Who sends each kind of command in a consultation (development accounts, as the importer's). */
    private static Map<String, Object> actorOf(String aggregateType) {
        return switch (aggregateType) {
            case "Conversation" -> Map.of("actor", "notetaker", "role", "NOTE_TAKER");
            case "Report" -> Map.of("actor", "admin", "role", "ADMIN");
            default -> Map.of("actor", "facilitator", "role", "FACILITATOR");
        };
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        keys.flush(); // the keys before anything sealed with them
        engine.appendEvents(new ArrayList<>(pending));
        commits++;
        appended += pending.size();
        if (appended - reportedAt >= 50_000) {
            reportedAt = appended;
            double seconds = (System.nanoTime() - started) / 1e9;
            ScaleBenchmark.log("filled %,d events (%,.0f events/s)", appended, appended / seconds);
        }
        pending.clear();
    }
}
