package org.consultationtracker.command.lookup;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.consultationtracker.command.InMemoryMongo;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance killed with SIGKILL at a random point while it appends events and writes the lookup leaves a lookup
 * that a fresh catch-up completes: an entry for every stored event, and the checkpoint at the head.
 */
class LookupCrashTest {

    private static InMemoryMongo mongo;

    @BeforeAll
    static void startStore() {
        mongo = new InMemoryMongo();
    }

    @AfterAll
    static void stopStore() {
        mongo.close();
    }

    @Test
    void aFreshCatchUpCompletesTheLookupOfAKilledInstance() throws Exception {
        for (int round = 0; round < 3; round++) {
            String databaseName = "lookup_crash_" + UUID.randomUUID().toString().substring(0, 8);
            List<String> acknowledged = runAndKill(databaseName, 3 + ThreadLocalRandom.current().nextInt(25));

            MongoDatabase database = mongo.database(databaseName);
            // A short gap timeout: a position the killed writer allocated but never filled is sealed and passed.
            MongoCommitStorageEngine engine = StoreWithLookup.engine(database, Duration.ofMillis(300));
            MongoLookupStore lookup = new MongoLookupStore(database);
            long checkpointAtKill = lookup.checkpoint();
            // As the restarted service does: catch up (in windows of a few events, so that several are written)
            // and record the checkpoint.
            new LookupCatchUp(engine, database, lookup, Duration.ofSeconds(5), new AggregateCache(100), 7)
                    .catchUpAtStart();

            Map<String, Long> lastPositionByKey = new HashMap<>();
            Map<String, Boolean> deletedByKey = new HashMap<>();
            long stored;
            try (var events = engine.readEvents(null, false)) {
                stored = events.peek(event -> expectEntry(event, lastPositionByKey, deletedByKey)).count();
            }
            assertThat(stored).as("round %d: the killed writer stored events", round).isPositive();
            for (Map.Entry<String, Long> expected : lastPositionByKey.entrySet()) {
                String key = expected.getKey();
                Document entry = database.getCollection(MongoLookupStore.COLLECTION).find(Filters.eq("_id", key))
                        .first();
                assertThat(entry).as("round %d: entry %s", round, key).isNotNull();
                assertThat(entry.get(MongoLookupStore.POSITION, Number.class).longValue())
                        .as("round %d: %s holds its last event", round, key).isEqualTo(expected.getValue());
                assertThat(entry.getBoolean(MongoLookupStore.DELETED, false))
                        .as("round %d: %s deleted", round, key).isEqualTo(deletedByKey.get(key));
            }
            long head = database.getCollection(CommitLayout.SEQUENCES_COLLECTION)
                    .find(Filters.eq(CommitLayout.ID, CommitLayout.COUNTER_ID)).first()
                    .get(CommitLayout.COUNTER_LAST, Number.class).longValue();
            assertThat(lookup.checkpoint()).as("round %d: checkpoint (was %d at the kill)", round, checkpointAtKill)
                    .isEqualTo(head);
            ConsultationDirectory consultations = new ConsultationDirectory(lookup);
            assertThat(acknowledged).as("every acknowledged unit is in the lookup")
                    .allMatch(id -> consultations.stakeholderGroupDefined("c-" + id, "g-" + id));
        }
    }

    /** Records which lookup entry each event writes last, and whether it deletes it. */
    private static void expectEntry(TrackedEventMessage<?> event, Map<String, Long> lastPositionByKey,
                                    Map<String, Boolean> deletedByKey) {
        long position = EventPosition.of(event.trackingToken());
        String key;
        boolean deletes = false;
        Object payload = event.getPayload();
        if (payload instanceof ConsultationStarted started) {
            key = "consultation:" + started.consultationId();
        } else if (payload instanceof StakeholderGroupDefined group) {
            key = "group:" + group.consultationId() + ":" + group.groupId();
        } else if (payload instanceof ConversationScheduled scheduled) {
            key = "conversation:" + scheduled.conversationId();
        } else if (payload instanceof ProposalWithdrawn withdrawn) {
            key = "conversation:" + withdrawn.proposalId();
            deletes = true;
        } else {
            throw new AssertionError("unexpected event " + payload);
        }
        lastPositionByKey.put(key, position);
        deletedByKey.put(key, deletes);
    }

    private static List<String> runAndKill(String databaseName, int killAfterAcknowledgements) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // Quick start over peak speed: the writer lives a few seconds.
        Process writer = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                CrashingLookupWriter.class.getName(), mongo.uri(), databaseName)
                .redirectErrorStream(true)
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith("acknowledged ")) {
                    acknowledged.add(line.substring("acknowledged ".length()));
                    if (acknowledged.size() >= killAfterAcknowledgements) {
                        // Somewhere in the next append or lookup write.
                        Thread.sleep(ThreadLocalRandom.current().nextInt(4));
                        writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
                        break;
                    }
                }
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).as("the writer made progress before it was killed")
                .hasSizeGreaterThanOrEqualTo(killAfterAcknowledgements);
        return acknowledged;
    }
}
