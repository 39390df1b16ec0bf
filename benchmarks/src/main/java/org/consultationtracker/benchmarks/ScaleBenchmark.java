package org.consultationtracker.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.BsonDocument;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The product at the scale its users work at (issue 11, parts C and D). For each size: a store (file-backed, as
 * {@code ./run} runs it) filled with a {@link NationalConsultation} through the event store engine; the command side
 * and the query side started on it as child processes; the time until the read models are current; a one-pass rebuild
 * of every read model beside its floor on the same server (the raw driver reading every commit and inserting the
 * finished documents); p50/p99 of every GET endpoint of both services' OpenAPI documents; throughput with 1, 16 and
 * 64 clients for authenticated reads, commands and two floors. Writes {@code docs/benchmarks/scale.md}; how to run
 * it and what each column means is in docs/benchmarks/README.md.
 */
public final class ScaleBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DATABASE = "consultation";

    /** Paths that are not views: administration, sign-in, exports of whole collections. Left out of the read mix. */
    static final List<String> NOT_IN_READ_MIX = List.of("/api/exports/", "/api/replays", "/api/read-models/",
                                                        "/api/parked-events", "/api/sign-in-lockouts",
                                                        "/api/session", "/api/me");

    static final class Options {
        List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);
        int requests = 200;
        double seconds = 5;
        List<Integer> clients = List.of(1, 16, 64);
        long seed = 20_260_113L;
        int commitEvents = 100;
        double warmupSeconds = 10;
        boolean keepData;
        Path out;
        String note;
        String commandLine;

        static Options parse(String[] args) {
            Options options = new Options();
            options.commandLine = String.join(" ", args);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--sizes" -> options.sizes = java.util.Arrays.stream(require(args[i], value).split(","))
                                                                    .map(EventStoreBenchmark::parseCount).toList();
                    case "--requests" -> options.requests = Integer.parseInt(require(args[i], value));
                    case "--seconds" -> options.seconds = Double.parseDouble(require(args[i], value));
                    case "--clients" -> options.clients = java.util.Arrays.stream(require(args[i], value).split(","))
                                                                       .map(String::trim).map(Integer::parseInt)
                                                                       .toList();
                    case "--seed" -> options.seed = Long.parseLong(require(args[i], value));
                    case "--commit-events" -> options.commitEvents = Integer.parseInt(require(args[i], value));
                    case "--warmup-seconds" -> options.warmupSeconds = Double.parseDouble(require(args[i], value));
                    case "--out" -> options.out = Path.of(require(args[i], value));
                    case "--note" -> options.note = require(args[i], value);
                    case "--keep-data" -> {
                        options.keepData = true;
                        continue;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (see docs/benchmarks/README.md, \"Run the scale benchmark\")");
                }
                i++;
            }
            return options;
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    /** Everything measured at one size. */
    static final class SizeRun {
        long size;
        StoreFill.Filled filled;
        double commandSideUpSeconds;
        double querySideUpSeconds;
        double catchUpSeconds;
        Replay replay;
        ReplayFloor floor;
        final Map<String, Latency> endpoints = new LinkedHashMap<>();
        final List<String> defaulted = new ArrayList<>();
        final Map<String, List<ClosedLoop.Result>> throughput = new LinkedHashMap<>();
        long commandsStored;
        double wallSeconds;
    }

    record Latency(String service, int requests, double p50, double p99, Map<Integer, Long> statuses) {

        /** Anything but a success or a See Other (how the command side points at a document the query side serves). */
        boolean failed() {
            return statuses.keySet().stream().anyMatch(status -> status >= 300 && status != 303);
        }

        boolean redirected() {
            return statuses.containsKey(303);
        }
    }

    record Replay(String id, double servedSeconds, double finishedSeconds, long events, List<String> readModels) {
    }

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = EventStoreBenchmark.projectRoot();
        Path out = options.out != null ? options.out : root.resolve("docs/benchmarks/scale.md");
        List<SizeRun> runs = new ArrayList<>();
        for (long size : options.sizes) {
            long start = System.nanoTime();
            SizeRun run = runSize(root, options, size);
            run.wallSeconds = (System.nanoTime() - start) / 1e9;
            runs.add(run);
            ScaleReport.write(out, options, runs, runs.size() == options.sizes.size());
            System.out.printf(Locale.ROOT, "size %,d done in %.0f s; report so far in %s%n", size, run.wallSeconds,
                              out);
        }
        System.out.println("Wrote " + out);
        System.exit(0);
    }

    private static SizeRun runSize(Path root, Options options, long size) throws Exception {
        SizeRun run = new SizeRun();
        run.size = size;
        try (ServiceProcesses services = ServiceProcesses.prepare(root, options.keepData, "scale-benchmark-")) {
            try {
                measure(services, options, run);
            } catch (Exception | Error e) {
                services.keepData();
                System.err.println("Failed at size " + size + "; data and logs kept in " + services.dataDirectory());
                throw e;
            }
        }
        return run;
    }

    private static void measure(ServiceProcesses services, Options options, SizeRun run) throws Exception {
        ServiceProcesses.Child store = services.startStore();
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + store.port())) {
            MongoDatabase database = mongo.getDatabase(DATABASE);
            log("filling %,d events", run.size);
            run.filled = StoreFill.fill(database, services.masterKey(), options.seed, run.size, options.commitEvents);
            log("filled %,d events in %,d commits in %.1f s", run.filled.events(), run.filled.commits(),
                run.filled.seconds());

            long start = System.nanoTime();
            ServiceProcesses.Child command = services.startCommandSide(ServiceProcesses.COMMAND_JAR, List.of(),
                                                                       waitAtMost(run.filled.events(), 3));
            run.commandSideUpSeconds = (System.nanoTime() - start) / 1e9;
            long queryStart = System.nanoTime();
            ServiceProcesses.Child query = services.startQuerySide(List.of());
            run.querySideUpSeconds = (System.nanoTime() - queryStart) / 1e9;
            String queryBase = "http://127.0.0.1:" + query.port();
            String commandBase = "http://127.0.0.1:" + command.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                        .connectTimeout(Duration.ofSeconds(5)).build();
            String admin = token(http, queryBase, "admin");
            run.catchUpSeconds = awaitCurrent(http, queryBase, admin, queryStart,
                                              waitAtMost(run.filled.events(), 12).plusMinutes(50));
            log("query side up in %.1f s, read models current %.1f s after its start", run.querySideUpSeconds,
                run.catchUpSeconds);

            run.replay = replay(http, queryBase, admin);
            log("replay of every read model: served after %.1f s", run.replay.servedSeconds());
            run.floor = ReplayFloor.measure(database);
            log("floor: read %,d events in %.1f s, inserted %,d documents in %.1f s", run.floor.events(),
                run.floor.readSeconds(), run.floor.documents(), run.floor.insertSeconds());

            Map<String, List<String>> values = parameterValues(run.filled.ids(), run.replay);
            JsonNode queryApi = openApi(http, queryBase);
            values.putAll(deepPages(http, queryBase, admin, queryApi, values, run.filled.events()));
            ApiCatalogue catalogue = new ApiCatalogue(values);
            Random random = new Random(options.seed);
            List<ApiCatalogue.Variant> variants = new ArrayList<>();
            variants.addAll(catalogue.gets("query", queryApi, options.requests, random));
            variants.addAll(catalogue.gets("command", openApi(http, commandBase), options.requests, random));
            if (!catalogue.unfilled().isEmpty()) {
                throw new IllegalStateException("No values for the parameters of " + catalogue.unfilled()
                        + ": add them to ScaleBenchmark.parameterValues (docs/benchmarks/README.md)");
            }
            run.defaulted.addAll(catalogue.defaulted());
            for (ApiCatalogue.Variant variant : variants) {
                String base = variant.service().equals("query") ? queryBase : commandBase;
                run.endpoints.put(variant.service() + " " + variant.name(),
                                  latency(http, base, admin, variant, options.requests));
            }
            log("measured %d GET variants", variants.size());

            throughput(run, options, services, store, query, command, database, variants, queryBase, commandBase,
                       admin);
        }
    }

    // ----------------------------------------------------------------------------------------- read models current

    /**
     * How long to wait for something that works through the whole store once: 10 minutes, or {@code millisPerEvent}
     * per event if longer. Both services build what they keep from the stream on a store filled behind their backs
     * (the command side its lookup, the query side its read models): at 1M events on the file-backed store that is
     * well over 10 minutes, a timeout that once ended a 1M run.
     */
    static Duration waitAtMost(long events, long millisPerEvent) {
        Duration scaled = Duration.ofMillis(events * millisPerEvent);
        return scaled.compareTo(Duration.ofMinutes(10)) > 0 ? scaled : Duration.ofMinutes(10);
    }

    /**
     * Seconds from the query side's start until every processor segment is at the store's head ({@code maxLag} 0 in
     * the read models' health). Right after start the token entries may not exist yet, which also reads as lag 0:
     * lag 0 counts only once a lag was seen, or after it stayed 0 for 20 s.
     */
    private static double awaitCurrent(HttpClient http, String base, String admin, long since, Duration within)
            throws Exception {
        boolean sawLag = false;
        long zeroSince = -1;
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode health = getJson(http, base + "/actuator/health", admin);
            JsonNode details = health.path("components").path("readModels").path("details");
            long lag = details.path("maxLag").asLong(-1);
            long now = System.nanoTime();
            if (lag > 0) {
                sawLag = true;
                zeroSince = -1;
            } else if (lag == 0 && details.path("segmentsBehind").isEmpty()) {
                if (sawLag) {
                    return (now - since) / 1e9;
                }
                zeroSince = zeroSince < 0 ? now : zeroSince;
                if (now - zeroSince > TimeUnit.SECONDS.toNanos(20)) {
                    return (zeroSince - since) / 1e9;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the read models did not become current within an hour");
    }

    // ------------------------------------------------------------------------------------------------ replay

    /** One rebuild of every read model in one pass, polled until the rebuilt generations are served and hashed. */
    private static Replay replay(HttpClient http, String base, String admin) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/replays"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"readModel\":\"all\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /api/replays answered " + started.statusCode() + ": "
                    + started.body());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        String statusUri = location.startsWith("http") ? location : base + location;
        while (true) {
            Thread.sleep(200);
            JsonNode status = getJson(http, statusUri, admin);
            String state = status.path("state").asText();
            if (state.equals("FAILED")) {
                throw new IllegalStateException("the rebuild failed: " + status);
            }
            if (state.equals("COMPLETED")) {
                Instant startedAt = Instant.parse(status.path("startedAt").asText());
                double served = Duration.between(startedAt, Instant.parse(status.path("switchedAt").asText()))
                                        .toNanos() / 1e9;
                double finished = Duration.between(startedAt, Instant.parse(status.path("finishedAt").asText()))
                                          .toNanos() / 1e9;
                String id = status.path("id").asText(statusUri.substring(statusUri.lastIndexOf('/') + 1));
                List<String> readModels = new ArrayList<>();
                status.path("readModels").forEach(model -> readModels.add(model.asText()));
                return new Replay(id, served, finished, status.path("eventsApplied").asLong(), readModels);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ endpoints

    /**
     * The values each parameter name takes: the generator's ids. Add a line here when an endpoint gets a parameter of
     * a new name; {@code "<path>:<name>"} overrides the name for one path.
     */
    static Map<String, List<String>> parameterValues(NationalConsultation.KnownIds ids, Replay replay) {
        Map<String, List<String>> values = new TreeMap<>();
        values.put("agendaId", ids.agendas);
        values.put("sessionId", ids.agendas);
        values.put("conversationId", ids.conversations);
        values.put("participantId", ids.participants);
        values.put("pseudonym", ids.pseudonyms);
        values.put("reportId", ids.reports);
        values.put("sectionId", ids.sections);
        values.put("keyPointId", ids.keyPoints);
        values.put("consultationId", ids.consultations);
        values.put("stakeholderGroupId", NationalConsultation.GROUPS);
        values.put("feedbackId", ids.feedback);
        // Every generated report publishes versions 1 to 3; a diff compares with the version before, so starts at 2.
        values.put("version", List.of("1", "2", "3"));
        values.put("/api/reports/{reportId}/versions/{version}/diff:version", List.of("2", "3"));
        values.put("sentence", List.of("1")); // a generated section is one sentence
        // Paths naming a report and one of its sections: one report, the four sections every version holds.
        String report = ids.reports.get(0);
        List<String> itsSections = ids.sections.stream().filter(id -> id.startsWith(report + "-sec"))
                                              .filter(id -> !id.endsWith("-sec5")).distinct().toList();
        for (String path : List.of("/api/reports/{reportId}/versions/{version}/sections/{sectionId}/sentences",
                "/api/reports/{reportId}/versions/{version}/sections/{sectionId}/sentences/{sentence}",
                "/api/provenance/reports/{reportId}/versions/{version}/sections/{sectionId}")) {
            values.put(path + ":reportId", List.of(report));
            values.put(path + ":sectionId", itsSections);
        }
        values.put("/api/replays/{id}:id", List.of(replay.id()));
        values.put("readModel", replay.readModels()); // every model the one-pass rebuild rebuilt
        return values;
    }

    /** Lists paged by the position of an event: a deep page starts in the middle of the store. */
    static final List<String> PAGED_BY_POSITION = List.of("/api/audit-log", "/api/exports/audit-log",
                                                          "/api/coverage", "/api/exports/coverage");

    /**
     * An {@code after} for every paged GET ({@code "<path>:after"}), so a page deep in each list is measured beside
     * the first: a list paged by event position starts at the middle position of the store; any other list at the
     * {@code next} of its first page (path parameters filled with their first known value). A list with one page has
     * no deep page and none is named.
     */
    static Map<String, List<String>> deepPages(HttpClient http, String base, String token, JsonNode openApi,
                                               Map<String, List<String>> values, long events) throws Exception {
        Map<String, List<String>> afters = new TreeMap<>();
        for (var paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            JsonNode get = path.getValue().get("get");
            String template = path.getKey();
            boolean paged = false;
            String uri = template;
            StringBuilder query = new StringBuilder("?size=1");
            for (JsonNode parameter : get == null ? JSON.createArrayNode() : get.path("parameters")) {
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                List<String> known = values.getOrDefault(template + ":" + name, values.get(name));
                String value = known == null || known.isEmpty() ? null : known.get(0);
                if (name.equals(ApiCatalogue.AFTER)) {
                    paged = true;
                } else if (in.equals("path")) {
                    uri = value == null || uri == null ? null : uri.replace("{" + name + "}", value);
                } else if (in.equals("query") && parameter.path("required").asBoolean(false)) {
                    // a list scoped by a required filter (feedback on one session) is asked for with its first value
                    if (value == null) {
                        uri = null;
                    } else {
                        query.append('&').append(name).append('=').append(value);
                    }
                }
            }
            if (!paged || uri == null) {
                continue;
            }
            if (PAGED_BY_POSITION.contains(template)) {
                afters.put(template + ":" + ApiCatalogue.AFTER, List.of(Long.toString(events / 2)));
                continue;
            }
            JsonNode first = getJson(http, base + uri + query, token);
            if (first.hasNonNull("next")) {
                afters.put(template + ":" + ApiCatalogue.AFTER, List.of(first.get("next").asText()));
            }
        }
        log("deep pages measured after: %s", afters);
        return afters;
    }

    private static Latency latency(HttpClient http, String base, String token, ApiCatalogue.Variant variant,
                                   int requests) throws Exception {
        Map<Integer, Long> statuses = new TreeMap<>();
        List<Double> millis = new ArrayList<>();
        List<String> uris = variant.uris();
        int warmup = Math.min(20, requests / 10);
        for (int i = 0; i < warmup + requests; i++) {
            HttpRequest request = get(base + uris.get(i % uris.size()), token);
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double took = (System.nanoTime() - start) / 1e6;
            if (i >= warmup) {
                millis.add(took);
                statuses.merge(response.statusCode(), 1L, Long::sum);
            }
        }
        return new Latency(variant.service(), requests, Stats.percentile(millis, 50), Stats.percentile(millis, 99),
                           statuses);
    }

    // ------------------------------------------------------------------------------------------------ throughput

    private static void throughput(SizeRun run, Options options, ServiceProcesses services,
                                   ServiceProcesses.Child store, ServiceProcesses.Child query,
                                   ServiceProcesses.Child command, MongoDatabase database,
                                   List<ApiCatalogue.Variant> variants, String queryBase, String commandBase,
                                   String admin) throws Exception {
        List<ServiceProcesses.Child> ours = List.of(store, query, command);
        int maxClients = options.clients.stream().mapToInt(Integer::intValue).max().orElse(1);
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < maxClients; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                  .connectTimeout(Duration.ofSeconds(5)).build());
        }
        List<String> readMix = new ArrayList<>();
        for (ApiCatalogue.Variant variant : variants) {
            if (variant.service().equals("query") && NOT_IN_READ_MIX.stream().noneMatch(variant.pathTemplate()::startsWith)
                && !run.endpoints.get("query " + variant.name()).failed()) {
                readMix.addAll(variant.uris().subList(0, Math.min(20, variant.uris().size())));
            }
        }
        java.util.Collections.shuffle(readMix, new Random(options.seed));
        String notetaker = token(clients.get(0), commandBase, "notetaker");
        MongoCollection<BsonDocument> commits = database.getCollection("commits", BsonDocument.class);
        List<Long> commitIds = new ArrayList<>();
        for (BsonDocument commit : commits.find().projection(Projections.include("_id"))) {
            commitIds.add(commit.get("_id").asNumber().longValue());
        }
        List<String> conversations = run.filled.ids().conversations;
        String runTag = Long.toString(System.currentTimeMillis(), 36);
        java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();

        Map<String, ClosedLoop.Operation> kinds = new LinkedHashMap<>();
        // The admin token: the mix includes views a reviewer may not open (a participant's export).
        kinds.put("authenticated reads (view mix, admin token)", (client, i) -> status(clients.get(client),
                get(queryBase + readMix.get((int) ((i * 7919 + client * 104729L) % readMix.size())), admin), 200));
        kinds.put("commands: record a key point (notetaker token)", (client, i) -> {
            String conversationId = conversations.get((int) ((i * 31 + client * 7L) % conversations.size()));
            String keyPointId = "bench-" + runTag + "-" + client + "-" + i;
            String body = "{\"keyPointId\":\"" + keyPointId + "\",\"kind\":\"PROBLEM\",\"text\":\"A point made "
                    + "while the benchmark ran, " + i + ".\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(commandBase + "/api/conversations/"
                            + conversationId + "/key-points")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + notetaker).header("Content-Type", "application/json")
                    .header("Idempotency-Key", keyPointId)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            String failure = status(clients.get(client), request, 201);
            if (failure == null) {
                stored.incrementAndGet();
            }
            return failure;
        });
        kinds.put("floor: raw driver _id lookup of a commit", (client, i) -> {
            long id = commitIds.get((int) ((i * 7919 + client * 104729L) % commitIds.size()));
            return commits.find(Filters.eq("_id", id)).first() == null ? "not found" : null;
        });
        kinds.put("floor: static file GET /css/app.css", (client, i) -> status(clients.get(client),
                HttpRequest.newBuilder(URI.create(queryBase + "/css/app.css")).GET().build(), 200));

        // Warm-up, unreported: every kind with the largest client count.
        for (ClosedLoop.Operation operation : kinds.values()) {
            ClosedLoop.run(maxClients, options.warmupSeconds / kinds.size(), operation, ours);
        }
        for (Map.Entry<String, ClosedLoop.Operation> kind : kinds.entrySet()) {
            List<ClosedLoop.Result> results = new ArrayList<>();
            for (int count : options.clients) {
                ClosedLoop.Result result = ClosedLoop.run(count, options.seconds, kind.getValue(), ours);
                results.add(result);
                log("%s, %d clients: %.0f/s p50 %.1f ms p99 %.1f ms %s", kind.getKey(), count, result.perSecond(),
                    result.p50Millis(), result.p99Millis(), result.failureText());
            }
            run.throughput.put(kind.getKey(), results);
        }
        run.commandsStored = stored.get();
    }

    // ------------------------------------------------------------------------------------------------ HTTP helpers

    private static String status(HttpClient client, HttpRequest request, int expected) throws Exception {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == expected ? null : "HTTP " + response.statusCode();
    }

    static HttpRequest get(String uri, String token) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(120))
                          .header("Authorization", "Bearer " + token).GET().build();
    }

    private static JsonNode getJson(HttpClient http, String uri, String token) throws IOException,
            InterruptedException {
        HttpResponse<String> response = http.send(get(uri, token), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode openApi(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).GET()
                                                              .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(base + "/v3/api-docs answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static String token(HttpClient http, String base, String user) throws IOException, InterruptedException {
        String body = "{\"username\":\"" + user + "\",\"password\":\"" + user + "-dev\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/tokens as " + user + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("accessToken").asText();
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(new java.util.Date(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
