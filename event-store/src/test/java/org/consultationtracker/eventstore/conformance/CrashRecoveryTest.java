package org.consultationtracker.eventstore.conformance;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer JVM killed with SIGKILL in the middle of multi-event appends leaves, after restart, every unit of work
 * whole or absent, and every unit it acknowledged present.
 */
class CrashRecoveryTest {

    private static StoreUnderTest store;

    @BeforeAll
    static void startStore() {
        store = new StoreUnderTest();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @Test
    void killedWriterLeavesEveryUnitOfWorkWholeOrAbsent() throws Exception {
        for (int round = 0; round < 3; round++) {
            String databaseName = "crash_" + UUID.randomUUID().toString().substring(0, 8);
            List<String> acknowledged = runAndKill(databaseName, 20 + ThreadLocalRandom.current().nextInt(60));

            MongoDatabase database = store.client().getDatabase(databaseName);
            MongoCommitStorageEngine restarted = MongoCommitStorageEngine.builder()
                    .database(database)
                    .eventSerializer(EventSerialization.serializer())
                    .snapshotSerializer(EventSerialization.serializer())
                    .build();
            Map<String, Long> eventsPerUnit = restarted.readEvents(null, false)
                    .map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));

            assertThat(eventsPerUnit.values()).as("round %d: every stored unit is whole", round)
                                              .allMatch(count -> count == CrashingWriter.EVENTS_PER_UNIT);
            assertThat(eventsPerUnit.keySet()).as("round %d: every acknowledged unit survived", round)
                                              .containsAll(acknowledged);
            assertThat(eventsPerUnit.size() - acknowledged.size()).as("at most the unit in flight is extra")
                                                                  .isBetween(0, 1);
        }
    }

    private static List<String> runAndKill(String databaseName, int killAfterAcknowledgements) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                                            CrashingWriter.class.getName(), store.uri(), databaseName)
                .redirectErrorStream(true)
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith("acknowledged ")) {
                    acknowledged.add(line.substring("acknowledged ".length()));
                    if (acknowledged.size() >= killAfterAcknowledgements) {
                        writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing, mid-write
                        break;
                    }
                }
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).as("the writer made progress before it was killed").hasSizeGreaterThanOrEqualTo(killAfterAcknowledgements);
        return acknowledged;
    }
}
