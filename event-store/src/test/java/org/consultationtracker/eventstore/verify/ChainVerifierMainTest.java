package org.consultationtracker.eventstore.verify;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.BsonDocument;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.conformance.StoreUnderTest;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** The command-line verifier, run in its own JVM: its exit status and what it prints. */
class ChainVerifierMainTest {

    private static StoreUnderTest store;

    record Quote(String text) {
    }

    @BeforeAll
    static void startStore() {
        store = new StoreUnderTest();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    private static MongoDatabase filledStore() {
        MongoDatabase database = store.freshDatabase();
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(EventSerialization.serializer())
                .snapshotSerializer(EventSerialization.serializer())
                .build();
        for (long sequence = 0; sequence < 4; sequence++) {
            engine.appendEvents(new GenericDomainEventMessage<>("Conversation", "A", sequence, new Quote("a " + sequence),
                                                                MetaData.emptyInstance()),
                                new GenericDomainEventMessage<>("Conversation", "B" + sequence, 0,
                                                                new Quote("b " + sequence), MetaData.emptyInstance()));
        }
        return database;
    }

    @Test
    void intactStoreExitsZero() throws Exception {
        Run run = verify(store.uri(), filledStore().getName());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.lines()).hasSize(1);
        assertThat(run.lines().get(0)).startsWith("All 4 commits (8 events) verify");
    }

    @Test
    void brokenStoreExitsOneAndPrintsEveryBreakThenTheSummary() throws Exception {
        MongoDatabase database = filledStore();
        var commits = database.getCollection("commits", BsonDocument.class);
        commits.updateOne(eq("_id", 3L), Updates.set("events.1.payload.text", "edited"));
        commits.deleteOne(eq("_id", 5L));
        Run run = verify(store.uri(), database.getName());
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.lines()).hasSize(4);
        assertThat(run.lines().get(0)).startsWith("EDITED at position 3: the stored content no longer matches");
        assertThat(run.lines().get(1)).startsWith("POSITION_EMPTY at position 5: positions 5-6 were allocated");
        assertThat(run.lines().get(2)).startsWith("SEQUENCE_GAP at position 7 (aggregate A)");
        assertThat(run.lines().get(3)).startsWith("BROKEN: 3 breaks, the first EDITED at position 3");
    }

    @Test
    void unreachableStoreExitsTwo() throws Exception {
        Run run = verify("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300", "none");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.errors()).contains("Cannot verify the store");
    }

    private record Run(int exitCode, List<String> lines, String errors) {

        String output() {
            return String.join("\n", lines) + "\n" + errors;
        }
    }

    /** Runs {@link ChainVerifierMain} in a child JVM on the test class path, with logging off. */
    private static Run verify(String uri, String database) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path logging = Files.writeString(Files.createTempFile("verifier-logback", ".xml"),
                                         "<configuration><root level=\"OFF\"/></configuration>");
        Path errors = Files.createTempFile("verifier", ".err");
        try {
            Process process = new ProcessBuilder(java.toString(), "-Dlogback.configurationFile=" + logging,
                                                 "-cp", System.getProperty("java.class.path"),
                                                 ChainVerifierMain.class.getName(), uri, database)
                    .redirectError(errors.toFile())
                    .start();
            try {
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the verifier finished").isTrue();
                return new Run(process.exitValue(), stdout.lines().toList(), Files.readString(errors));
            } finally {
                process.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(logging);
            Files.deleteIfExists(errors);
        }
    }
}
