package org.consultationtracker.query.benchmarks;

import org.consultationtracker.query.readmodel.ReadModelIndexes;
import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.query.agenda.AgendaProjection;
import org.consultationtracker.query.auditlog.AuditLogProjection;
import org.consultationtracker.query.audittrail.AuditTrailProjection;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.feedback.SessionFeedbackProjection;
import org.consultationtracker.query.provenance.ProvenanceProjection;
import org.consultationtracker.query.report.ReportProjection;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingSequences;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.participation.ParticipationProjection;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.HeadPosition;
import org.consultationtracker.query.replay.ReplayProperties;
import org.consultationtracker.query.replay.ReplayStatus;
import org.consultationtracker.query.replay.Replays;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.consultationtracker.query.readmodel.PayloadFieldSequencingPolicy;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ProjectionEventHandler;
import org.consultationtracker.query.readmodel.ReadModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Live catch-up of every read model from an empty query side, on one embedded in-memory server: the events of a
 * synthetic consultation ({@link ReplayBenchmark.Generator}) are fed to each model's production event handler the way
 * its pooled processor feeds them when far behind — split into the model's segments by its sequencing policy
 * (query-side.yml), in processor batches of {@code --batch} events per segment, each in a batching unit of work. Counts
 * the read model's store round trips (every command the driver sends while the model processes) and times each model.
 * The event store is read once beforehand and token claims are not included: this measures what the read-model side
 * of a live batch costs. Prints a table and each model's content hash (to compare two versions of the code).
 * <p>
 * Not a test: {@code LiveCatchUpBenchmark [events, default 20000] [--batch=200] [--file]} ({@code --file}: on the
 * file-backed store in a temporary directory, the product's default store, instead of in memory).
 */
public final class LiveCatchUpBenchmark {

    private static final Map<String, AtomicLong> COMMANDS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> NANOS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int size = 20_000;
        int batch = 200;
        boolean fileBacked = false;
        for (String arg : args) {
            if (arg.equals("--file")) {
                fileBacked = true;
            } else if (arg.startsWith("--batch=")) {
                batch = Integer.parseInt(arg.substring(8));
            } else {
                size = Integer.parseInt(arg.replace("_", ""));
            }
        }
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                COMMANDS.computeIfAbsent(event.getCommandName(), name -> new AtomicLong()).incrementAndGet();
            }

            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                NANOS.computeIfAbsent(event.getCommandName(), name -> new AtomicLong())
                     .addAndGet(event.getElapsedTime(java.util.concurrent.TimeUnit.NANOSECONDS));
            }
        };
        java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("live-catch-up");
        try (EmbeddedMongoStore store = fileBacked
                ? EmbeddedMongoStore.startFileBacked(directory, "127.0.0.1", freePort())
                : EmbeddedMongoStore.startInMemory();
             MongoClient client = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(store.uri())).addCommandListener(counter).build())) {
            MongoDatabase database = client.getDatabase("consultation");
            MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                    .database(database).eventSerializer(EventSerialization.serializer())
                    .snapshotSerializer(EventSerialization.serializer())
                    .upcasterChain(new EventUpcasterChain(List.of())).build();
            int appended = new ReplayBenchmark.Generator().appendTo(engine, size);
            List<TrackedEventMessage<?>> events;
            try (var stream = engine.readEvents(null, false)) {
                events = new ArrayList<>(stream.toList());
            }
            events.forEach(EventMessage::getPayload); // deserialized once, outside the timings
            System.out.printf(Locale.ROOT, "%,d events in the %s store; processor batch %d%n", appended,
                              fileBacked ? "file-backed" : "in-memory", batch);

            Generations generations = new Generations(database);
            ParkedEvents parkedEvents = new ParkedEvents(database, generations);
            ParkingSequences sequences = new ParkingSequences();
            List<String> rows = new ArrayList<>();
            Map<String, String> liveHashes = new TreeMap<>();
            long allCommands = 0;
            double allSeconds = 0;
            double allCpu = 0;
            List<Projection> projections = List.of(new ParticipantDirectoryProjection(), new AgendaProjection(),
                                                   new ParticipationProjection(), new AuditTrailProjection(),
                                                   new CoverageProjection(), new AuditLogProjection(),
                                                   new ProvenanceProjection(), new ReportProjection(),
                                                   new SessionFeedbackProjection());
            ReadModelIndexes indexes = new ReadModelIndexes(database, projections);
            for (Projection projection : projections) {
                ReadModel model = projection.model();
                // As DeclareIndexesAtStart does before the processors start: without the write guard index every
                // compare-and-set write scans its collection on the embedded server.
                indexes.declare(model, generations.active(model));
                ProjectionEventHandler handler = new ProjectionEventHandler(projection, database, generations,
                                                                            parkedEvents, sequences) {
                };
                COMMANDS.clear();
                NANOS.clear();
                long start = System.nanoTime();
                double cpuStart = cpuSeconds();
                int segments = segmentsOf(model);
                for (Segment segment : Segment.splitBalanced(Segment.ROOT_SEGMENT, segments - 1)) {
                    List<TrackedEventMessage<?>> mine = new ArrayList<>();
                    for (TrackedEventMessage<?> event : events) {
                        if (segment.matches(policyOf(model).apply(event))) {
                            mine.add(event);
                        }
                    }
                    for (int i = 0; i < mine.size(); i += batch) {
                        process(handler, mine.subList(i, Math.min(mine.size(), i + batch)));
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = cpuSeconds() - cpuStart;
                allCpu += cpu;
                long commands = COMMANDS.values().stream().mapToLong(AtomicLong::get).sum();
                allCommands += commands;
                allSeconds += seconds;
                rows.add(String.format(Locale.ROOT, "| %s | %d | %.2f | %,.0f | %.2f | %,d | %.2f | %s | %s |",
                                       model.id(), segments, seconds, appended / seconds, cpu, commands,
                                       (double) commands / appended, new TreeMap<>(Map.copyOf(COMMANDS)),
                                       secondsByCommand()));
                liveHashes.put(model.id(), ContentHash.of(database, model, generations.active(model)));
                if (System.getenv("LIVE_DUMP") != null) {
                    try (var out = new java.io.PrintWriter(System.getenv("LIVE_DUMP") + "/" + model.id())) {
                        for (String collection : model.collections()) {
                            var all = new TreeMap<String, String>();
                            database.getCollection(Generations.physicalName(model, collection,
                                                                            generations.active(model)))
                                    .find().forEach(d -> all.put(d.getString("_id"), d.toJson()));
                            all.forEach((id, json) -> out.println(collection + " " + json));
                        }
                    }
                }
            }
            // The same events rebuilt in one pass: live processing must have built the same documents.
            ReplayStatus rebuilt = new Replays(engine, new HeadPosition(engine, database), database, generations,
                                               new ReplayProperties(10_000, 100_000, 2, Duration.ofSeconds(5)),
                                               projections, new SimpleMeterRegistry(), parkedEvents, sequences,
                                               new ReadModelIndexes(database, projections))
                    .rebuild(List.of(ReadModel.values()));
            liveHashes.forEach((model, hash) -> System.out.printf("%s: live %s a rebuild (%s)%n", model,
                    hash.equals(rebuilt.contentHashes().get(model)) ? "built the same documents as"
                            : "DIFFERS FROM", hash));
            System.out.println("| read model | segments | seconds | events/s | CPU seconds | round trips | per event "
                               + "| by command | seconds in the store, by command |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---|---|");
            rows.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "| all models, one after the other | | %.2f | %,.0f | %.2f | %,d | %.2f | | |%n",
                              allSeconds, appended / allSeconds, allCpu, allCommands, (double) allCommands / appended);
        }
        System.exit(0);
    }

    private static Map<String, String> secondsByCommand() {
        Map<String, String> seconds = new TreeMap<>();
        NANOS.forEach((command, nanos) -> seconds.put(command, String.format(Locale.ROOT, "%.2f", nanos.get() / 1e9)));
        return seconds;
    }

    /** One processor batch, as the pooled processor's work package runs it. */
    private static void process(ProjectionEventHandler handler, List<TrackedEventMessage<?>> batch)
            throws Exception {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        unitOfWork.executeWithResult(() -> {
            TrackedEventMessage<?> message = unitOfWork.getMessage();
            handler.on(message, message.trackingToken());
            return null;
        });
        if (unitOfWork.getExecutionResult() != null && unitOfWork.getExecutionResult().isExceptionResult()) {
            throw new IllegalStateException("A batch failed", unitOfWork.getExecutionResult().getExceptionResult());
        }
    }

    /** CPU time of the whole process: the handlers, the embedded server in the same JVM, the garbage collector. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** As in query-side.yml. */
    private static int segmentsOf(ReadModel model) {
        return model == ReadModel.PARTICIPATION ? 4 : 1;
    }

    private static Function<EventMessage<?>, Object> policyOf(ReadModel model) {
        return switch (model) {
            case PARTICIPATION -> PayloadFieldSequencingPolicy.bySession()::getSequenceIdentifierFor;
            default -> new SequentialPolicy()::getSequenceIdentifierFor;
        };
    }
}
