package org.consultationtracker.query.parking;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.ReadModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parked and resolved events are listed page by page by key: parked ones read model by read model in the order they
 * were parked, resolved ones newest first; entries recorded before they were numbered are numbered at start.
 */
class ParkedEventsPagingTest {

    private static final Instant AT = Instant.parse("2024-03-01T10:00:00Z");

    private EmbeddedMongoStore store;
    private MongoClient client;
    private MongoDatabase database;
    private Generations generations;
    private ParkedEvents parked;

    @BeforeEach
    void startStore() {
        store = EmbeddedMongoStore.startInMemory();
        client = MongoClients.create(store.uri());
        database = client.getDatabase("parking");
        generations = new Generations(database);
        parked = new ParkedEvents(database, generations);
    }

    @AfterEach
    void stopStore() {
        client.close();
        store.close();
    }

    @Test
    void parkedEventsAreWalkedModelByModelInTheOrderTheyWereParked() {
        park(ReadModel.AGENDA, 1, 5, 9, 3, 7);  // parked out of position order: segments park concurrently
        park(ReadModel.COVERAGE, 1, 40, 41);
        park(ReadModel.AUDIT_LOG, 1, 100, 101, 102);
        park(ReadModel.COVERAGE, 7, 50);          // a generation queries do not read (a rebuild's)

        List<String> walked = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            ParkedEvents.Page page = parked.current(null, after, 2);
            assertThat(page.events()).hasSizeLessThanOrEqualTo(2);
            page.events().forEach(e -> walked.add(e.readModel() + "@" + e.position()));
            after = page.next();
            pages++;
        } while (after != null);
        assertThat(walked).containsExactly("agenda@5", "agenda@9", "agenda@3", "agenda@7", "coverage@40",
                                           "coverage@41", "audit-log@100", "audit-log@101", "audit-log@102");
        assertThat(pages).isEqualTo(5);
        assertThat(parked.counts()).containsEntry(ReadModel.AGENDA, 4L).containsEntry(ReadModel.COVERAGE, 2L)
                                   .containsEntry(ReadModel.AUDIT_LOG, 3L).containsEntry(ReadModel.PARTICIPANTS, 0L);

        ParkedEvents.Page coverage = parked.current(ReadModel.COVERAGE, null, 10);
        assertThat(coverage.events()).extracting(ParkedEvent::position).containsExactly(40L, 41L);
        assertThat(coverage.next()).isNull();
    }

    @Test
    void recordingTheSameEventAgainNeitherListsNorCountsItTwice() {
        park(ReadModel.AGENDA, 1, 5);
        park(ReadModel.AGENDA, 1, 5);
        assertThat(parked.current(ReadModel.AGENDA, null, 10).events()).hasSize(1);
        assertThat(parked.count(ReadModel.AGENDA)).isEqualTo(1);
        assertThat(parked.stateFor(ReadModel.AGENDA, 1).blockedBehind("c-1")).isEqualTo(5L);
    }

    @Test
    void aPageThatEndsAModelPointsAtTheNextModelOnlyWhenOneHoldsEvents() {
        park(ReadModel.AGENDA, 1, 1, 2);
        assertThat(parked.current(null, null, 2).next()).isNull();
        park(ReadModel.COVERAGE, 1, 3);
        ParkedEvents.Page first = parked.current(null, null, 2);
        assertThat(first.next()).isEqualTo("agenda:2");
        assertThat(parked.current(null, first.next(), 2).events()).extracting(ParkedEvent::position)
                                                                  .containsExactly(3L);
    }

    @Test
    void anAfterThatIsNoSlotIsRefusedNamingTheParameter() {
        for (String bad : List.of("nonsense", "agenda:x", "agenda:-1", "unknown:3")) {
            assertThatThrownBy(() -> parked.current(null, bad, 10)).isInstanceOf(InvalidFilter.class)
                    .satisfies(e -> assertThat(((InvalidFilter) e).parameter()).isEqualTo("after"));
        }
        assertThatThrownBy(() -> parked.current(ReadModel.AGENDA, "coverage:1", 10))
                .isInstanceOf(InvalidFilter.class);
    }

    @Test
    void resolvedEventsComeNewestFirstPageByPage() {
        park(ReadModel.AGENDA, 1, 1, 2, 3, 4, 5);
        long rebuilt = generations.reserveNext(ReadModel.AGENDA);
        generations.activate(ReadModel.AGENDA, rebuilt);
        parked.supersede(ReadModel.AGENDA, rebuilt, "rebuild-" + rebuilt);

        ParkedEvents.ResolvedPage first = parked.resolved(null, 2);
        assertThat(first.totalResolved()).isEqualTo(5);
        assertThat(first.events()).extracting(r -> r.event().position()).containsExactly(5L, 4L);
        ParkedEvents.ResolvedPage second = parked.resolved(first.next(), 2);
        assertThat(second.events()).extracting(r -> r.event().position()).containsExactly(3L, 2L);
        ParkedEvents.ResolvedPage last = parked.resolved(second.next(), 2);
        assertThat(last.events()).extracting(r -> r.event().position()).containsExactly(1L);
        assertThat(last.next()).isNull();
        assertThat(parked.current(ReadModel.AGENDA, null, 10).events()).isEmpty();
        assertThat(parked.count(ReadModel.AGENDA)).isZero();
    }

    @Test
    void entriesRecordedBeforeTheyWereNumberedAreNumberedAtStart() {
        for (long position : List.of(8L, 6L)) {
            ParkedEvent event = event(ReadModel.COVERAGE, 1, position);
            database.getCollection(ParkedEvents.PARKED).insertOne(ParkedEvents.toDocument(event));
        }
        database.getCollection(ParkedEvents.RESOLVED).insertOne(new Document("_id", "old")
                .append("event", ParkedEvents.toDocument(event(ReadModel.AGENDA, 0, 1)))
                .append("outcome", "applied").append("resolvedAt", Date.from(AT)));

        ParkedEvents restarted = new ParkedEvents(database, generations);

        assertThat(restarted.current(ReadModel.COVERAGE, null, 10).events()).extracting(ParkedEvent::position)
                                                                            .containsExactly(6L, 8L);
        assertThat(restarted.count(ReadModel.COVERAGE)).isEqualTo(2);
        assertThat(restarted.resolved(null, 10).events()).extracting(ResolvedEvent::outcome).containsExactly("applied");
    }

    private void park(ReadModel model, long generation, long... positions) {
        List<ParkedEvent> events = new ArrayList<>();
        for (long position : positions) {
            events.add(event(model, generation, position));
        }
        parked.record(events);
    }

    private static ParkedEvent event(ReadModel model, long generation, long position) {
        return new ParkedEvent(ParkedEvent.id(model.id(), generation, position), model.id(), generation, position,
                               "event-" + position, "KeyPointRecorded", "c-1", "c-1", ParkedEvent.Status.PARKED,
                               null, "java.lang.IllegalStateException", "broken", AT, List.of());
    }
}
