package org.consultationtracker.query.readmodel;

import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.query.agenda.AgendaProjection;
import org.consultationtracker.query.auditlog.AuditLogProjection;
import org.consultationtracker.query.audittrail.AuditTrailProjection;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.parking.ModelEvent;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingSequences;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.participation.ParticipationProjection;
import org.consultationtracker.query.support.EventFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A query side killed while it writes a batch leaves whatever part of the batch's documents reached the store. The
 * batch is redelivered, and every read model must end up exactly as if the batch had been written whole: for each
 * model, the second half of a story is written by a writer that stops after its k-th document (k over the whole
 * batch, so inside one collection's bulk too), then delivered again to a fresh batch, and the model's content is
 * compared with the same events applied in memory.
 */
class BatchCutShortTest {

    private static final List<Projection> PROJECTIONS = List.of(
            new ParticipantDirectoryProjection(), new AgendaProjection(), new ParticipationProjection(),
            new AuditTrailProjection(), new CoverageProjection(), new AuditLogProjection());

    /** Cut points tried per model: spread over the batch's documents, the first and last included. */
    private static final int CUTS = 24;

    private EmbeddedMongoStore store;
    private MongoClient client;
    private int databases;

    @BeforeEach
    void startStore() {
        store = EmbeddedMongoStore.startInMemory();
        client = MongoClients.create(store.uri());
    }

    @AfterEach
    void stopStore() {
        client.close();
        store.close();
    }

    @Test
    void aBatchCutShortAnywhereIsCompletedWhenItIsDeliveredAgain() {
        List<TrackedEventMessage<?>> events = story();
        List<TrackedEventMessage<?>> first = events.subList(0, events.size() / 2);
        List<TrackedEventMessage<?>> second = events.subList(events.size() / 2, events.size());
        for (Projection projection : PROJECTIONS) {
            String expected = inMemory(projection, events);
            int written = documentsWritten(projection, first, second);
            for (int cut : cuts(written)) {
                MongoDatabase database = client.getDatabase("cut-" + ++databases);

                String built = cutAndDeliverAgain(database, projection, first, second, cut, true);

                assertThat(built).as("%s, writer stopped after %d of %d documents", projection.model().id(), cut,
                                     written).isEqualTo(expected);
                assertThat(database.getCollection(BatchJournal.COLLECTION).countDocuments()).isZero();
            }
        }
    }

    /**
     * The same cuts without the journal: redelivery alone leaves some models wrong (a list's page without the id its
     * head counts, key points that missed a rewritten section). This is what the test above would catch.
     */
    @Test
    void withoutTheJournalSomeCutsLeaveAModelWrong() {
        List<TrackedEventMessage<?>> events = story();
        List<TrackedEventMessage<?>> first = events.subList(0, events.size() / 2);
        List<TrackedEventMessage<?>> second = events.subList(events.size() / 2, events.size());
        Map<String, Integer> wrong = new TreeMap<>();
        for (Projection projection : PROJECTIONS) {
            String expected = inMemory(projection, events);
            for (int cut : cuts(documentsWritten(projection, first, second))) {
                MongoDatabase database = client.getDatabase("unjournaled-" + ++databases);
                if (!cutAndDeliverAgain(database, projection, first, second, cut, false).equals(expected)) {
                    wrong.merge(projection.model().id(), 1, Integer::sum);
                }
            }
        }
        assertThat(wrong).as("models left wrong by a cut batch without the journal, and how often: %s", wrong)
                         .containsKey(ReadModel.AUDIT_TRAIL.id());
    }

    /**
     * Writes {@code first} whole, then {@code second} with a writer stopped after {@code cut} documents, then delivers
     * {@code second} again to a fresh batch: the model's content hash afterwards.
     */
    private static String cutAndDeliverAgain(MongoDatabase database, Projection projection,
                                             List<TrackedEventMessage<?>> first, List<TrackedEventMessage<?>> second,
                                             int cut, boolean journaled) {
        long generation = new Generations(database).active(projection.model());
        process(database, projection, first, MongoDocumentSession::new);
        assertThatThrownBy(() -> process(database, projection, second, stoppingAfter(cut, journaled)))
                .isInstanceOf(MongoSocketException.class);
        process(database, projection, second, MongoDocumentSession::new);
        return ContentHash.of(database, projection.model(), generation);
    }

    /**
     * Segments of one model run side by side: a batch recovers only its own segment's journals, never one another
     * segment's batch may still be writing.
     */
    @Test
    void aBatchRecoversOnlyItsOwnSegmentsJournal() {
        List<TrackedEventMessage<?>> events = story();
        List<TrackedEventMessage<?>> first = events.subList(0, events.size() / 2);
        List<TrackedEventMessage<?>> second = events.subList(events.size() / 2, events.size());
        Projection projection = new AuditTrailProjection();
        MongoDatabase database = client.getDatabase("segments-" + ++databases);
        process(database, projection, first, "1", MongoDocumentSession::new);
        assertThatThrownBy(() -> process(database, projection, second, "1", stoppingAfter(3, true)))
                .isInstanceOf(MongoSocketException.class);
        var journal = database.getCollection(BatchJournal.COLLECTION);
        long left = journal.countDocuments();
        assertThat(left).as("the cut batch's journal: its parts and marker").isGreaterThan(1);

        process(database, projection, List.of(), "0", MongoDocumentSession::new);
        assertThat(journal.countDocuments()).as("left alone by segment 0").isEqualTo(left);

        process(database, projection, second, "1", MongoDocumentSession::new);
        assertThat(journal.countDocuments()).as("recovered by segment 1").isZero();
        assertThat(ContentHash.of(database, projection.model(), new Generations(database).active(projection.model())))
                .isEqualTo(inMemory(projection, events));
    }

    private static String inMemory(Projection projection, List<TrackedEventMessage<?>> events) {
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        for (TrackedEventMessage<?> event : events) {
            projection.apply(event.getPayload(), EventContext.of(event, event.trackingToken()), session);
        }
        return ContentHash.of(session, projection.model());
    }

    /** How many documents the second batch writes after the first, counted on a scratch database. */
    private int documentsWritten(Projection projection, List<TrackedEventMessage<?>> first,
                                 List<TrackedEventMessage<?>> second) {
        MongoDatabase database = client.getDatabase("count-" + ++databases);
        process(database, projection, first, MongoDocumentSession::new);
        int[] count = {0};
        process(database, projection, second, (db, model, generation) -> new MongoDocumentSession(db, model,
                                                                                                   generation) {
            @Override
            protected void write(String collection, Collection<Document> documents) {
                count[0] += documents.size();
                super.write(collection, documents);
            }
        });
        return count[0];
    }

    private static List<Integer> cuts(int written) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < CUTS; i++) {
            int cut = (int) Math.round((double) i * (written - 1) / (CUTS - 1));
            if (cuts.isEmpty() || cuts.get(cuts.size() - 1) != cut) {
                cuts.add(cut);
            }
        }
        return cuts;
    }

    /** Sessions that write {@code budget} documents of the batch and then fail as a lost connection would. */
    private static LiveBatch.Sessions stoppingAfter(int budget, boolean journaled) {
        int[] left = {budget};
        return (database, model, generation) -> new MongoDocumentSession(database, model, generation) {
            @Override
            protected void writeAll(Map<String, Collection<Document>> documents) {
                if (journaled) {
                    super.writeAll(documents);
                } else {
                    documents.forEach(this::write);
                }
            }

            @Override
            protected void write(String collection, Collection<Document> documents) {
                List<Document> some = documents.stream().limit(left[0]).toList();
                if (!some.isEmpty()) {
                    super.write(collection, some);
                }
                left[0] -= some.size();
                if (some.size() < documents.size()) {
                    throw new MongoSocketException("stopped after " + budget + " documents",
                                                   new ServerAddress("127.0.0.1"));
                }
            }
        };
    }

    private static void process(MongoDatabase database, Projection projection, List<TrackedEventMessage<?>> batch,
                                LiveBatch.Sessions sessions) {
        process(database, projection, batch, "0", sessions);
    }

    private static void process(MongoDatabase database, Projection projection, List<TrackedEventMessage<?>> batch,
                                String segment, LiveBatch.Sessions sessions) {
        ReadModel model = projection.model();
        Generations generations = new Generations(database);
        ParkedEvents parkedEvents = new ParkedEvents(database, generations);
        long generation = generations.active(model);
        LiveBatch live = new LiveBatch(projection, database, generation, parkedEvents,
                                       parkedEvents.stateFor(model, generation), segment, sessions);
        ParkingSequences sequences = new ParkingSequences();
        batch.forEach(event -> live.add(ModelEvent.of(model, event, event.trackingToken(), sequences)));
        live.write();
    }

    private static List<TrackedEventMessage<?>> story() {
        return EventFeed.trackedStories("cut", 2);
    }
}
