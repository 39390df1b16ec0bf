package org.consultationtracker.query.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ThemeIdentified;
import org.consultationtracker.query.agenda.AgendaProjection;
import org.consultationtracker.query.auditlog.AuditLogProjection;
import org.consultationtracker.query.audittrail.AuditTrailProjection;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.participation.ParticipationProjection;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingSequences;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModelIndexes;
import org.consultationtracker.query.readmodel.HeadPosition;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.replay.ReplayProperties;
import org.consultationtracker.query.replay.ReplayStatus;
import org.consultationtracker.query.replay.Replays;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.mongodb.client.model.Filters.in;

/**
 * Replay throughput into every read model, beside the raw MongoDB driver reading the same events, on one embedded
 * in-memory server in one run. Not a test: run it with the command in docs/benchmarks/replay.md; it writes that file.
 * <p>
 * Arguments: event counts (default {@code 100000 1000000}); {@code --window=N} events per read window for both the
 * engine and the raw reader (default 100, the engine's default); {@code --skip-per-model}; {@code --out=path} (default
 * docs/benchmarks/replay.md of the repository).
 */
public final class ReplayBenchmark {

    private static final Instant T0 = Instant.parse("2021-03-10T10:00:00Z");
    private static final int IN_WINDOWS_UP_TO = 100_000;
    /** Up to this size, each rebuild is run three times and the fastest reported; above it, once. */
    private static final int REPEAT_UP_TO = 100_000;

