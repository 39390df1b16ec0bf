package org.consultationtracker.command.lookup;

import com.mongodb.MongoException;
import org.bson.Document;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lookup as an ordered projection of the event store with a checkpoint: built from the whole stream, caught up
 * from its own checkpoint after a crash, never skipping an event it could not apply, waiting a bounded time for
 * positions in flight, and never moved back by a second instance applying older events.
 */
class LookupCatchUpTest {

    private static final Instant AT = Instant.parse("2021-06-12T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private StoreWithLookup store;

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    private StoreWithLookup store(Duration gapTimeout) {
        store = new StoreWithLookup(gapTimeout);
        return store;
    }

    private static ParticipantRegistered registered(String participantId) {
        return new ParticipantRegistered(participantId, "c-1", participantId, List.of("foster-carers"),
                AgeBand.NOT_SAID, null, null, null, AT);
    }

    @Test
    void anEmptyLookupIsBuiltFromTheWholeStream() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(registered("dan"));
        events.append(new ConversationScheduled("create", "m-1", 1, "room-1", List.of("ana"), Wording.plain("Q"), AT),
                new ConversationScheduled("create", "p-3", 1, "room-2", List.of("cat"), Wording.plain("Q"), AT));
        events.append(new RoundOpened("create", 1, AT));
        events.append(new ConversationStarted("m-1", "create", 1, "room-1", "ana", AT));
        events.append(new ParticipantJoinedConversation("m-1", "create", 1, "dan", null, AT));
        events.append(new ParticipantLeftConversation("m-1", "create", 1, "dan", "p-3", AT),
                new ParticipantJoinedConversation("p-3", "create", 1, "dan", "m-1", AT));
        events.append(new ParticipantErased("dan", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                ErasureRequester.THE_PARTICIPANT, "asked in the app", null, AT));
        MongoLookupStore lookup = events.lookupStore();
        Timetable timetable = new Timetable(lookup);
        ParticipantDirectory participants = new ParticipantDirectory(lookup);

        events.catchUp(lookup, WAIT).catchUpAtStart();

        assertThat(timetable.roundStatus("create", 1)).isEqualTo(Timetable.RoundStatus.OPEN);
        assertThat(timetable.slotOf("m-1")).contains(new Timetable.Slot("create", 1, "room-1", List.of("ana"), true));
        assertThat(timetable.slotOf("p-3").map(Timetable.Slot::started)).contains(false);
        assertThat(timetable.whereabouts("create", 1, "dan")).contains("p-3");
        assertThat(timetable.whereabouts("create", 1, "ana")).contains("m-1");
        assertThat(participants.standing("dan")).isEqualTo(ParticipantDirectory.Standing.ERASED);
        assertThat(participants.standing("eve")).isEqualTo(ParticipantDirectory.Standing.UNKNOWN);
        assertThat(lookup.checkpoint()).isEqualTo(events.head()).isEqualTo(9);
    }

    @Test
    void eventsStoredWhileNoLookupWasWrittenAreInTheLookupAfterStart() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(new ConsultationStarted("c-1", "Bridge the Gap", "Q", AT));
        events.append(new RoundOpened("create", 1, AT));
        MongoLookupStore lookup = events.lookupStore();
        LookupCatchUp beforeCrash = events.catchUp(lookup, WAIT);
        beforeCrash.catchUp();
        beforeCrash.recordCheckpoint();
        // The service stored these and died before its lookup took them in: the lookup is not empty, but behind.
        events.append(new RoundClosed("create", 1, AT));
        events.append(new StakeholderGroupDefined("c-1", "foster-carers", "Foster carers", AT));
        assertThat(lookup.checkpoint()).isEqualTo(2);

        LookupCatchUp restarted = events.catchUp(events.lookupStore(), WAIT);
        restarted.catchUpAtStart();

