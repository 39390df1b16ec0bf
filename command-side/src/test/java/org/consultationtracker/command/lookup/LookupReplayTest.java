package org.consultationtracker.command.lookup;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.consultationtracker.command.InMemoryMongo;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The lookup over the real MongoDB store semantics, rebuilt from the event stream when it is empty. */
class LookupReplayTest {

    private static final Instant AT = Instant.parse("2021-06-12T10:00:00Z");

    private InMemoryMongo mongo;
    private MongoDatabase database;
    private EventStore eventStore;
    private Timetable timetable;
    private ParticipantDirectory participants;
    private LookupReplay replay;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        database = mongo.database("lookup-test");
        LookupStore store = new MongoLookupStore(database);
        timetable = new Timetable(store);
        participants = new ParticipantDirectory(store);
        eventStore = mock(EventStore.class);
        replay = new LookupReplay(eventStore, database, new ConsultationDirectory(store), participants, timetable,
                new CitableRecords(store));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void anEmptyLookupIsRebuiltFromTheWholeStream() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = streamOf(
                new ParticipantRegistered("dan", "c-1", "Dan", List.of("foster-carers"), AgeBand.NOT_SAID, null, null,
                        null, AT),
                new ConversationScheduled("create", "m-1", 1, "room-1", List.of("ana"), "Q", AT),
                new ConversationScheduled("create", "p-3", 1, "room-2", List.of("cat"), "Q", AT),
                new RoundOpened("create", 1, AT),
                new ConversationStarted("m-1", "create", 1, "room-1", "ana", AT),
                new ParticipantJoinedConversation("m-1", "create", 1, "dan", null, AT),
                new ParticipantLeftConversation("m-1", "create", 1, "dan", "p-3", AT),
                new ParticipantJoinedConversation("p-3", "create", 1, "dan", "m-1", AT),
                new ParticipantErased("dan", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY, AT));
        when(eventStore.openStream(any())).thenReturn(stream);

        replay.run(null);

        assertThat(timetable.roundStatus("create", 1)).isEqualTo(Timetable.RoundStatus.OPEN);
        assertThat(timetable.slotOf("m-1")).contains(new Timetable.Slot("create", 1, "room-1", List.of("ana"), true));
        assertThat(timetable.slotOf("p-3").map(Timetable.Slot::started)).contains(false);
        assertThat(timetable.whereabouts("create", 1, "dan")).contains("p-3");
        assertThat(timetable.whereabouts("create", 1, "ana")).contains("m-1");
        assertThat(participants.standing("dan")).isEqualTo(ParticipantDirectory.Standing.ERASED);
        assertThat(participants.standing("eve")).isEqualTo(ParticipantDirectory.Standing.UNKNOWN);
    }

    @Test
    void aLookupThatHoldsFactsIsLeftAlone() throws Exception {
        database.getCollection(MongoLookupStore.COLLECTION).insertOne(new Document("_id", "round:create:1")
                .append("status", "CLOSED"));

        replay.run(null);

        verify(eventStore, never()).openStream(any());
        assertThat(timetable.roundStatus("create", 1)).isEqualTo(Timetable.RoundStatus.CLOSED);
    }

    @Test
    void aLateDepartureDoesNotEraseANewerRoom() {
        timetable.on(new ParticipantJoinedConversation("p-3", "create", 1, "dan", "m-1", AT));
        timetable.on(new ParticipantLeftConversation("m-1", "create", 1, "dan", "p-3", AT));
        assertThat(timetable.whereabouts("create", 1, "dan")).isEqualTo(Optional.of("p-3"));
    }

    @SuppressWarnings("unchecked")
    private static BlockingStream<TrackedEventMessage<?>> streamOf(Object... payloads) throws InterruptedException {
        Deque<TrackedEventMessage<?>> messages = new ArrayDeque<>();
        long position = 0;
        for (Object payload : payloads) {
            messages.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position++),
                    GenericEventMessage.asEventMessage(payload)));
        }
        BlockingStream<TrackedEventMessage<?>> stream = mock(BlockingStream.class);
        when(stream.hasNextAvailable()).thenAnswer(invocation -> !messages.isEmpty());
        when(stream.nextAvailable()).thenAnswer(invocation -> messages.poll());
        return stream;
    }
}
