package org.consultationtracker.eventstore.conformance;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.bson.Document;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * What any deployment of the engine must guarantee, written once and run against the embedded server by default or
 * against any MongoDB with {@code -Dconformance.mongodb.uri=mongodb://...}.
 */
class EventStorageEngineConformanceTest {

    private static StoreUnderTest store;

    @BeforeAll
    static void startStore() {
        store = new StoreUnderTest();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    private static MongoCommitStorageEngine engine(MongoDatabase database) {
        return engine(database, Duration.ofSeconds(10), System::nanoTime);
    }

    private static MongoCommitStorageEngine engine(MongoDatabase database, Duration gapTimeout,
                                                   java.util.function.LongSupplier nanoClock) {
        return MongoCommitStorageEngine.builder()
                                       .database(database)
                                       .eventSerializer(EventSerialization.serializer())
                                       .snapshotSerializer(EventSerialization.serializer())
                                       .upcasterChain(new Probe.LegacyNoteUpcaster())
                                       .gapTimeout(gapTimeout)
                                       .nanoClock(nanoClock)
                                       .batchSize(50)
                                       .build();
    }

    // ------------------------------------------------------------------------------------------------ round trip

    @Test
    void storedEventsReadBackWithPayloadMetadataAndOrderIntact() {
        MongoCommitStorageEngine engine = engine(store.freshDatabase());
        Probe.Note said = new Probe.Note("We are not listened to.", "frustrated", 5, Instant.parse("2021-11-18T10:42:00Z"));
        DomainEventMessage<?> first = Probe.event("conversation-1", 0, said);
        EventMessage<?> plain = GenericEventMessage.asEventMessage(new Probe.Note("plenary", "warm", 1, null))
                                                   .withMetaData(MetaData.with("actor", "facilitator"));
        DomainEventMessage<?> second = Probe.note("conversation-1", 1);
        engine.appendEvents(first, plain, second);

        List<? extends DomainEventMessage<?>> loaded = engine.readEvents("conversation-1").asStream().toList();
        assertThat(loaded).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(loaded.get(0).getPayload()).isEqualTo(said);
        assertThat(loaded.get(0).getIdentifier()).isEqualTo(first.getIdentifier());
        assertThat(loaded.get(0).getTimestamp()).isEqualTo(first.getTimestamp());
        assertThat(loaded.get(0).getMetaData()).containsEntry("actor", "tester").containsEntry("role", "NOTE_TAKER");
        assertThat(loaded.get(0).getType()).isEqualTo("Probe");

        List<? extends TrackedEventMessage<?>> tracked = engine.readEvents(null, false).toList();
        assertThat(tracked).extracting(EventMessage::getIdentifier)
                           .containsExactly(first.getIdentifier(), plain.getIdentifier(), second.getIdentifier());
        assertThat(tracked).extracting(e -> e.trackingToken().position().orElseThrow()).containsExactly(1L, 2L, 3L);
        assertThat(tracked.get(1)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(tracked.get(1).getMetaData()).containsEntry("actor", "facilitator");
        assertThat(engine.lastSequenceNumberFor("conversation-1")).contains(1L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    void storedPayloadIsAReadableDocumentWithTypeAndRevision() {
        MongoDatabase database = store.freshDatabase();
        engine(database).appendEvents(Probe.note("conversation-2", 0));
        BsonDocument commit = database.getCollection("commits", BsonDocument.class).find().first();
        BsonDocument event = commit.getArray("events").get(0).asDocument();
        assertThat(event.getString("payloadType").getValue()).isEqualTo(Probe.Note.class.getName());
        assertThat(event.getString("payloadRevision").getValue()).isEqualTo("2");
        assertThat(event.getDocument("payload").getString("tone").getValue()).isEqualTo("calm");
        assertThat(event.getDocument("metadata").getString("actor").getValue()).isEqualTo("tester");
        assertThat(commit.getString("hash").getValue()).hasSize(64);
    }

    @Test
    void upcasterIsAppliedOnReadForOldRevisions() {
        MongoCommitStorageEngine engine = engine(store.freshDatabase());
        engine.appendEvents(Probe.event("conversation-3", 0, new Probe.LegacyNote("kept in care too long")));

        Object upcast = engine.readEvents("conversation-3").next().getPayload();
        assertThat(upcast).isEqualTo(new Probe.Note("kept in care too long", "unknown", 5, null));
        Object tracked = engine.readEvents(null, false).findFirst().orElseThrow().getPayload();
        assertThat(tracked).isEqualTo(upcast);
    }

    @Test
    void aggregateLoadsAcrossManyWindowsAndFromASequence() {
        MongoCommitStorageEngine engine = engine(store.freshDatabase());
        for (long s = 0; s < 230; s += 3) {
            List<EventMessage<?>> commit = new ArrayList<>();
            for (long i = s; i < Math.min(230, s + 3); i++) {
                commit.add(Probe.note("long-lived", i));
            }
            engine.appendEvents(commit);
        }
        assertThat(engine.readEvents("long-lived").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactlyElementsOf(sequence(0, 230));
        assertThat(engine.readEvents("long-lived", 101).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactlyElementsOf(sequence(101, 230));
        assertThat(engine.lastSequenceNumberFor("long-lived")).contains(229L);
    }

    @Test
    void latestSnapshotIsLoadedByKey() {
        MongoCommitStorageEngine engine = engine(store.freshDatabase());
        engine.storeSnapshot(Probe.event("agenda-1", 10, new Probe.Note("state at 10", "calm", 3, null)));
        engine.storeSnapshot(Probe.event("agenda-1", 50, new Probe.Note("state at 50", "calm", 3, null)));
        engine.storeSnapshot(Probe.event("agenda-1", 20, new Probe.Note("late snapshotter at 20", "calm", 4, null)));

        DomainEventMessage<?> snapshot = engine.readSnapshot("agenda-1").orElseThrow();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(50L);
        assertThat(((Probe.Note) snapshot.getPayload()).text()).isEqualTo("state at 50");
        assertThat(engine.readSnapshot("agenda-2")).isEmpty();
    }

    // ----------------------------------------------------------------------------------------------- concurrency

    @Test
    void hundredWritersRacingOnOneAggregateGetOneWinnerPerVersion() throws Exception {
        MongoDatabase database = store.freshDatabase();
        MongoCommitStorageEngine engine = engine(database);
        engine.appendEvents(Probe.note("contested", 0));
        int writers = 100;
        int versions = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (long version = 1; version <= versions; version++) {
                long sequence = version;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                ConcurrentLinkedQueue<Throwable> losses = new ConcurrentLinkedQueue<>();
                for (int w = 0; w < writers; w++) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            engine.appendEvents(Probe.note("contested", sequence), Probe.note("contested", sequence + 1000));
                            return true;
                        } catch (ConcurrencyException e) {
                            losses.add(e);
                            return false;
                        }
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> outcome : outcomes) {
                    winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("winners for version %d", version).isEqualTo(1);
                assertThat(losses).hasSize(writers - 1);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sequences = engine.readEvents("contested").asStream().map(DomainEventMessage::getSequenceNumber).toList();
        assertThat(sequences).containsExactlyElementsOf(sequence(0, versions + 1));
        assertThat(database.getCollection("commits").countDocuments(eq("void", true)))
                .as("every loser released its two positions").isEqualTo((long) versions * (writers - 1) * 2);
        assertThat(database.getCollection("commits").countDocuments()).isEqualTo(versions + 1 + (long) versions * (writers - 1) * 2);
        assertThat(engine.readEvents(null, false).count()).as("readers are not held back by the losers")
                                                        .isEqualTo(1 + versions * 2L);
    }

    @Test
    void eightWritersWhileATrackingReaderFollowsLoseAndDuplicateNothing() throws Exception {
        for (int run = 0; run < 12; run++) {
            MongoDatabase database = store.freshDatabase();
            MongoCommitStorageEngine engine = engine(database);
            Set<String> appended = ConcurrentHashSet();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> writers = new ArrayList<>();
            int commitsPerWriter = 15 + run;
            for (int w = 0; w < 8; w++) {
                String aggregate = "run" + run + "-writer" + w;
                int eventsPerCommit = 1 + (w + run) % 3;
                writers.add(pool.submit(() -> {
                    long sequence = 0;
                    for (int c = 0; c < commitsPerWriter; c++) {
                        List<EventMessage<?>> commit = new ArrayList<>();
                        for (int e = 0; e < eventsPerCommit; e++) {
                            commit.add(Probe.note(aggregate, sequence++));
                        }
                        engine.appendEvents(commit);
                        commit.forEach(m -> appended.add(m.getIdentifier()));
                    }
                    return null;
                }));
            }
            List<TrackedEventMessage<?>> seen = new ArrayList<>();
            Future<?> reader = Executors.newSingleThreadExecutor().submit(() -> {
                TrackingToken token = null;
                while (true) {
                    boolean wasWriting = writing.get();
                    List<? extends TrackedEventMessage<?>> batch = engine.readEvents(token, false).toList();
                    seen.addAll(batch);
                    if (!batch.isEmpty()) {
                        token = batch.get(batch.size() - 1).trackingToken();
                    } else if (!wasWriting) {
                        return null;
                    }
                }
            });
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
            pool.shutdown();

            List<String> seenIds = seen.stream().map(EventMessage::getIdentifier).toList();
            assertThat(seenIds).as("run %d: no duplicates", run).doesNotHaveDuplicates();
            assertThat(new HashSet<>(seenIds)).as("run %d: nothing lost", run).isEqualTo(appended);
            List<Long> positions = seen.stream().map(e -> e.trackingToken().position().orElseThrow()).toList();
            assertThat(positions).as("run %d: global order", run).isSorted().doesNotHaveDuplicates();
            assertThat(positions.get(positions.size() - 1)).isEqualTo(positions.size());
            assertPerAggregateOrder(seen);

            List<String> replayed = engine.readEvents(null, false).map(EventMessage::getIdentifier).toList();
            assertThat(replayed).as("run %d: replay from the tail equals what the live reader saw", run)
                                .containsExactlyElementsOf(seenIds);
        }
    }

    private static void assertPerAggregateOrder(List<TrackedEventMessage<?>> seen) {
        Map<String, List<Long>> byAggregate = seen.stream()
                .map(e -> (DomainEventMessage<?>) e)
                .collect(Collectors.groupingBy(DomainEventMessage::getAggregateIdentifier,
                                               Collectors.mapping(DomainEventMessage::getSequenceNumber, Collectors.toList())));
        byAggregate.forEach((aggregate, sequences) ->
                assertThat(sequences).as(aggregate).containsExactlyElementsOf(sequence(0, sequences.size())));
    }

    // ------------------------------------------------------------------------------------------------------ gaps

    @Test
    void aWriterThatDiesAfterAllocatingLeavesAGapThatIsSealedAfterTheTimeout() {
        MongoDatabase database = store.freshDatabase();
        AtomicLong now = new AtomicLong();
        MongoCommitStorageEngine engine = engine(database, Duration.ofSeconds(5), now::get);
        engine.appendEvents(Probe.note("before-gap", 0));
        // The dying writer: it took positions 2..4 from the shared counter and never wrote its commit.
        database.getCollection("sequences").updateOne(eq("_id", "global"), Updates.inc("last", 3L));
        engine.appendEvents(Probe.note("after-gap", 0), Probe.note("after-gap", 1));

        List<? extends TrackedEventMessage<?>> beforeTimeout = engine.readEvents(null, false).toList();
        assertThat(beforeTimeout).as("readers hold back behind a writer that may still commit")
                                 .extracting(e -> e.trackingToken().position().orElseThrow()).containsExactly(1L);

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(engine.readEvents(beforeTimeout.get(0).trackingToken(), false).toList()).isEmpty();

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        List<? extends TrackedEventMessage<?>> afterTimeout = engine.readEvents(beforeTimeout.get(0).trackingToken(), false).toList();
        assertThat(afterTimeout).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                                .containsExactly("after-gap", "after-gap");
        assertThat(afterTimeout).extracting(e -> e.trackingToken().position().orElseThrow()).containsExactly(5L, 6L);
        GapAwareTrackingToken last = (GapAwareTrackingToken) afterTimeout.get(1).trackingToken();
        assertThat(last.getGaps()).as("the token stays small").isEmpty();

        // The writer wakes up too late: its positions are taken, so its commit cannot slip in behind the readers.
        Document late = new Document("_id", 2L).append(CommitLayout.POSITIONS, List.of(2L, 3L, 4L))
                                               .append(CommitLayout.EVENTS, List.of());
        assertThatThrownBy(() -> database.getCollection("commits").insertOne(late)).isInstanceOf(MongoWriteException.class);
        assertThat(engine.readEvents(null, false).map(e -> e.trackingToken().position().orElseThrow()).toList())
                .containsExactly(1L, 5L, 6L);
    }

    @Test
    void aLostConcurrencyRaceDoesNotHoldReadersBack() {
        AtomicLong frozenClock = new AtomicLong();
        MongoCommitStorageEngine engine = engine(store.freshDatabase(), Duration.ofMinutes(10), frozenClock::get);
        engine.appendEvents(Probe.note("raced", 0));
        engine.appendEvents(Probe.note("raced", 1));
        assertThatThrownBy(() -> engine.appendEvents(Probe.note("raced", 1), Probe.note("raced", 2)))
                .isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(Probe.note("after-the-race", 0));

        // The loser's positions (3 and 4) were released at once: no reader waits ten minutes for them.
        List<? extends TrackedEventMessage<?>> read = engine.readEvents(null, false).toList();
        assertThat(read).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                        .containsExactly("raced", "raced", "after-the-race");
        assertThat(read).extracting(e -> e.trackingToken().position().orElseThrow()).containsExactly(1L, 2L, 5L);
    }

    @Test
    void tokensWithGapsFromElsewhereStillDeliverEachEventOnce() {
        MongoCommitStorageEngine engine = engine(store.freshDatabase());
        for (int i = 0; i < 6; i++) {
            engine.appendEvents(Probe.note("gappy", i));
        }
        // A token as a merge of two segments produces it: everything up to 5 seen except positions 2 and 4.
        TrackingToken mergedSegmentToken = GapAwareTrackingToken.newInstance(5, java.util.List.of(2L, 4L));
        List<? extends TrackedEventMessage<?>> delivered = engine.readEvents(mergedSegmentToken, false).toList();
        assertThat(delivered).extracting(e -> ((DomainEventMessage<?>) e).getSequenceNumber()).containsExactly(1L, 3L, 5L);
        assertThat(delivered).extracting(TrackedEventMessage::trackingToken).containsExactly(
                GapAwareTrackingToken.newInstance(5, java.util.List.of(4L)),
                GapAwareTrackingToken.newInstance(5, java.util.List.of()),
                GapAwareTrackingToken.newInstance(6, java.util.List.of()));
    }

    @Test
    void headTokenStartsAfterEverythingStored() {
        MongoCommitStorageEngine engine = engine(store.freshDatabase());
        engine.appendEvents(Probe.note("old", 0), Probe.note("old", 1));
        TrackingToken head = engine.createHeadToken();
        engine.appendEvents(Probe.note("new", 0));
        assertThat(engine.readEvents(head, false).map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()))
                .containsExactly("new");
        assertThat(engine.createTailToken()).isNull();
    }

    @Test
    void headTokenKeepsPositionsStillInFlightAsGaps() {
        MongoDatabase database = store.freshDatabase();
        MongoCommitStorageEngine engine = engine(database);
        engine.appendEvents(Probe.note("settled", 0), Probe.note("settled", 1));
        database.getCollection("sequences").updateOne(eq("_id", "global"), Updates.inc("last", 1L));
        assertThat(engine.createHeadToken()).as("the newest position is in flight")
                                            .isEqualTo(GapAwareTrackingToken.newInstance(2, List.of()));
        engine.appendEvents(Probe.note("later", 0));
        assertThat(engine.createHeadToken()).as("a position in flight below the newest stays a gap")
                                            .isEqualTo(GapAwareTrackingToken.newInstance(4, List.of(3L)));
    }

    @Test
    void readerStartingInsideALargeCommitGetsEachEventOnce() {
        MongoCommitStorageEngine engine = engine(store.freshDatabase());
        List<EventMessage<?>> large = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            large.add(Probe.note("large", i));
        }
        engine.appendEvents(large);
        engine.appendEvents(Probe.note("after", 0));
        TrackingToken insideTheCommit = GapAwareTrackingToken.newInstance(37, List.of());
        List<Long> positions = engine.readEvents(insideTheCommit, false)
                                     .map(e -> e.trackingToken().position().orElseThrow()).toList();
        assertThat(positions).containsExactlyElementsOf(sequence(38, 122));
    }

    private static List<Long> sequence(long fromInclusive, long toExclusive) {
        List<Long> values = new ArrayList<>();
        for (long i = fromInclusive; i < toExclusive; i++) {
            values.add(i);
        }
        return values;
    }

    private static <T> Set<T> ConcurrentHashSet() {
        return java.util.concurrent.ConcurrentHashMap.newKeySet();
    }

    @Test
    void domainStreamOfAnUnknownAggregateIsEmpty() {
        DomainEventStream stream = engine(store.freshDatabase()).readEvents("never-seen");
        assertThat(stream.hasNext()).isFalse();
        if (stream.getLastSequenceNumber() != null) {
            fail("no sequence expected for an empty stream");
        }
    }
}
