package org.consultationtracker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.query.readmodel.ReadModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query-side instances behind one address, as an operator runs them (docker/two-query-sides/): a round-robin
 * proxy in front of them, the command side beside them, all on one store.
 * <p>
 * A facilitator signs in once, through the one address; the browser session it gets (cookie and CSRF token) is
 * accepted by both query-side instances and by the command side, because sessions live in the store. Commands sent
 * with it become events that the two instances process between them, each event by the one instance holding its
 * segment in the token store; the pages and API answers read through the one address come from both instances and
 * are the same whichever answers. Then one instance is killed (SIGKILL) while reads go on: no read through the
 * address fails, and the survivor takes every segment over and processes what comes next alone.
 * <p>
 * Each query-side instance runs in a JVM of its own (its own token owner, {@code pid@host}, and a process that can be
 * killed); the store, the command side and the proxy run in the test JVM. Instance output is kept in
 * {@code target/queries-behind-one-address/}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class QueriesBehindOneAddressTest {

    /** Segments per processor, from query-side.yml. */
    private static final Map<String, Integer> SEGMENTS = java.util.Arrays.stream(ReadModel.values()).collect(
            Collectors.toMap(ReadModel::processingGroup, model -> switch (model) {
                // as query-side.yml configures them: the models sharing documents across sessions run in one sequence
                case PARTICIPATION -> 4;
                default -> 1;
            }, (x, y) -> x, LinkedHashMap::new));
    private static final String GROUP = "care-experienced-young-people";
    /** Read through the one address; all but the session answer must be byte for byte the same from either instance. */
    private static final List<String> PAGES = List.of("/", "/audit-log.html", "/js/api.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OUTPUT = Path.of("target", "queries-behind-one-address");
    private static final Serializer serializer = EventSerialization.serializer();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                                     .connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedMongoStore store;
    private static MongoClient client;
    private static MongoDatabase database;
    private static ConfigurableApplicationContext commandSide;
    private static final List<QuerySideProcess> instances = new CopyOnWriteArrayList<>();
    /** What a wait that times out prints: each instance's output, the segments and the head. */
    private static final Waiting waiting = new Waiting(
            () -> QuerySideProcess.describe(instances) + "segments: " + describe(segments()) + "; head " + head());
    private static RoundRobinProxy proxy;

    /** The browser session opened through the one address. */
    private static String cookie;
    private static String csrfToken;

    @BeforeAll
    static void startEverything() throws IOException {
        Files.createDirectories(OUTPUT);
        store = EmbeddedMongoStore.startInMemory();
        client = MongoClients.create(store.uri());
        database = client.getDatabase("consultation");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> instances.forEach(QuerySideProcess::kill)));

        int commandPort = QuerySideProcess.freePort();
        int portA = QuerySideProcess.freePort();
        int portB = QuerySideProcess.freePort();
        proxy = new RoundRobinProxy(List.of(base(portA), base(portB)), Duration.ofSeconds(2));
        start("a", portA, commandPort);
        start("b", portB, commandPort);
        // The pages opened at the one address send their writes here, with the session cookie of the same host.
        commandSide = CommandSideApplication.builder().run(
                "--server.port=" + commandPort, "--server.address=127.0.0.1",
                "--consultation.store.mongodb-uri=" + store.uri(),
                "--consultation.keys.master-key=" + SharedMasterKey.BASE64,
                "--consultation.ui.origins=" + proxy.address());
        waiting.log("command side on %d; query side a (pid %d) on %d, b (pid %d) on %d; one address %s", commandPort,
            instances.get(0).pid(), portA, instances.get(1).pid(), portB, proxy.address());
    }

    @AfterAll
    static void stopEverything() {
        instances.forEach(QuerySideProcess::kill);
        if (proxy != null) {
            proxy.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (client != null) {
            client.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void bothInstancesAnswerThroughOneAddressAndSplitTheProcessingAndTheSurvivorOfAKillTakesAllOfIt()
            throws Exception {
        QuerySideProcess a = instances.get(0);
        QuerySideProcess b = instances.get(1);
        a.awaitAnswering(waiting, Duration.ofSeconds(120));
        b.awaitAnswering(waiting, Duration.ofSeconds(120));
        waiting.await("each instance to hold 2 of the 4 segments of every four-segment processor", Duration.ofSeconds(90),
              () -> {
            a.checkAlive();
            b.checkAlive();
            List<TokenSegment> segments = segments();
            return SEGMENTS.entrySet().stream().filter(e -> e.getValue() == 4).allMatch(e -> {
                List<TokenSegment> of = segments.stream().filter(s -> s.processor().equals(e.getKey())).toList();
                return of.size() == 4 && a.holds(of) == 2 && b.holds(of) == 2;
            });
        });
        Map<String, String> owners = owners(segments());
        waiting.log("segments shared: %s", describe(segments()));

        // Sign in once, through the one address, as a browser does.
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(proxy.address().resolve("/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"facilitator\", \"password\": \"facilitator-dev\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(201);
        cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        csrfToken = JSON.readTree(signIn.body()).path("csrfToken").asText();
        assertThat(csrfToken).isNotBlank();
        waiting.log("signed in through the one address (answered by %s)",
            signIn.headers().firstValue(RoundRobinProxy.UPSTREAM_HEADER).orElse("?"));

        // A cookie write without the session's CSRF token is refused, and changes nothing.
        HttpResponse<String> forged = command("/api/consultations", consultation("forged"), false);
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);

        // Commands, with the session opened at the query side's address, to the command side.
        Map<String, Long> auditLogReadsBefore = Map.of(a.name, requests(a, "/api/audit-log"),
                                                       b.name, requests(b, "/api/audit-log"));
        List<String> participants = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            participants.addAll(consultationWithPeople("c" + c, 2, 12));
        }
        long head = head();
        long events = storedEvents();
        waiting.log("%d commands sent; %d events stored, head %d", 3 * (1 + 2 + 12), events, head);
        awaitEverySegmentAt(head, a, b);
        assertThat(owners(segments())).as("the segments stayed where they were while the commands were processed")
                                      .isEqualTo(owners);

        // Each event of the participation processor belongs to one segment (by session; these events have none, so
        // by aggregate), each segment to one instance: the split of the work between them. The audit log and the
        // other one-sequence models are processed whole by whichever instance holds their one segment.
        Map<String, Long> participationShare = shareOfEvents(ReadModel.PARTICIPATION.processingGroup(), segments(),
                                                             a, b);
        waiting.log("participation events per instance, by the segments each holds: %s (of %d)", participationShare, events);
        assertThat(participationShare.values()).as("each instance processes a share").allMatch(n -> n > 0);
        assertThat(participationShare.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(events);

        // Reads through the one address: both instances answer, and the same.
        Map<String, Map<String, String>> bodies = new TreeMap<>();
        Map<String, Long> answers = new TreeMap<>();
        Map<String, Long> auditLogAnswers = new TreeMap<>();
        List<String> reads = new ArrayList<>(PAGES);
        reads.add("/api/audit-log?size=500");
        reads.add("/api/agendas");
        reads.add("/api/audit-trail/participants/" + participants.get(0));
        for (int round = 0; round < 10; round++) {
            for (String path : reads) {
                HttpResponse<String> answer = read(path);
                assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
                String by = answer.headers().firstValue(RoundRobinProxy.UPSTREAM_HEADER).orElseThrow();
                answers.merge(by, 1L, Long::sum);
                if (path.startsWith("/api/audit-log")) {
                    auditLogAnswers.merge(by, 1L, Long::sum);
                }
                String earlier = bodies.computeIfAbsent(path, p -> new TreeMap<>()).putIfAbsent(by, answer.body());
                assertThat(earlier == null || earlier.equals(answer.body()))
                        .as("%s answers GET %s as it did before", by, path).isTrue();
            }
            HttpResponse<String> session = read("/api/session");
            assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
            assertThat(JSON.readTree(session.body()).path("csrfToken").asText()).isEqualTo(csrfToken);
        }
        waiting.log("answers through the one address, by instance: %s", answers);
        for (String path : reads) {
            assertThat(bodies.get(path)).as("instances that answered GET %s", path).hasSize(2);
            assertThat(Set.copyOf(bodies.get(path).values())).as("distinct answers to GET %s", path).hasSize(1);
        }
        JsonNode auditLog = JSON.readTree(bodies.get("/api/audit-log?size=500").values().iterator().next());
        assertThat(auditLog.path("totalEntries").asLong()).as("audit log entries, one per event").isEqualTo(events);
        // What the proxy says each instance answered is what the instance itself counted (its request metrics).
        for (QuerySideProcess instance : List.of(a, b)) {
            long counted = requests(instance, "/api/audit-log") - auditLogReadsBefore.get(instance.name);
            assertThat(counted).as("GET /api/audit-log answered by %s, by its own metrics", instance.name)
                               .isEqualTo(auditLogAnswers.getOrDefault(instance.authority(), 0L))
                               .isPositive();
        }

        // Through the one address an admin sees which instance answered (its token owner name) and who holds which
        // segment: what the token store says.
        Set<String> tokenOwners = new java.util.TreeSet<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(proxy.address().resolve("/actuator/health"))
                    .header("Authorization", SignIn.bearer(proxy.address().toString(), "admin"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode details = JSON.readTree(health.body()).path("components").path("readModels").path("details");
            tokenOwners.add(details.path("tokenOwner").asText());
            Map<String, String> held = new TreeMap<>();
            details.path("segmentsByOwner").properties().forEach(holder -> holder.getValue().forEach(
                    segment -> held.put(segment.asText().split("@")[0], holder.getKey())));
            assertThat(held).as("segments by owner, in the health answered by %s",
                                health.headers().firstValue(RoundRobinProxy.UPSTREAM_HEADER).orElse("?"))
                            .isEqualTo(owners);
        }
        assertThat(tokenOwners).as("token owners of the instances that answered the health checks").hasSize(2)
                               .allMatch(owner -> a.owns(owner) || b.owns(owner));

        // Kill b while reads go on through the one address and more commands arrive.
        AtomicBoolean reading = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        Map<String, AtomicLong> readsAfterKill = new HashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
            long done = 0;
            while (reading.get()) {
                for (String path : List.of("/api/audit-log?size=1", "/", "/api/session")) {
                    // Only a read sent after the kill counts as answered after it: one in flight may still have
                    // been answered by the instance being killed.
                    boolean sentAfterKill = killed.get();
                    try {
                        HttpResponse<String> answer = read(path);
                        done++;
                        if (answer.statusCode() != 200) {
                            failures.add("GET " + path + " -> " + answer.statusCode() + " " + answer.body());
                        } else if (sentAfterKill) {
                            readsAfterKill.computeIfAbsent(
                                    answer.headers().firstValue(RoundRobinProxy.UPSTREAM_HEADER).orElse("?"),
                                    by -> new AtomicLong()).incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.add("GET " + path + " -> " + e);
                    }
                }
            }
            return done;
        });
        Thread.sleep(500);
        long retriedBefore = proxy.retried();
        b.kill();
        killed.set(true);
        Instant killedAt = Instant.now();
        waiting.log("killed b (SIGKILL)");
        participants.addAll(consultationWithPeople("after-kill", 1, 10));
        long headAfter = head();
        long eventsAfter = storedEvents();
        waiting.await("a to hold every segment, each at the head " + headAfter, Duration.ofSeconds(60), () -> {
            a.checkAlive();
            List<TokenSegment> segments = segments();
            return segments.size() == total() && segments.stream().allMatch(
                    s -> a.owns(s.owner()) && s.position() >= headAfter);
        });
        waiting.log("a took every segment over and reached the head %d in %d ms after the kill: %s", headAfter,
            Duration.between(killedAt, Instant.now()).toMillis(), describe(segments()));
        Thread.sleep(500);
        reading.set(false);
        long readsDuringTakeover = reader.get(30, TimeUnit.SECONDS);
        waiting.log("%d reads through the one address while b was killed and a took over: %d failed; answered after the "
                    + "kill by %s; %d requests went on to the other instance", readsDuringTakeover, failures.size(),
            readsAfterKill, proxy.retried() - retriedBefore);
        assertThat(failures).as("reads through the one address that failed").isEmpty();
        assertThat(readsAfterKill.keySet()).as("instances answering after the kill").containsExactly(a.authority());
        assertThat(proxy.retried() - retriedBefore).as("reads that met the dead instance and went on").isPositive();

        // Through the one address, the session still works and the answers include what came after the kill.
        HttpResponse<String> session = read("/api/session");
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        HttpResponse<String> log = read("/api/audit-log?size=1");
        assertThat(JSON.readTree(log.body()).path("totalEntries").asLong()).isEqualTo(eventsAfter);
        HttpResponse<String> trail = read("/api/audit-trail/participants/" + participants.get(participants.size() - 1));
        assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
        a.checkAlive();
        waiting.log("answers through the one address in all: a %d, b %d; requests sent on to the other instance: %d",
            proxy.answeredBy(a.base()), proxy.answeredBy(b.base()), proxy.retried());
    }

    // ------------------------------------------------------------------------------------------------ commands

    /** A consultation with open-space sessions and registered participants; returns the participants' ids. */
    private static List<String> consultationWithPeople(String id, int sessions, int people) throws Exception {
        expect(command("/api/consultations", consultation(id), true), 201);
        for (int s = 0; s < sessions; s++) {
            expect(command("/api/consultations/" + id + "/sessions", JSON.createObjectNode()
                    .put("sessionId", id + "-s" + s).put("kind", "open-space").put("title", "Open Space " + s)
                    .put("startsAt", "2026-12-0" + (s + 1) + "T09:00:00Z")
                    .put("endsAt", "2026-12-0" + (s + 1) + "T17:00:00Z").toString(), true), 201);
        }
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            String participant = id + "-p" + p;
            var body = JSON.createObjectNode().put("participantId", participant).put("consultationId", id)
                           .put("pseudonym", "Person " + p).put("ageBand", "NOT_SAID").put("name", "Name " + p);
            body.putArray("stakeholderGroupIds").add(GROUP);
            expect(command("/api/participants", body.toString(), true), 201);
            ids.add(participant);
        }
        return ids;
    }

    private static String consultation(String id) {
        return JSON.createObjectNode().put("consultationId", id).put("title", "Consultation " + id)
                   .put("bigQuestion", "What would make support easier to find?").toString();
    }

    /** A write as the pages send it: to the command side, with the session cookie and (if asked) its CSRF token. */
    private static HttpResponse<String> command(String path, String body, boolean withCsrfToken) throws Exception {
        int port = ((WebServerApplicationContext) commandSide).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(base(port).resolve(path))
                .header("Content-Type", "application/json").header("Cookie", cookie)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (withCsrfToken) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.request().uri(),
                                             response.body()).isEqualTo(status);
    }

    /** A read through the one address, with the session cookie. */
    private static HttpResponse<String> read(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(proxy.address().resolve(path)).header("Cookie", cookie)
                                    .timeout(Duration.ofSeconds(30)).GET().build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------------------------------------ the store

    private static long head() {
        Document counter = database.getCollection(CommitLayout.SEQUENCES_COLLECTION)
                                   .find(Filters.eq(CommitLayout.ID, CommitLayout.COUNTER_ID)).first();
        return counter == null ? 0 : counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue();
    }

    /** Events stored (void markers of sealed gaps hold none). */
    private static long storedEvents() {
        long events = 0;
        for (Document commit : database.getCollection(CommitLayout.COMMITS_COLLECTION).find()) {
            events += commit.getList(CommitLayout.EVENTS, Document.class, List.of()).size();
        }
        return events;
    }

    /** The aggregate of every stored event. */
    private static List<String> aggregatesOfEvents() {
        List<String> aggregates = new ArrayList<>();
        for (Document commit : database.getCollection(CommitLayout.COMMITS_COLLECTION).find()) {
            for (Document event : commit.getList(CommitLayout.EVENTS, Document.class, List.of())) {
                aggregates.add(event.getString(CommitLayout.AGGREGATE_ID));
            }
        }
        return aggregates;
    }

    private static List<TokenSegment> segments() {
        return TokenSegment.read(database, SEGMENTS.keySet(), serializer);
    }

    private static Map<String, String> owners(List<TokenSegment> segments) {
        Map<String, String> owners = new TreeMap<>();
        segments.forEach(s -> owners.put(s.key(), s.owner()));
        return owners;
    }

    private static int total() {
        return SEGMENTS.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static void awaitEverySegmentAt(long head, QuerySideProcess... alive) throws Exception {
        waiting.await("every segment to reach the head " + head, Duration.ofSeconds(60), () -> {
            for (QuerySideProcess instance : alive) {
                instance.checkAlive();
            }
            List<TokenSegment> segments = segments();
            return segments.size() == total() && segments.stream().allMatch(s -> s.position() >= head);
        });
    }

    /**
     * Events per instance for a processor that sequences by aggregate (Axon's default): an event belongs to the
     * segment whose id is the aggregate id's hash masked to the segment count, as Axon's {@code TokenSegment.matches}.
     */
    private static Map<String, Long> shareOfEvents(String processor, List<TokenSegment> segments, QuerySideProcess... by) {
        int count = SEGMENTS.get(processor);
        Map<Integer, String> ownerOfSegment = new HashMap<>();
        segments.stream().filter(s -> s.processor().equals(processor))
                .forEach(s -> ownerOfSegment.put(s.segment(), s.owner()));
        Map<String, Long> share = new TreeMap<>();
        for (String aggregate : aggregatesOfEvents()) {
            String owner = ownerOfSegment.get(Objects.hashCode(aggregate) & (count - 1));
            for (QuerySideProcess instance : by) {
                if (instance.owns(owner)) {
                    share.merge(instance.name, 1L, Long::sum);
                }
            }
        }
        return share;
    }

    private static String describe(List<TokenSegment> segments) {
        Map<String, String> named = new LinkedHashMap<>();
        for (TokenSegment s : segments) {
            String owner = instances.stream().filter(i -> i.owns(s.owner())).map(i -> i.name).findFirst()
                                    .orElse(String.valueOf(s.owner()));
            named.put(s.key(), owner + "@" + s.position());
        }
        return named.toString();
    }

    private static URI base(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static QuerySideProcess start(String name, int port, int commandPort) throws IOException {
        QuerySideProcess instance = QuerySideProcess.start(name, port, OUTPUT, List.of(
                "--consultation.store.mongodb-uri=" + store.uri(),
                "--consultation.store.fetch-delay=50ms",
                "--consultation.keys.master-key=" + SharedMasterKey.BASE64,
                "--consultation.ui.command-api=http://127.0.0.1:" + commandPort));
        instances.add(instance);
        return instance;
    }

    /** Requests to {@code uri} the instance answered, by its own metrics (asked directly, as an admin). */
    private static long requests(QuerySideProcess instance, String uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        instance.uri("/actuator/metrics/http.server.requests?tag=uri:" + uri))
                .header("Authorization", SignIn.bearer(instance.base().toString(), "admin"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return 0; // nothing answered yet
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode measurement : JSON.readTree(response.body()).path("measurements")) {
            if (measurement.path("statistic").asText().equals("COUNT")) {
                return measurement.path("value").asLong();
            }
        }
        return 0;
    }
}
