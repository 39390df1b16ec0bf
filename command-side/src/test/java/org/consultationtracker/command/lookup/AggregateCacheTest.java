package org.consultationtracker.command.lookup;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate cache is as fresh as the lookup: the catch-up before each command drops an aggregate that the store
 * holds a later event of (appended by another instance), keeps one that is current, and drops everything when it
 * moves past events it did not read itself.
 */
class AggregateCacheTest {

    private static final Instant AT = Instant.parse("2021-06-12T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AggregateModel<Held> MODEL = AnnotatedAggregateMetaModelFactory.inspectAggregate(Held.class);

    private StoreWithLookup store;

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    /** Stands for any aggregate: the cache only reads the version Axon's entry carries. */
    static final class Held {
        @AggregateIdentifier
        String id;

        Held(String id) {
            this.id = id;
        }
    }

    private static AggregateCacheEntry<Held> entryAt(String id, long version) {
        return new AggregateCacheEntry<>(EventSourcedAggregate.reconstruct(new Held(id), MODEL, version, false, null,
                NoSnapshotTriggerDefinition.TRIGGER));
    }

    private void appendAs(String aggregateId, long sequence, Object payload) {
        store.engine.appendEvents(new GenericDomainEventMessage<>("Participant", aggregateId, sequence, payload));
    }

    private static ParticipantRegistered registered(String participantId) {
        return new ParticipantRegistered(participantId, "c-1", participantId, List.of("foster-carers"),
                AgeBand.NOT_SAID, null, null, null, AT);
    }

    private static ParticipantErased erased(String participantId) {
        return new ParticipantErased(participantId, ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                ErasureRequester.THE_PARTICIPANT, "asked in the app", null, AT);
    }

    @Test
    void theCatchUpDropsAnAggregateTheStoreHoldsALaterEventOfAndKeepsACurrentOne() {
        store = new StoreWithLookup(Duration.ofSeconds(10));
        AggregateCache cache = new AggregateCache(100);
        LookupCatchUp catchUp = new LookupCatchUp(store.engine, store.database, store.lookupStore(), WAIT, cache);
        appendAs("dan", 0, registered("dan"));
        appendAs("eve", 0, registered("eve"));
        catchUp.catchUp();
        cache.put("dan", entryAt("dan", 0));
        cache.put("eve", entryAt("eve", 0));

        appendAs("dan", 1, erased("dan")); // written by another instance: this one's cached "dan" is behind it
        catchUp.catchUp();

        assertThat(cache.containsKey("dan")).as("behind the store: dropped, loaded afresh next time").isFalse();
        assertThat(cache.containsKey("eve")).as("current: kept").isTrue();
        assertThat(cache.<String, AggregateCacheEntry<Held>>get("eve")).isNotNull();
    }

    @Test
    void eachKindOfAggregateHasItsOwnEntriesAndTheCatchUpReachesThemAll() {
        store = new StoreWithLookup(Duration.ofSeconds(10));
        AggregateCache cache = new AggregateCache(100);
        var participants = cache.forType("Participant");
        var agendas = cache.forType("Agenda");
        LookupCatchUp catchUp = new LookupCatchUp(store.engine, store.database, store.lookupStore(), WAIT, cache);
        appendAs("dan", 0, registered("dan"));
        catchUp.catchUp();
        participants.put("dan", entryAt("dan", 0));

        assertThat(agendas.containsKey("dan")).as("an agenda named like a participant is not that participant")
                                            .isFalse();
        assertThat(agendas.<String, AggregateCacheEntry<Held>>get("dan")).isNull();
        assertThat(participants.containsKey("dan")).isTrue();

        appendAs("dan", 1, erased("dan")); // written by another instance
        catchUp.catchUp();
        assertThat(participants.containsKey("dan")).as("behind the store, whatever its kind: dropped").isFalse();
    }

    @Test
    void anAggregateCachedAtTheEventItJustStoredIsKept() {
        store = new StoreWithLookup(Duration.ofSeconds(10));
        AggregateCache cache = new AggregateCache(100);
        LookupCatchUp catchUp = new LookupCatchUp(store.engine, store.database, store.lookupStore(), WAIT, cache);
        appendAs("dan", 0, registered("dan"));
        appendAs("dan", 1, erased("dan"));
        cache.put("dan", entryAt("dan", 1)); // this instance's own command: cached as it committed

        catchUp.catchUp();

        assertThat(cache.containsKey("dan")).isTrue();
    }

    @Test
    void movingPastEventsAnotherInstanceAppliedDropsEveryAggregate() {
        store = new StoreWithLookup(Duration.ofSeconds(10));
        MongoLookupStore lookup = store.lookupStore();
        AggregateCache here = new AggregateCache(100);
        LookupCatchUp thisInstance = new LookupCatchUp(store.engine, store.database, lookup, WAIT, here);
        LookupCatchUp otherInstance = new LookupCatchUp(store.engine, store.database, lookup, WAIT,
                new AggregateCache(100));
        appendAs("dan", 0, registered("dan"));
        thisInstance.catchUp();
        here.put("dan", entryAt("dan", 0));

        appendAs("dan", 1, erased("dan"));
        otherInstance.catchUp(); // applies position 2
        otherInstance.recordCheckpoint(); // and raises the shared checkpoint past it (every 100 events, at shutdown)
        thisInstance.catchUp(); // starts from that checkpoint: never reads position 2

        assertThat(here.size()).isZero();
    }

    @Test
    void holdsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        AggregateCache cache = new AggregateCache(2);
        cache.put("a", entryAt("a", 0));
        cache.put("b", entryAt("b", 0));
        cache.get("a");
        cache.put("c", entryAt("c", 0));

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
    }
}
