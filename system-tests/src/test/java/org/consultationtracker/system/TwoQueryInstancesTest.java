package org.consultationtracker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query-side instances, each its own JVM, share every read model's processor on one store; one is killed with
 * SIGKILL in the middle of its batches, and the other takes its segments over and brings every read model to the head
 * with nothing applied twice or skipped: the content it serves hashes the same as a clean rebuild of all read models.
 * <p>
 * The store (embedded, in memory) runs in the test JVM; events are appended through an Axon event store on the
 * project's engine, as the command side appends them. Each instance's output is kept in
 * {@code target/two-query-instances/}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TwoQueryInstancesTest {

    /** The processors of the read models, with their segment counts from query-side.yml. */
    private static final Map<String, Integer> SEGMENTS = Arrays.stream(ReadModel.values()).collect(Collectors.toMap(
            ReadModel::processingGroup, model -> switch (model) {
                case PARTICIPATION -> 4;
                default -> 1; // in one sequence (query-side.yml)
            }, (a, b) -> a, LinkedHashMap::new));
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-dev";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OUTPUT = Path.of("target", "two-query-instances");

    private static EmbeddedMongoStore store;
    private static MongoClient client;
    private static MongoDatabase database;
    private static EmbeddedEventStore eventStore;
    private static final Serializer serializer = EventSerialization.serializer();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<QuerySideProcess> instances = new CopyOnWriteArrayList<>();
    /** What a wait that times out prints: each instance's output, the segments and the head. */
    private static final Waiting waiting = new Waiting(
            () -> QuerySideProcess.describe(instances) + "segments: " + describe(segments()) + "; head " + head());
    private static final Random units = new Random(7);
    private static final Random jitter = new Random();
    private static final AtomicInteger appended = new AtomicInteger();

    @BeforeAll
    static void startStore() throws IOException {
        Files.createDirectories(OUTPUT);
        store = EmbeddedMongoStore.startInMemory();
        client = MongoClients.create(store.uri());
        database = client.getDatabase("consultation");
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                                                                  .database(database)
                                                                  .eventSerializer(serializer)
                                                                  .snapshotSerializer(serializer)
                                                                  .build();
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        // Should the test JVM itself be stopped, the instances it started go with it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> instances.forEach(QuerySideProcess::kill)));
    }

    @AfterAll
    static void stopEverything() {
        for (QuerySideProcess instance : instances) {
            instance.kill();
        }
        if (eventStore != null) {
            eventStore.shutDown();
        }
        if (client != null) {
            client.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theSurvivorOfAKilledInstanceTakesItsSegmentsOverAndServesWhatACleanRebuildGives() throws Exception {
        OpenSpaceHistory history = new OpenSpaceHistory(42);
        List<DomainEventMessage<?>> before = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            before.addAll(history.consultation("c" + c + "-", 60, 2, 3, 5));
        }
        // The instances start (which takes a while) as the first six consultations are recorded.
        QuerySideProcess a = start("a");
        QuerySideProcess b = start("b");
        waiting.log("started query side a (pid %d) and b (pid %d)", a.pid(), b.pid());
        append(before, 20);
        waiting.log("appended %d events of %d aggregates and %d event types in %d commits", before.size(),
            before.stream().map(DomainEventMessage::getAggregateIdentifier).distinct().count(),
            before.stream().map(DomainEventMessage::getPayloadType).distinct().count(), commits());

        // Both hold segments: each its share (2 of 4) of every four-segment processor, and nobody else any; and
        // every one-segment processor has made its token (they start independently, so one can come later).
        waiting.await("each instance to hold 2 of the 4 segments of every four-segment processor, and every processor's "
                      + "tokens to exist", Duration.ofSeconds(120), () -> {
            a.checkAlive();
            b.checkAlive();
            Map<String, List<TokenSegment>> byProcessor = segmentsByProcessor();
            return segments().size() == total(SEGMENTS)
                   && SEGMENTS.entrySet().stream().filter(e -> e.getValue() == 4).allMatch(e -> {
                List<TokenSegment> segments = byProcessor.getOrDefault(e.getKey(), List.of());
                return segments.size() == 4 && a.holds(segments) == 2 && b.holds(segments) == 2;
            });
        });
        List<TokenSegment> shared = segments();
        assertThat(shared).as("every segment of every processor has a token").hasSize(total(SEGMENTS));
        assertThat(shared.stream().map(TokenSegment::owner).filter(owner -> owner != null).distinct())
                .as("the owners of the read models' segments").hasSize(2)
                .allMatch(owner -> a.owns(owner) || b.owns(owner));
        waiting.log("segments shared: %s", describe(shared));

        // More events arrive (three more consultations, and more until an instance is killed), in the small commits
        // of commands. An instance is killed in the middle of a batch: the one holding a one-segment read model (whose
        // token and documents can be compared) is frozen (SIGSTOP) now and then until it is caught having written
        // documents past its stored token, then killed (SIGKILL) without running another instruction.
        AtomicBoolean killed = new AtomicBoolean();
        CompletableFuture<Void> appending = CompletableFuture.runAsync(() -> {
            for (int c = 6; c < 9 || (c < 15 && !killed.get()); c++) {
                append(history.consultation("c" + c + "-", 60, 2, 3, 5), 5);
            }
        });
        waiting.await("new events to arrive", Duration.ofSeconds(30), () -> appended.get() >= before.size() + 300);
        HalfDone caught = waiting.await("an instance to be caught between writing a batch and storing its token",
                                Duration.ofSeconds(45), () -> freezeIfHalfDone(a, b));
        QuerySideProcess victim = caught.instance();
        QuerySideProcess survivor = victim == a ? b : a;
        Map<String, Long> held = positions(victim, segments());
        victim.kill();
        killed.set(true);
        waiting.log("killed %s (SIGKILL) while it held %s, caught at look %d with documents of %s at position %d past "
                    + "its token at %d; %d more events appended so far", victim.name, held, caught.attempt(),
            caught.processor(), caught.written(), caught.token(), appended.get() - before.size());
        assertThat(held).as("segments %s held when it was killed", victim.name)
                        .containsKey(caught.processor() + "/0")
                        .hasSizeGreaterThan(1);

        appending.get(90, TimeUnit.SECONDS);
        long head = head();
        int total = appended.get();
        waiting.log("appended %d events in all (%d of them while the instances shared the segments); head %d", total,
            total - before.size(), head);

        // The survivor takes every segment over and brings every processor to the head.
        waiting.await(survivor.name + " to hold every segment, each at the head " + head, Duration.ofSeconds(75), () -> {
            survivor.checkAlive();
            List<TokenSegment> segments = segments();
            return segments.size() == total(SEGMENTS)
                    && segments.stream().allMatch(segment -> survivor.owns(segment.owner())
                                                             && segment.position() >= head);
        });
        waiting.log("%s holds every segment at the head: %s", survivor.name, describe(segments()));
        survivor.awaitAnswering(waiting, Duration.ofSeconds(60));
        JsonNode health = waiting.await(survivor.name + "'s health to be UP with no lag", Duration.ofSeconds(20), () -> {
            JsonNode current = getJson(survivor, "/actuator/health");
            JsonNode readModels = current.path("components").path("readModels");
            return current.path("status").asText().equals("UP")
                    && readModels.path("details").path("maxLag").asLong(-1) == 0 ? current : null;
        });
        assertThat(health.path("components").path("readModels").path("status").asText()).isEqualTo("UP");

        JsonNode parked = getJson(survivor, "/api/parked-events");
        assertThat(parked.path("counts").properties()).as("parked events per read model: %s", parked)
                                                       .hasSize(ReadModel.values().length)
                                                       .allMatch(count -> count.getValue().asLong() == 0);

        // Nothing applied twice or skipped: what the survivor serves is what a clean rebuild gives.
        Map<String, String> served = new TreeMap<>();
        Map<String, Long> servedGenerations = new TreeMap<>();
        for (ReadModel model : ReadModel.values()) {
            // Hashing the live content is an explicit admin action; reading the state alone shows the last hash.
            HttpResponse<String> hashed = send(survivor, HttpRequest.newBuilder(
                    survivor.uri("/api/read-models/" + model.id() + "/content-hash"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(hashed.statusCode()).as(hashed.body()).isEqualTo(200);
            JsonNode state = JSON.readTree(hashed.body());
            served.put(model.id(), state.path("contentHash").asText());
            servedGenerations.put(model.id(), state.path("activeGeneration").asLong());
        }
        String auditLog = Generations.physicalName(ReadModel.AUDIT_LOG, "audit_log",
                                                   servedGenerations.get(ReadModel.AUDIT_LOG.id()));
        assertThat(database.getCollection(auditLog).countDocuments()).as("audit log entries, one per event")
                                                                     .isEqualTo(total);

        HttpResponse<String> replay = send(survivor, HttpRequest.newBuilder(survivor.uri("/api/replays"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"readModel\": \"all\"}")));
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        String replayId = JSON.readTree(replay.body()).path("id").asText();
        JsonNode rebuilt = waiting.await("the rebuild of all read models to finish", Duration.ofSeconds(60), () -> {
            JsonNode status = getJson(survivor, "/api/replays/" + replayId);
            return status.path("state").asText().matches("COMPLETED|FAILED") ? status : null;
        });
        assertThat(rebuilt.path("state").asText()).as(rebuilt.toString()).isEqualTo("COMPLETED");
        Map<String, String> rebuiltHashes = new TreeMap<>();
        rebuilt.path("contentHashes").properties().forEach(e -> rebuiltHashes.put(e.getKey(), e.getValue().asText()));
        waiting.log("served %s; rebuilt %s", served, rebuiltHashes);
        assertThat(rebuiltHashes).as("content hashes of a clean rebuild against those served after the takeover")
                                 .isEqualTo(served);
        survivor.checkAlive();
    }

    // ------------------------------------------------------------------------------------------------ the store

    /** Appends the events in order, in commits (units of work) of one to {@code largest} events. */
    private static void append(List<DomainEventMessage<?>> events, int largest) {
        int from = 0;
        while (from < events.size()) {
            int to = Math.min(events.size(), from + 1 + units.nextInt(largest));
            eventStore.publish(events.subList(from, to).toArray(new EventMessage<?>[0]));
            appended.addAndGet(to - from);
            from = to;
        }
    }

    private static long commits() {
        return database.getCollection(CommitLayout.COMMITS_COLLECTION).countDocuments();
    }

    /** The highest position the store has handed out. */
    private static long head() {
        Document counter = database.getCollection(CommitLayout.SEQUENCES_COLLECTION)
                                   .find(Filters.eq("_id", CommitLayout.COUNTER_ID)).first();
        return counter == null ? 0 : counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
    }

    /** The read models' segments in the token store, each with its owner and the position its token has reached. */
    private static List<TokenSegment> segments() {
        return TokenSegment.read(database, SEGMENTS.keySet(), serializer);
    }

    private static Map<String, List<TokenSegment>> segmentsByProcessor() {
        return segments().stream().collect(Collectors.groupingBy(TokenSegment::processor));
    }

    /** An instance frozen between writing a batch's documents and storing its token. */
    private record HalfDone(QuerySideProcess instance, int attempt, String processor, long written, long token) {
    }

    private static int looks;

    /**
     * Freezes (SIGSTOP) the first instance holding a one-segment read model and looks whether it has written
     * documents of a one-segment read model it holds past the token it stored for it: a batch written, or partly
     * written, whose token is not stored yet. If so it stays frozen and that is returned; if not it runs on (SIGCONT)
     * and null is returned.
     */
    private static HalfDone freezeIfHalfDone(QuerySideProcess... candidates) throws Exception {
        List<TokenSegment> before = segments();
        QuerySideProcess holder = null;
        for (QuerySideProcess candidate : candidates) {
            candidate.checkAlive();
            if (before.stream().anyMatch(s -> SEGMENTS.get(s.processor()) == 1 && candidate.owns(s.owner()))) {
                holder = candidate;
                break;
            }
        }
        if (holder == null) {
            return null;
        }
        looks++;
        holder.signal("STOP");
        boolean resume = true;
        try {
            Thread.sleep(30); // a write already on the wire lands
            for (TokenSegment segment : segments()) {
                if (SEGMENTS.get(segment.processor()) == 1 && holder.owns(segment.owner())) {
                    ReadModel model = ReadModel.byId(segment.processor()).orElseThrow();
                    long written = highestPositionWritten(model);
                    if (written > segment.position()) {
                        resume = false; // stays frozen until it is killed
                        return new HalfDone(holder, looks, model.id(), written, segment.position());
                    }
                }
            }
            return null;
        } finally {
            if (resume) {
                holder.signal("CONT");
                Thread.sleep(20 + jitter.nextInt(150));
            }
        }
    }

    /** The highest position applied to any document of the read model's active generation. */
    private static long highestPositionWritten(ReadModel model) {
        long generation = new Generations(database).active(model);
        long highest = 0;
        for (String collection : model.collections()) {
            Document top = database.getCollection(Generations.physicalName(model, collection, generation))
                                   .find().sort(Sorts.descending(DocumentSession.POSITION)).limit(1).first();
            if (top != null && top.get(DocumentSession.POSITION) instanceof Number position) {
                highest = Math.max(highest, position.longValue());
            }
        }
        return highest;
    }

    private static int total(Map<String, Integer> segments) {
        return segments.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String describe(List<TokenSegment> segments) {
        return segments.stream().map(s -> s.key() + "=" + s.owner() + "@" + s.position())
                       .collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------------------------------------ instances

    /** A query-side instance with its own admin account (hashed at cost 4: this test signs in after many starts). */
    private static QuerySideProcess start(String name) throws IOException {
        String adminHash = new BCryptPasswordEncoder(4).encode(ADMIN_PASSWORD);
        QuerySideProcess instance = QuerySideProcess.start(name, QuerySideProcess.freePort(), OUTPUT, List.of(
                "--consultation.store.mongodb-uri=" + store.uri(),
                "--consultation.keys.master-key=" + SharedMasterKey.BASE64,
                "--consultation.security.users[0].username=" + ADMIN,
                "--consultation.security.users[0].password-hash=" + adminHash,
                "--consultation.security.users[0].roles=ADMIN"));
        instances.add(instance);
        return instance;
    }

    /** The positions of the segments the instance holds. */
    private static Map<String, Long> positions(QuerySideProcess instance, List<TokenSegment> segments) {
        Map<String, Long> positions = new TreeMap<>();
        segments.stream().filter(segment -> instance.owns(segment.owner()))
                .forEach(segment -> positions.put(segment.key(), segment.position()));
        return positions;
    }

    private static HttpResponse<String> send(QuerySideProcess instance, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return http.send(request.header("Authorization", SignIn.bearer(instance.base().toString(), ADMIN, ADMIN_PASSWORD))
                                .timeout(Duration.ofSeconds(30)).build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(QuerySideProcess instance, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(instance, HttpRequest.newBuilder(instance.uri(path)).GET());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
