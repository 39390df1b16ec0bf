package org.consultationtracker.query.readmodel;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.TrackedEventMessage;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live batch loads what its events need in a few bulk reads (rehearsing the batch first), and the rehearsal leaves
 * no trace: every read model ends up with the documents the same events give when applied one by one in memory.
 */
class LiveBatchTest {

    private static final List<Projection> PROJECTIONS = List.of(
            new ParticipantDirectoryProjection(), new AgendaProjection(), new ParticipationProjection(),
            new AuditTrailProjection(), new CoverageProjection(), new AuditLogProjection());

    /** Reads of read-model documents (not of the parking state). */
    private final AtomicInteger finds = new AtomicInteger();
    private EmbeddedMongoStore store;
    private MongoClient client;
    private MongoDatabase database;
    private Generations generations;
    private ParkedEvents parkedEvents;

    @BeforeEach
    void startStore() {
        store = EmbeddedMongoStore.startInMemory();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")
                        && event.getCommand().getString("find").getValue().matches(".*_g[0-9]+")) {
                    finds.incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.uri())).addCommandListener(counter).build());
        database = client.getDatabase("live-batches");
        generations = new Generations(database);
        parkedEvents = new ParkedEvents(database, generations);
    }

    @AfterEach
    void stopStore() {
        client.close();
        store.close();
    }

    /** Batches of one event load document by document; larger ones must give the same documents. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000})
    void liveBatchesBuildWhatApplyingTheEventsInMemoryBuilds(int batchSize) {
        List<TrackedEventMessage<?>> events = story();
        for (Projection projection : PROJECTIONS) {
            ReadModel model = projection.model();
            long generation = generations.active(model);
            for (int from = 0; from < events.size(); from += batchSize) {
                process(projection, generation, events.subList(from, Math.min(events.size(), from + batchSize)));
            }
            InMemoryDocumentSession expected = new InMemoryDocumentSession();
            for (TrackedEventMessage<?> event : events) {
                projection.apply(event.getPayload(), EventContext.of(event, event.trackingToken()), expected);
            }
            assertThat(ContentHash.of(database, model, generation)).as(model.id())
                                                                   .isEqualTo(ContentHash.of(expected, model));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void aBatchLoadsItsDocumentsWithABulkReadPerCollectionAndRound(int alreadyWritten) {
        List<TrackedEventMessage<?>> events = story();
        for (Projection projection : PROJECTIONS) {
            ReadModel model = projection.model();
            long generation = generations.active(model);
            process(projection, generation, events.subList(0, alreadyWritten));
            finds.set(0);

            process(projection, generation, events.subList(alreadyWritten, events.size()));

            // Without the rehearsal each document is one read: eight consultations' worth of participants, agendas,
            // conversations, key points... far more than one read per collection and round.
            assertThat(finds.get()).as(model.id() + ": reads for a batch of " + (events.size() - alreadyWritten))
                                   .isLessThanOrEqualTo(Rehearsal.MAX_ROUNDS * model.collections().size());
        }
    }

    private void process(Projection projection, long generation, List<TrackedEventMessage<?>> batch) {
        ReadModel model = projection.model();
        LiveBatch live = new LiveBatch(projection, database, generation, parkedEvents,
                                       parkedEvents.stateFor(model, generation));
        ParkingSequences sequences = new ParkingSequences();
        batch.forEach(event -> live.add(ModelEvent.of(model, event, event.trackingToken(), sequences)));
        live.write();
    }

    private static List<TrackedEventMessage<?>> story() {
        return EventFeed.trackedStories("lb", 8);
    }
}
