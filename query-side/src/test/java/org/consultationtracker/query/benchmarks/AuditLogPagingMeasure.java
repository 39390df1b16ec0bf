package org.consultationtracker.query.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.query.auditlog.AuditLogProjection;
import org.consultationtracker.query.auditlog.AuditLogQueries;
import org.consultationtracker.query.auditlog.AuditLogQueries.SearchAuditLog;
import org.consultationtracker.query.auditlog.EventTypes;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingSequences;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.HeadPosition;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelIndexes;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.replay.ReplayProperties;
import org.consultationtracker.query.replay.Replays;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How long one page of the audit log takes deep in a log of {@code N} events (default 100,000), on one in-memory
 * embedded server: the log is filled by rebuilding the audit-log model from events shaped like a consultation
 * ({@link ReplayBenchmark.Generator}), then pages of 50 entries are read from position 90% of the way in, without a
 * filter and with an event-type filter, and near the start for comparison. Prints the median and the slowest of 30
 * reads each. Not a test; run it with:
 * <pre>
 * ./mvnw -q -o -pl query-side -am test-compile
 * java -cp query-side/target/test-classes:query-side/target/classes:$(cat /tmp/cp.txt) \
 *     org.consultationtracker.query.benchmarks.AuditLogPagingMeasure 100000
 * </pre>
 * ({@code /tmp/cp.txt} from {@code ./mvnw -q -o -pl query-side dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt}).
 */
public final class AuditLogPagingMeasure {

    private static final int SIZE = 50;
    private static final int READS = 30;

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.startInMemory();
             MongoClient client = MongoClients.create(store.uri())) {
            MongoDatabase database = client.getDatabase("consultation");
            MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                    .database(database).eventSerializer(EventSerialization.serializer())
                    .snapshotSerializer(EventSerialization.serializer())
                    .upcasterChain(new EventUpcasterChain(List.of())).build();
            int appended = new ReplayBenchmark.Generator().appendTo(engine, events);
            Generations generations = new Generations(database);
            List<Projection> projections = List.of(new AuditLogProjection());
            Replays replays = new Replays(engine, new HeadPosition(engine, database), database, generations,
                                          new ReplayProperties(10_000, 100_000, 2, Duration.ofSeconds(5)),
                                          projections, new SimpleMeterRegistry(),
                                          new ParkedEvents(database, generations), new ParkingSequences(),
                                          new ReadModelIndexes(database, projections));
            long start = System.nanoTime();
            replays.rebuild(ReadModel.AUDIT_LOG);
            System.out.printf(Locale.ROOT, "%,d events; audit log rebuilt in %.1f s%n", appended,
                              (System.nanoTime() - start) / 1e9);

            AuditLogQueries queries = new AuditLogQueries(new ReadModelStore(database, generations), new EventTypes());
            long deep = appended * 9L / 10;
            time("no filter, first page", () -> queries.handle(search(null, null)));
            time("no filter, after position " + deep, () -> queries.handle(search(null, deep)));
            time("eventType=KeyPointRecorded, first page", () -> queries.handle(search("KeyPointRecorded", null)));
            time("eventType=KeyPointRecorded, after position " + deep,
                 () -> queries.handle(search("KeyPointRecorded", deep)));
            time("eventType=ConversationStarted, after position " + deep,
                 () -> queries.handle(search("ConversationStarted", deep)));
        }
        System.exit(0);
    }

    private static SearchAuditLog search(String eventType, Long after) {
        return new SearchAuditLog(null, null, null, null, eventType, null, null, after, SIZE);
    }

    private static void time(String label, Supplier<AuditLogQueries.Page> read) {
        for (int i = 0; i < 5; i++) {
            read.get(); // warm-up
        }
        double[] millis = new double[READS];
        int entries = 0;
        for (int i = 0; i < READS; i++) {
            long start = System.nanoTime();
            entries = read.get().entries().size();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-62s %3d entries  median %8.2f ms  slowest %8.2f ms%n", label, entries,
                          millis[READS / 2], millis[READS - 1]);
    }
}