        assertThat(new Timetable(lookup).roundStatus("create", 1)).isEqualTo(Timetable.RoundStatus.CLOSED);
        assertThat(new ConsultationDirectory(lookup).stakeholderGroupDefined("c-1", "foster-carers")).isTrue();
        assertThat(lookup.checkpoint()).isEqualTo(events.head()).isEqualTo(4);
        assertThat(restarted.lag()).isZero();
    }

    @Test
    void anEventThatCannotBeReadIsLeftOutAndRecordedAndTheEventsAfterItAreApplied() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(new ConsultationStarted("c-1", "Bridge the Gap", "Q", AT));
        // A ConsultationStarted as an altered store could hold it: its time is an object, which no version reads.
        org.bson.Document counter = events.database.getCollection(CommitLayout.SEQUENCES_COLLECTION)
                .findOneAndUpdate(new org.bson.Document("_id", CommitLayout.COUNTER_ID),
                        new org.bson.Document("$inc", new org.bson.Document(CommitLayout.COUNTER_LAST, 1L)));
        long unreadable = counter.get(CommitLayout.COUNTER_LAST, Number.class).longValue() + 1;
        events.database.getCollection(CommitLayout.COMMITS_COLLECTION).insertOne(new org.bson.Document("_id", unreadable)
                .append("positions", List.of(unreadable)).append("streamKeys", List.of("c-2#0"))
                .append("events", List.of(new org.bson.Document("eventId", "altered").append("aggregateType", "Consultation")
                        .append("aggregateId", "c-2").append("sequence", 0L).append("timestamp", AT.toString())
                        .append("payloadType", ConsultationStarted.class.getName())
                        .append("payload", new org.bson.Document("consultationId", "c-2").append("title", "T")
                                .append("bigQuestion", "Q").append("occurredAt", new org.bson.Document("not", "a time")))
                        .append("metadata", new org.bson.Document()))));
        events.append(new RoundOpened("create", 1, AT));
        MongoLookupStore lookup = events.lookupStore();

        LookupCatchUp catchUp = events.catchUp(lookup, WAIT);
        catchUp.catchUp();

        assertThat(new ConsultationDirectory(lookup).consultationExists("c-1")).isTrue();
        assertThat(new ConsultationDirectory(lookup).consultationExists("c-2")).as("left out").isFalse();
        assertThat(new Timetable(lookup).roundStatus("create", 1)).isEqualTo(Timetable.RoundStatus.OPEN);
        assertThat(catchUp.applied()).isEqualTo(events.head());
        assertThat(catchUp.lag()).isZero();
        assertThat(catchUp.unreadable()).isEqualTo(1);
    }

    @Test
    void aLateDepartureDoesNotEraseANewerRoom() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(new ParticipantJoinedConversation("p-3", "create", 1, "dan", "m-1", AT));
        events.append(new ParticipantLeftConversation("m-1", "create", 1, "dan", "p-3", AT));
        MongoLookupStore lookup = events.lookupStore();

        events.catchUp(lookup, WAIT).catchUp();

        assertThat(new Timetable(lookup).whereabouts("create", 1, "dan")).isEqualTo(Optional.of("p-3"));
    }

    @Test
    void aWriteThatFailsIsRetriedUntilTheLookupIsComplete() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(new ConsultationStarted("c-1", "Bridge the Gap", "Q", AT),
                new StakeholderGroupDefined("c-1", "foster-carers", "Foster carers", AT));
        FlakyLookupStore flaky = new FlakyLookupStore(events.lookupStore());
        flaky.refuseNextWrites(2);

        LookupCatchUp catchUp = events.catchUp(flaky, WAIT);
        catchUp.catchUp();

        assertThat(flaky.refused()).isEqualTo(2);
        ConsultationDirectory consultations = new ConsultationDirectory(flaky);
        assertThat(consultations.consultationExists("c-1")).isTrue();
        assertThat(consultations.stakeholderGroupDefined("c-1", "foster-carers")).isTrue();
        assertThat(catchUp.applied()).isEqualTo(events.head());
    }

    @Test
    void aWriteThatKeepsFailingStopsTheCatchUpAtThatEventAndNeverSkipsIt() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(new ConsultationStarted("c-1", "Bridge the Gap", "Q", AT));
        FlakyLookupStore flaky = new FlakyLookupStore(events.lookupStore());
        LookupCatchUp catchUp = events.catchUp(flaky, WAIT);
        catchUp.catchUp();
        events.append(new StakeholderGroupDefined("c-1", "foster-carers", "Foster carers", AT));
        events.append(new StakeholderGroupDefined("c-1", "young-people", "Young people", AT));
        flaky.refuseNextWrites(1_000);

        assertThatThrownBy(catchUp::catchUp).isInstanceOf(LookupUnavailable.class)
                .hasMessageContaining("StakeholderGroupDefined at position 2");

        ConsultationDirectory consultations = new ConsultationDirectory(flaky);
        assertThat(consultations.stakeholderGroupDefined("c-1", "foster-carers")).isFalse();
        assertThat(consultations.stakeholderGroupDefined("c-1", "young-people")).isFalse();
        assertThat(catchUp.applied()).isEqualTo(1);
        catchUp.recordCheckpoint();
        assertThat(flaky.checkpoint()).isEqualTo(1);
        assertThatThrownBy(catchUp::catchUp).as("still refused: still not skipped")
                .isInstanceOf(LookupUnavailable.class);

        flaky.heal();
        catchUp.catchUp();

        assertThat(consultations.stakeholderGroupDefined("c-1", "foster-carers")).isTrue();
        assertThat(consultations.stakeholderGroupDefined("c-1", "young-people")).isTrue();
        assertThat(catchUp.applied()).isEqualTo(events.head()).isEqualTo(3);
    }

    @Test
    void aPositionStillInFlightHoldsTheCatchUpBackForABoundedTime() {
        StoreWithLookup events = store(Duration.ofHours(1));
        events.append(new RoundOpened("create", 1, AT));
        events.allocateWithoutWriting();
        events.append(new RoundClosed("create", 1, AT));
        MongoLookupStore lookup = events.lookupStore();
        LookupCatchUp catchUp = events.catchUp(lookup, Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatThrownBy(catchUp::catchUp).isInstanceOf(LookupUnavailable.class)
                .hasMessageContaining("Position 2 is allocated but was not stored");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300),
                Duration.ofSeconds(3));
        assertThat(new Timetable(lookup).roundStatus("create", 1)).as("everything before the gap is applied")
                .isEqualTo(Timetable.RoundStatus.OPEN);
        assertThat(catchUp.applied()).isEqualTo(1);

        // The writer gives up on its position, which is sealed void as a failed append's would be.
        events.database.getCollection(CommitLayout.COMMITS_COLLECTION).insertOne(new Document(CommitLayout.ID, 2L)
                .append(CommitLayout.POSITIONS, List.of(2L)).append(CommitLayout.VOID, true));
        catchUp.catchUp();

        assertThat(new Timetable(lookup).roundStatus("create", 1)).isEqualTo(Timetable.RoundStatus.CLOSED);
        assertThat(catchUp.applied()).isEqualTo(events.head()).isEqualTo(3);
    }

    @Test
    void aPositionWhoseWriterDiedIsSealedByTheStoreAndPassedOver() {
        StoreWithLookup events = store(Duration.ofMillis(200));
        events.append(new RoundOpened("create", 1, AT));
        events.allocateWithoutWriting();
        MongoLookupStore lookup = events.lookupStore();

        LookupCatchUp catchUp = events.catchUp(lookup, WAIT);
        catchUp.catchUp();

        assertThat(catchUp.applied()).isEqualTo(events.head()).isEqualTo(2);
        events.append(new RoundClosed("create", 1, AT));
        catchUp.catchUp();
        assertThat(new Timetable(lookup).roundStatus("create", 1)).isEqualTo(Timetable.RoundStatus.CLOSED);
        assertThat(catchUp.applied()).isEqualTo(3);
    }

    /**
     * Instance B began catching up when only the first two events were stored and is held before its first write;
     * instance A meanwhile applies all four. B's late writes of the older events must change nothing.
     */
    @Test
    void twoInstancesOneLaggingNeverMoveAnEntryBack() throws Exception {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(new ConversationScheduled("create", "p-3", 1, "room-2", List.of("cat"), Wording.plain("Q"), AT));
        events.append(new RoundOpened("create", 1, AT));
        CountDownLatch bIsWriting = new CountDownLatch(1);
        CountDownLatch releaseB = new CountDownLatch(1);
        LookupStore heldBack = new FlakyLookupStore(events.lookupStore()) {
            @Override
            public void merge(String key, Document fields, long position) {
                bIsWriting.countDown();
                await(releaseB);
                super.merge(key, fields, position);
            }
        };
        LookupCatchUp instanceB = events.catchUp(heldBack, WAIT);
        CompletableFuture<Void> b = CompletableFuture.runAsync(instanceB::catchUp);
        assertThat(bIsWriting.await(10, TimeUnit.SECONDS)).isTrue();

        events.append(new RoundClosed("create", 1, AT));
        events.append(new ProposalWithdrawn("create", "p-3", "merged elsewhere", AT));
        MongoLookupStore lookup = events.lookupStore();
        LookupCatchUp instanceA = events.catchUp(lookup, WAIT);
        instanceA.catchUp();
        instanceA.recordCheckpoint();
        releaseB.countDown();
        b.get(10, TimeUnit.SECONDS);
        instanceB.recordCheckpoint();

        Timetable timetable = new Timetable(lookup);
        assertThat(instanceB.applied()).as("B applied the two events it set out to").isEqualTo(2);
        assertThat(timetable.roundStatus("create", 1)).isEqualTo(Timetable.RoundStatus.CLOSED);
        assertThat(timetable.slotOf("p-3")).as("the withdrawn proposal's slot stays gone").isEmpty();
        assertThat(events.rawEntry("conversation:p-3")).get()
                .satisfies(tombstone -> assertThat(tombstone.getBoolean(MongoLookupStore.DELETED)).isTrue());
        assertThat(lookup.checkpoint()).as("B's lower checkpoint does not lower A's").isEqualTo(4);
    }

    @Test
    void aCaughtUpLookupOnlyReadsTheCounter() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(new RoundOpened("create", 1, AT));
        FlakyLookupStore flaky = new FlakyLookupStore(events.lookupStore());
        LookupCatchUp catchUp = events.catchUp(flaky, WAIT);
        catchUp.catchUp();
        flaky.refuseNextWrites(1_000);

        catchUp.catchUp();
        catchUp.catchUp();

        assertThat(flaky.refused()).isZero();
    }

    /**
     * A start on a large store reads and writes in windows, and writes the checkpoint after each window's writes: a
     * start that dies in its third window leaves the first two in the lookup and the checkpoint behind them, and the
     * next start goes on from there to the end.
     */
    @Test
    void aStartThatDiesMidwayLeavesTheCheckpointAfterItsLastWrittenWindowAndTheNextStartGoesOn() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        for (int i = 1; i <= 250; i++) {
            events.append(new ConsultationStarted("c-" + i, "Consultation " + i, "Q", AT));
        }
        MongoLookupStore lookup = events.lookupStore();
        AtomicInteger windowsWritten = new AtomicInteger();
        LookupStore diesInTheThirdWindow = new FlakyLookupStore(lookup) {
            @Override
            public void writeAll(Map<String, List<EntryChange>> changesByKey) {
                if (windowsWritten.get() == 2) {
                    throw new MongoException("the store went away");
                }
                lookup.writeAll(changesByKey);
                windowsWritten.incrementAndGet();
            }
        };

        events.catchUp(diesInTheThirdWindow, WAIT, 100).catchUpAtStart();

        ConsultationDirectory consultations = new ConsultationDirectory(lookup);
        assertThat(lookup.checkpoint()).isEqualTo(200);
        assertThat(consultations.consultationExists("c-200")).isTrue();
        assertThat(consultations.consultationExists("c-201")).as("the third window was not written").isFalse();

        LookupCatchUp restarted = events.catchUp(lookup, WAIT, 100);
        restarted.catchUpAtStart();

        assertThat(lookup.checkpoint()).isEqualTo(events.head()).isEqualTo(250);
        assertThat(consultations.consultationExists("c-1")).isTrue();
        assertThat(consultations.consultationExists("c-250")).isTrue();
        assertThat(restarted.lag()).isZero();
    }

    /** Within one window, a projection that reads the lookup sees the window's own earlier events. */
    @Test
    void aDepartureReadsTheArrivalOfTheSameWindow() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(new ParticipantJoinedConversation("m-1", "create", 1, "dan", null, AT));
        events.append(new ParticipantLeftConversation("m-1", "create", 1, "dan", "p-3", AT));
        events.append(new ParticipantJoinedConversation("p-4", "create", 1, "eve", null, AT));
        events.append(new ParticipantLeftConversation("p-5", "create", 1, "eve", "p-6", AT));
        MongoLookupStore lookup = events.lookupStore();

        events.catchUp(lookup, WAIT).catchUpAtStart();

        Timetable timetable = new Timetable(lookup);
        assertThat(timetable.whereabouts("create", 1, "dan")).as("left the room it joined").isEmpty();
        assertThat(events.rawEntry("whereabouts:create:1:dan")).get()
                .satisfies(tombstone -> assertThat(tombstone.getBoolean(MongoLookupStore.DELETED)).isTrue());
        assertThat(timetable.whereabouts("create", 1, "eve")).as("left another room than the one it is in")
                .contains("p-4");
    }

    /**
     * The web layer's catch-up serves the commands of its request: they are judged without catching up again, until
     * the request is over or a command's events could not be taken in.
     */
    @Test
    void commandsOfARequestThatCaughtUpAreJudgedWithoutCatchingUpAgain() {
        StoreWithLookup events = store(Duration.ofSeconds(10));
        events.append(new RoundOpened("create", 1, AT));
        FlakyLookupStore flaky = new FlakyLookupStore(events.lookupStore());
        LookupCatchUp catchUp = events.catchUp(flaky, WAIT);

        catchUp.catchUpForRequest();
        events.append(new RoundClosed("create", 1, AT));
        catchUp.beforeCommand();
        assertThat(catchUp.applied()).as("the request's catch-up stands for its command").isEqualTo(1);

        catchUp.requestDone();
        catchUp.beforeCommand();
        assertThat(catchUp.applied()).as("a command outside a request catches up").isEqualTo(2);

        catchUp.catchUpForRequest();
        events.append(new RoundOpened("create", 2, AT));
        flaky.refuseNextWrites(1_000);
        catchUp.afterCommand(); // the command's events cannot be taken in: logged
        flaky.heal();
        catchUp.beforeCommand();
        assertThat(catchUp.applied()).as("the next command of that request catches up first").isEqualTo(3);
        catchUp.requestDone();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