    public static void main(String[] args) throws Exception {
        quietLogs();
        List<Integer> sizes = new ArrayList<>();
        int window = 100;
        boolean skipPerModel = false;
        // Run from the repository root (as documented) or from query-side/.
        Path out = Files.isDirectory(Path.of("query-side")) ? Path.of("docs/benchmarks/replay.md")
                : Path.of("../docs/benchmarks/replay.md");
        for (String arg : args) {
            if (arg.equals("--skip-per-model")) {
                skipPerModel = true;
            } else if (arg.startsWith("--window=")) {
                window = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            } else {
                sizes.add(Integer.parseInt(arg.replace("_", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100_000, 1_000_000);
        }
        List<String> rows = new ArrayList<>();
        List<String> perModel = new ArrayList<>();
        List<String> cpuRows = new ArrayList<>();
        // Warm-up (JIT, connection pools) on a small store whose figures are thrown away.
        runOne(5_000, window, true, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int size : sizes) {
            runOne(size, window, !skipPerModel, rows, perModel, cpuRows);
        }
        write(out, sizes, window, rows, perModel, cpuRows);
        System.out.println("Wrote " + out.toAbsolutePath().normalize());
        System.exit(0);
    }

    private static void runOne(int size, int window, boolean perModelRebuilds, List<String> rows,
                               List<String> perModel, List<String> cpuRows) throws InterruptedException {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.startInMemory();
             MongoClient client = MongoClients.create(store.uri())) {
            MongoDatabase database = client.getDatabase("consultation");
            MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                    .database(database).eventSerializer(EventSerialization.serializer())
                    .snapshotSerializer(EventSerialization.serializer())
                    .upcasterChain(new EventUpcasterChain(List.of())).batchSize(window).build();

            long appendStart = System.nanoTime();
            int appended = new Generator().appendTo(engine, size);
            double appendSeconds = seconds(appendStart);
            System.out.printf("%,d events appended in %.1f s%n", appended, appendSeconds);

            // Raw driver, $in windows over the multikey positions index: slow on this server (see the notes), so
            // only measured up to IN_WINDOWS_UP_TO events.
            MongoCollection<BsonDocument> commits = database.getCollection(CommitLayout.COMMITS_COLLECTION,
                                                                           BsonDocument.class);
            long rawStart = System.nanoTime();
            long rawEvents = size <= IN_WINDOWS_UP_TO ? rawRead(commits, window) : -1;
            double rawSeconds = seconds(rawStart);
            // Raw driver, keyed on the commits' _id (their first position): each commit comes back once. Measured
            // three times across the run (the machine's speed drifts), and the fastest is the one compared with.
            List<Measure> rawByIdRates = new ArrayList<>();
            rawByIdRates.add(rawByIdRate(commits, window, appended));
            long engineStart = System.nanoTime();
            double engineCpuStart = cpuSeconds();
            long engineEvents;
            try (var stream = engine.readEvents(null, false)) {
                engineEvents = stream.mapToLong(event -> event.getPayload() == null ? 0 : 1).sum();
            }
            double engineSeconds = seconds(engineStart);
            double engineCpu = cpuSeconds() - engineCpuStart;
            System.out.printf("raw by _id %,.0f events/s; engine stream %,.0f events/s%n", rawByIdRates.get(0).rate(),
                              engineEvents / engineSeconds);
            Generations generations = new Generations(database);
            List<Projection> projections = List.of(new ParticipantDirectoryProjection(), new AgendaProjection(),
                                                   new ParticipationProjection(), new AuditTrailProjection(),
                                                   new CoverageProjection(), new AuditLogProjection());
            Replays replays = new Replays(engine, new HeadPosition(engine, database), database, generations,
                                          new ReplayProperties(10_000, 100_000, 2, Duration.ofSeconds(5)), projections,
                                          new SimpleMeterRegistry(), new ParkedEvents(database, generations),
                new ParkingSequences(), new ReadModelIndexes(database, projections));
            int repeats = size <= REPEAT_UP_TO ? 3 : 1;
            // All six read models in one pass over the stream: what "replay everything" costs.
            double[] allCpu = new double[1];
            ReplayStatus all = fastest(replays, List.of(ReadModel.values()), repeats, allCpu);
            double allSeconds = servingSeconds(all);
            double hashSeconds = Duration.between(all.switchedAt(), all.finishedAt()).toNanos() / 1e9;
            rawByIdRates.add(rawByIdRate(commits, window, appended));
            // The floor under any rebuild: the raw driver inserting the rebuilt documents themselves, once each.
            WriteFloor floor = WriteFloor.measure(database, generations);
            System.out.printf("raw insert of the %,d rebuilt documents: %.2f s%n", floor.documents(), floor.seconds());
            // Then each on its own (each reads the stream itself), for the per-model cost.
            List<double[]> modelSeconds = new ArrayList<>();
            double oneByOneSeconds = 0;
            if (perModelRebuilds) {
                for (ReadModel model : ReadModel.values()) {
                    ReplayStatus status = fastest(replays, List.of(model), repeats, new double[1]);
                    double took = servingSeconds(status);
                    oneByOneSeconds += took;
                    modelSeconds.add(new double[] {status.eventsApplied(), took});
                    System.out.printf("%s: %,d events in %.1f s%n", model.id(), status.eventsApplied(), took);
                }
            }
            rawByIdRates.add(rawByIdRate(commits, window, appended));
            Measure fastestRaw = rawByIdRates.stream().max(java.util.Comparator.comparingDouble(Measure::rate))
                                             .orElseThrow();
            double rawById = fastestRaw.rate();
            double slowestRaw = rawByIdRates.stream().mapToDouble(Measure::rate).min().orElseThrow();
            int cores = Runtime.getRuntime().availableProcessors();
            cpuRows.add(String.format(Locale.ROOT, "| %,d | %.2f (in %.2f s) | %.2f | %.2f | %.2f | %.2f |", appended,
                                      fastestRaw.cpuSeconds(), fastestRaw.seconds(), engineCpu, allCpu[0],
                                      floor.cpuSeconds(), cores * 2 * fastestRaw.seconds()));
            System.out.println(cpuRows.get(cpuRows.size() - 1));
            for (int i = 0; i < modelSeconds.size(); i++) {
                double events = modelSeconds.get(i)[0];
                double took = modelSeconds.get(i)[1];
                perModel.add(String.format(Locale.ROOT, "| %,d | %s | %,.0f | %.2f | %,.0f | %.2f |", size,
                                           ReadModel.values()[i].id(), events, took, events / took,
                                           events / took / rawById));
            }
            double replayAll = appended / allSeconds;
            rows.add(String.format(Locale.ROOT,
                                   "| %,d | %s | %,.0f (%,.0f–%,.0f) | %,.0f | %,.0f (%.2f s) | %.2f s | %s | %.2f "
                                           + "| %,d in %.2f s | %.2f |",
                                   appended, rawEvents < 0 ? "not run"
                                           : String.format(Locale.ROOT, "%,.0f", rawEvents / rawSeconds),
                                   rawById, slowestRaw, rawById, engineEvents / engineSeconds, replayAll, allSeconds,
                                   hashSeconds,
                                   perModelRebuilds ? String.format(Locale.ROOT, "%.1f s", oneByOneSeconds) : "not run",
                                   replayAll / rawById, floor.documents(), floor.seconds(),
                                   (appended / floor.seconds()) / rawById));
            System.out.println(rows.get(rows.size() - 1));
            if (rawEvents >= 0 && rawEvents != appended) {
                throw new IllegalStateException("The raw $in reader read " + rawEvents + " of " + appended + " events");
            }
        }
    }

    /** Events per second, wall seconds and CPU seconds of the whole process (client, embedded server, GC). */
    record Measure(double rate, double seconds, double cpuSeconds) {
    }

    private static Measure rawByIdRate(MongoCollection<BsonDocument> commits, int window, int expected) {
        long start = System.nanoTime();
        double cpuStart = cpuSeconds();
        long events = rawReadById(commits, window);
        double took = seconds(start);
        double cpu = cpuSeconds() - cpuStart;
        if (events != expected) {
            throw new IllegalStateException("The raw reader read " + events + " of " + expected + " events");
        }
        return new Measure(events / took, took, cpu);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * The fastest of {@code repeats} rebuilds, by time until served; {@code cpu[0]} receives its CPU seconds (whole
     * process, from start to finish, hashing included).
     */
    private static ReplayStatus fastest(Replays replays, List<ReadModel> models, int repeats, double[] cpu) {
        ReplayStatus best = null;
        for (int i = 0; i < repeats; i++) {
            double cpuStart = cpuSeconds();
            ReplayStatus status = replays.rebuild(models);
            double used = cpuSeconds() - cpuStart;
            check(status);
            if (best == null || servingSeconds(status) < servingSeconds(best)) {
                best = status;
                cpu[0] = used;
            }
        }
        return best;
    }

    private static double servingSeconds(ReplayStatus status) {
        return Duration.between(status.startedAt(), status.switchedAt()).toNanos() / 1e9;
    }

    private static void check(ReplayStatus status) {
        if (status.state() != ReplayStatus.State.COMPLETED) {
            throw new IllegalStateException(status.readModels() + " rebuild " + status.state() + ": " + status.error());
        }
    }

    /** Commits by {@code _id} windows: a commit starting in the window comes back once, whatever its size. */
    private static long rawReadById(MongoCollection<BsonDocument> commits, int window) {
        long events = 0;
        long next = 1;
        while (true) {
            List<Long> ids = new ArrayList<>(window);
            for (long p = next; p < next + window; p++) {
                ids.add(p);
            }
            long last = -1;
            long found = 0;
            for (BsonDocument commit : commits.find(in("_id", ids))) {
                BsonArray positions = commit.getArray(CommitLayout.POSITIONS);
                last = Math.max(last, positions.get(positions.size() - 1).asInt64().getValue());
                if (!commit.getBoolean(CommitLayout.VOID, org.bson.BsonBoolean.FALSE).getValue()) {
                    BsonArray stored = commit.getArray(CommitLayout.EVENTS);
                    for (int i = 0; i < stored.size(); i++) {
                        stored.get(i).asDocument().getDocument(CommitLayout.PAYLOAD);
                        found++;
                    }
                }
            }
            if (last < 0) {
                return events;
            }
            events += found;
            next = last + 1;
        }
    }

    private static long rawRead(MongoCollection<BsonDocument> commits, int window) {
        long events = 0;
        long next = 1;
        while (true) {
            List<Long> positions = new ArrayList<>(window);
            for (long p = next; p < next + window; p++) {
                positions.add(p);
            }
            long found = 0;
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (BsonDocument commit : commits.find(in(CommitLayout.POSITIONS, positions))) {
                // The embedded server returns a commit once per matching position; the engine keys them too.
                if (commit.getBoolean(CommitLayout.VOID, org.bson.BsonBoolean.FALSE).getValue()
                        || !seen.add(commit.getInt64("_id").getValue())) {
                    continue;
                }
                BsonArray stored = commit.getArray(CommitLayout.EVENTS);
                BsonArray commitPositions = commit.getArray(CommitLayout.POSITIONS);
                for (int i = 0; i < stored.size(); i++) {
                    long position = commitPositions.get(i).asInt64().getValue();
                    if (position >= next && position < next + window) {
                        stored.get(i).asDocument().getDocument(CommitLayout.PAYLOAD); // touch what a reader needs
                        found++;
                    }
                }
            }
            if (found == 0) {
                return events;
            }
            events += found;
            next += window;
        }
    }

    /** The embedded server logs every connection at INFO; keep the rebuilds' progress lines only. */
    private static void quietLogs() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.consultationtracker"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void write(Path out, List<Integer> sizes, int window, List<String> rows, List<String> perModel,
                              List<String> cpuRows) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Replay benchmark\n\n")
          .append("Written by `org.consultationtracker.query.benchmarks.ReplayBenchmark` on ")
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC).format(Instant.now()))
          .append(" UTC (").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
          .append(System.getProperty("java.version")).append(", max heap ")
          .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB).\n\n")
          .append("Command (from the repository root):\n\n```\n")
          .append("./mvnw -q -DskipTests install\n")
          .append("MAVEN_OPTS=-Xmx16g ./mvnw -q -pl query-side test-compile "
                          + "org.codehaus.mojo:exec-maven-plugin:3.5.0:java \\\n"
                          + "  -Dexec.classpathScope=test "
                          + "-Dexec.mainClass=org.consultationtracker.query.benchmarks.ReplayBenchmark \\\n"
                          + "  -Dexec.args=\"")
          .append(String.join(" ", sizes.stream().map(String::valueOf).toList())).append(" --window=")
          .append(window).append("\"\n```\n\n")
          .append("One embedded in-memory MongoDB-wire server (mongo-java-server, memory backend) per size, in this ")
          .append("JVM. The events are a synthetic consultation (sessions with a 3×10 grid, proposals and merges, ")
          .append("rounds, joins, moves and departures, key points with edits, summaries, themes, report sections), ")
          .append("appended through our `MongoCommitStorageEngine` in commits of 100 events. Read windows: ")
          .append(window).append(" positions for both the engine and the raw reader (the engine's default is 100). ")
          .append("A warm-up run on 5,000 events precedes the measured ones.\n\n")
          .append("- **raw $in windows**: the raw driver running `$in` over the multikey `positions` index, window ")
          .append("after window (up to ").append(String.format(Locale.ROOT, "%,d", IN_WINDOWS_UP_TO))
          .append(" events). Kept for comparison: the embedded server returns a commit once per matching ")
          .append("position, which is why the engine does not read this way.\n")
          .append("- **raw by _id**: the raw driver fetching commits by `$in` over `_id` (a commit's first ")
          .append("position) and continuing after the last position read: each commit comes back once. This is the ")
          .append("access path the engine uses (`CommitWindows`), so it is the raw read the target compares with. ")
          .append("Measured three times in each row (before the engine stream, after the one-pass replay, after the ")
          .append("per-model replays): the fastest is the one every ratio divides by, the range is in brackets.\n")
          .append("- **engine stream**: `MongoCommitStorageEngine.readEvents(null, false)`, events deserialised to ")
          .append("their records, nothing applied.\n")
          .append("- **replay, all models in one pass**: `Replays.rebuild(all six read models)`, the production ")
          .append("rebuild (read the stream ahead on one thread, apply every projection, hand changed documents to ")
          .append("two writer threads every 10,000 events, flip the generations), timed from its start until the ")
          .append("rebuilt generations are served (`switchedAt`). Up to ")
          .append(String.format(Locale.ROOT, "%,d", REPEAT_UP_TO))
          .append(" events every rebuild (this one and the per-model ones) runs three times and the fastest is ")
          .append("reported; above, once.\n")
          .append("- **then hash**: what the rebuild does after it serves the new generations: drop the old ")
          .append("generations and compute the content hash of the new ones (a read of every document).\n")
          .append("- **replay, one model at a time**: the six rebuilds one after the other, each reading the stream ")
          .append("itself (per-model figures below).\n")
          .append("- **ratio**: replay of all models in one pass ÷ raw read by _id. The target is ≥ 0.5.\n")
          .append("- **raw insert of the rebuilt documents**: every document of the six rebuilt generations, ")
          .append("inserted again by the raw driver into empty collections (`insertMany`, unordered, 1,000 per ")
          .append("call, on two threads like the rebuild's writers), nothing read, nothing applied. No rebuild that ")
          .append("stores these documents can be faster than this.\n")
          .append("- **ratio bound**: events ÷ that insert time ÷ raw read by _id: the best ratio any rebuild writing ")
          .append("these documents could reach on this server, even if reading and applying cost nothing.\n\n")
          .append("| events | raw $in windows (events/s) | raw by _id (events/s) | engine stream (events/s) | ")
          .append("replay, all models in one pass (events/s) | then hash | replay, one model at a time (total) | ")
          .append("ratio | raw insert of the rebuilt documents | ratio bound |\n")
          .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(row -> md.append(row).append('\n'));
        md.append("\n## CPU seconds\n\n")
          .append("CPU time of the whole process (the client, the embedded server in the same JVM, the garbage ")
          .append("collector), which other load on the machine disturbs far less than wall time. To reach the target ")
          .append("a one-pass replay must finish within twice the raw read's wall time, so on this machine's ")
          .append(Runtime.getRuntime().availableProcessors())
          .append(" cores it can use at most cores × 2 × that time (last column), however well it overlaps its ")
          .append("work. The replay's figure is for its fastest run, from start to finish (hashing included).\n\n")
          .append("| events | raw read by _id | engine stream | replay, all models in one pass | ")
          .append("raw insert of the rebuilt documents | most a replay at the target may use |\n")
          .append("|---:|---:|---:|---:|---:|---:|\n");
        cpuRows.forEach(row -> md.append(row).append('\n'));
        md.append("\n## Per read model\n\nEach read model rebuilt on its own, timed until it is served; ratio: its ")
          .append("events/s ÷ the raw read by _id of the same row above.\n\n")
          .append("| events | read model | events applied | seconds | events/s | ratio |\n")
          .append("|---:|---|---:|---:|---:|---:|\n");
        perModel.forEach(row -> md.append(row).append('\n'));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
    }

    /** The raw driver inserting the documents of the active generations again, into scratch collections. */
    record WriteFloor(long documents, double seconds, double cpuSeconds) {

        static WriteFloor measure(MongoDatabase database, Generations generations) throws InterruptedException {
            List<Map.Entry<String, List<org.bson.RawBsonDocument>>> batches = new ArrayList<>();
            long documents = 0;
            for (ReadModel model : ReadModel.values()) {
                for (String collection : model.collections()) {
                    List<org.bson.RawBsonDocument> all = database
                            .getCollection(Generations.physicalName(model, collection, generations.active(model)),
                                           org.bson.RawBsonDocument.class)
                            .find().batchSize(1000).into(new ArrayList<>());
                    documents += all.size();
                    for (int i = 0; i < all.size(); i += 1000) {
                        batches.add(Map.entry("floor_" + collection, all.subList(i, Math.min(all.size(), i + 1000))));
                    }
                }
            }
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            Runnable insert = () -> {
                for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                    database.getCollection(batches.get(i).getKey(), org.bson.RawBsonDocument.class)
                            .insertMany(batches.get(i).getValue(),
                                        new com.mongodb.client.model.InsertManyOptions().ordered(false));
                }
            };
            long start = System.nanoTime();
            double cpuStart = ReplayBenchmark.cpuSeconds();
            Thread second = new Thread(insert, "write-floor");
            second.start();
            insert.run();
            second.join();
            double seconds = ReplayBenchmark.seconds(start);
            double cpu = ReplayBenchmark.cpuSeconds() - cpuStart;
            batches.stream().map(Map.Entry::getKey).distinct()
                   .forEach(collection -> database.getCollection(collection).drop());
            return new WriteFloor(documents, seconds, cpu);
        }
    }

    /** A synthetic but shaped-like-the-real-thing consultation, session after session. */
    static final class Generator {

        private final Map<String, Long> sequences = new HashMap<>();
        private final List<EventMessage<?>> pending = new ArrayList<>();
        private MongoCommitStorageEngine engine;
        private int appended;
        private int limit;

        int appendTo(MongoCommitStorageEngine engine, int limit) {
            this.engine = engine;
            this.limit = limit;
            for (int session = 0; appended + pending.size() < limit; session++) {
                session(session);
            }
            flush();
            return appended;
        }

        private void session(int s) {
            String c = "c-" + (s / 50);
            String a = "a-" + s;
            String r = "r-" + s;
            Instant start = T0.plus(Duration.ofDays(s));
            emit(a, new SessionScheduled(c, a, SessionKind.OPEN_SPACE, "Create " + s, start, start.plusSeconds(18000),
                                         start));
            List<String> people = new ArrayList<>();
            for (int p = 0; p < 30; p++) {
                String id = "p-" + s + "-" + p;
                people.add(id);
                emit(id, new ParticipantRegistered(id, c, "Person " + s + "." + p, List.of("g-" + (p % 5)),
                                                   AgeBand.values()[p % 5], new EncryptedValue(id + "/identity", "iv",
                                                                                               "Y2lwaGVy"), null,
                                                   null, start));
            }
            emit(a, new GridDefined(a, List.of(new GridRound(1, start, start.plusSeconds(2700)),
                                               new GridRound(2, start.plusSeconds(3600), start.plusSeconds(6300)),
                                               new GridRound(3, start.plusSeconds(7200), start.plusSeconds(9900))),
                                    rooms(), start));
            for (int k = 0; k < 32; k++) {
                emit(a, new ConversationProposed(a, a + "-pr-" + k, people.get(k % 30), Wording.plain("Question " + k), Wording.plain("Pitch"),
                                                 start.plusSeconds(k)));
            }
            emit(a, new ProposalsMerged(a, a + "-m-1", List.of(a + "-pr-30", a + "-pr-31"), "Merged", "same",
                                        List.of(people.get(0)), List.of(people.get(0), people.get(1)),
                                        start.plusSeconds(60)));
            List<String> conversations = new ArrayList<>();
            for (int k = 0; k < 30; k++) {
                String id = k == 29 ? a + "-m-1" : a + "-pr-" + k;
                conversations.add(id);
                emit(a, new ConversationScheduled(a, id, k / 10 + 1, "Room " + (k % 10 + 1),
                                                  List.of(people.get(k % 30)), Wording.plain("Question " + k),
                                                  start.plusSeconds(120)));
            }
            for (int round = 1; round <= 3; round++) {
                Instant opened = start.plusSeconds((round - 1) * 3600L);
                emit(a, new RoundOpened(a, round, opened));
                for (int room = 0; room < 10; room++) {
                    int k = (round - 1) * 10 + room;
                    String conversation = conversations.get(k);
                    emit(conversation, new ConversationStarted(conversation, a, round, "Room " + (room + 1),
                                                               people.get(k % 30), opened));
                    for (int j = 1; j <= 8; j++) {
                        String person = people.get((k + j * 3) % 30);
                        String from = j == 8 && room > 0 ? conversations.get(k - 1) : null;
                        emit(conversation, new ParticipantJoinedConversation(conversation, a, round, person, from,
                                                                             opened.plusSeconds(30L * j)));
                    }
                    List<String> keyPoints = new ArrayList<>();
                    for (int j = 0; j < 10; j++) {
                        String keyPoint = conversation + "-kp-" + j;
                        keyPoints.add(keyPoint);
                        String speaker = j % 2 == 0 ? people.get((k + j) % 30) : null;
                        Wording text = speaker == null ? Wording.plain("Point " + j + " of " + conversation)
                                : Wording.encrypted(new EncryptedValue(speaker + "/words", "iv", "Y2lwaGVydGV4dA"));
                        emit(conversation, new KeyPointRecorded(conversation, keyPoint, KeyPointKind.values()[j % 5],
                                                                text, j % 3 == 0, speaker, "notetaker",
                                                                opened.plusSeconds(300L + 60L * j)));
                    }
                    for (int j = 1; j <= 3; j++) {
                        emit(conversation, new KeyPointEdited(conversation, keyPoints.get(j * 2 - 1),
                                                              Wording.plain("Edited " + j), "clarity", "notetaker",
                                                              opened.plusSeconds(1500L + j)));
                    }
                    for (int j = 1; j <= 8; j++) {
                        String person = people.get((k + j * 3) % 30);
                        String to = j == 8 && room < 9 ? conversations.get(k + 1) : null;
                        emit(conversation, new ParticipantLeftConversation(conversation, a, round, person, to,
                                                                           opened.plusSeconds(1200L + 150L * j)));
                    }
                    emit(conversation, new ConversationSummarised(conversation, "Summary",
                                                                  keyPoints.subList(0, 5), "host",
                                                                  opened.plusSeconds(2600)));
                }
                emit(a, new RoundClosed(a, round, opened.plusSeconds(2700)));
            }
            emit(r, new ThemeIdentified(r, r + "-t", "Theme " + s, "A theme", start.plusSeconds(20000)));
            for (int k = 0; k < 10; k++) {
                String conversation = conversations.get(k);
                emit(r, new KeyPointTagged(r, r + "-t", conversation + "-kp-6", conversation,
                                           start.plusSeconds(20001 + k)));
            }
            for (int section = 1; section <= 3; section++) {
                String conversation = conversations.get(section * 7);
                emit(r, new ReportSectionWritten(r, r + "-s-" + section, section, "Section " + section, "Text",
                                                 List.of(new Citation(CitationKind.QUOTE, conversation + "-kp-0"),
                                                         new Citation(CitationKind.THEME, r + "-t"),
                                                         new Citation(CitationKind.CONVERSATION, conversation)),
                                                 start.plusSeconds(21000 + section)));
            }
        }

        private static List<String> rooms() {
            List<String> rooms = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                rooms.add("Room " + i);
            }
            return rooms;
        }

        private void emit(String aggregateId, Object payload) {
            if (appended + pending.size() >= limit) {
                return;
            }
            long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
            pending.add(new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence,
                                                        payload, MetaData.with("actor", "benchmark")
                                                                         .and("role", "FACILITATOR")));
            if (pending.size() == 100) {
                flush();
            }
        }

        private void flush() {
            if (!pending.isEmpty()) {
                engine.appendEvents(new ArrayList<>(pending));
                appended += pending.size();
                pending.clear();
            }
        }
    }
}
