package org.consultationtracker.query.replay;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.query.agenda.AgendaProjection;
import org.consultationtracker.query.auditlog.AuditLogProjection;
import org.consultationtracker.query.audittrail.AuditTrailProjection;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.participation.ParticipationProjection;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.support.ConsultationStory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild's write-behind session must end with exactly the documents the plain in-memory session builds, whatever
 * happens in between: writes handed over after every event (so documents are changed while their previous version is
 * being written, and must be copied), and no cache at all, so that written documents are dropped and loaded again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildSessionTest {

    private static final Instant T = Instant.parse("2024-05-01T09:00:00Z");

    private final List<Object> story = ConsultationStory.events("session-");
    private final AtomicLong generations = new AtomicLong();
    private EmbeddedMongoStore store;
    private MongoClient client;
    private MongoDatabase database;
    private ExecutorService writer;

    static List<Projection> projections() {
        return List.of(new ParticipantDirectoryProjection(), new AgendaProjection(), new ParticipationProjection(),
                       new AuditTrailProjection(), new CoverageProjection(), new AuditLogProjection());
    }

    @BeforeAll
    void start() {
        store = EmbeddedMongoStore.startInMemory();
        client = MongoClients.create(store.uri());
        database = client.getDatabase("rebuild-session");
        writer = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    void stop() {
        writer.shutdownNow();
        client.close();
        store.close();
    }

    @ParameterizedTest
    @MethodSource("projections")
    void writingBehindAfterEveryEventWithATinyCacheEndsWithTheSameDocuments(Projection projection) {
        String expected = inMemory(projection);
        long generation = generations.incrementAndGet();
        RebuildSession session = new RebuildSession(database, projection.model(), generation, writer, 0);

        apply(projection, (context, payload) -> session.writeBehind(), session);
        session.flush();

        assertThat(ContentHash.of(database, projection.model(), generation)).isEqualTo(expected);
        if (projection.model() != ReadModel.AUDIT_LOG) { // its entries are written once and never read back
            assertThat(session.documentsLoaded()).as("written documents were dropped and loaded again").isPositive();
            assertThat(session.documentsWritten()).isGreaterThan(count(projection, generation));
        }
    }

    @ParameterizedTest
    @MethodSource("projections")
    void writingOnceAtTheEndEndsWithTheSameDocuments(Projection projection) {
        String expected = inMemory(projection);
        long generation = generations.incrementAndGet();
        RebuildSession session = new RebuildSession(database, projection.model(), generation, writer, 1_000_000);

        apply(projection, (context, payload) -> { }, session);
        session.flush();

        assertThat(ContentHash.of(database, projection.model(), generation)).isEqualTo(expected);
        assertThat(session.documentsWritten()).isEqualTo(count(projection, generation));
        assertThat(session.documentsLoaded()).isZero();
    }

    @org.junit.jupiter.api.Test
    void aCopiedDocumentSharesNothingChangeable() {
        Document original = new Document("_id", "x").append("list", new java.util.ArrayList<>(List.of(
                new Document("a", 1)))).append("nested", new Document("b", new java.util.ArrayList<>(List.of("c"))));

        Document copy = RebuildSession.deepCopy(original);
        copy.getList("list", Document.class).get(0).put("a", 2);
        copy.get("nested", Document.class).getList("b", String.class).add("d");

        assertThat(original.toJson()).isEqualTo("{\"_id\": \"x\", \"list\": [{\"a\": 1}], \"nested\": {\"b\": [\"c\"]}}");
    }

    private String inMemory(Projection projection) {
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        apply(projection, (context, payload) -> { }, session);
        session.flush();
        return ContentHash.of(session, projection.model());
    }

    private void apply(Projection projection, BiConsumer<EventContext, Object> afterEach,
                       org.consultationtracker.query.readmodel.DocumentSession session) {
        long position = 0;
        for (Object payload : story) {
            position++;
            EventContext context = new EventContext(position, "event-" + position, payload.getClass().getSimpleName(),
                                                    null, T.plusSeconds(position), "facilitator-1", "FACILITATOR");
            projection.apply(payload, context, session);
            afterEach.accept(context, payload);
        }
    }

    private long count(Projection projection, long generation) {
        long documents = 0;
        for (String collection : projection.model().collections()) {
            documents += database.getCollection(collection + "_g" + generation).countDocuments();
        }
        return documents;
    }
}
