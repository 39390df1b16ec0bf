package org.consultationtracker.query.participation;

import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.participation.ParticipationView.Conversation;
import org.consultationtracker.query.participation.ParticipationView.GroupCounts;
import org.consultationtracker.query.participation.ParticipationView.Movement;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.support.EventFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParticipationProjectionTest {

    private static final Instant T0 = Instant.parse("2021-03-10T10:00:00Z");

    private final InMemoryDocumentSession session = new InMemoryDocumentSession();
    private final EventFeed feed = new EventFeed();
    private final List<Projection> projections = List.of(new ParticipationProjection(),
                                                         new ParticipantDirectoryProjection());
    private final ParticipationViews views = new ParticipationViews(
            new ParticipationProperties(Duration.ofMinutes(10), Duration.ofMinutes(5)),
            ids -> ParticipantDirectory.resolve(ids, session::findAll),
            ids -> ParticipantDirectory.groupNames(ids, session::findAll),
            new Words(null)::say); // these questions are plain: no vault needed to show them

    @BeforeEach
    void roundOneWithTwoRooms() {
        feed.feed(session, projections,
                  new StakeholderGroupDefined("c-1", "g-care", "Care-experienced young people", T0),
                  new StakeholderGroupDefined("c-1", "g-sw", "Social workers", T0),
                  registered("host-a", "g-care"), registered("host-b", "g-sw"), registered("p-1", "g-care"),
                  registered("p-2", "g-sw"), registered("p-3", "g-care"),
                  new ConversationScheduled("a-1", "c-a", 1, "Room 1", List.of("host-a"), Wording.plain("Housing"), T0),
                  new ConversationScheduled("a-1", "c-b", 1, "Room 2", List.of("host-b"), Wording.plain("Money"), T0),
                  new RoundOpened("a-1", 1, at(0)),
                  new ConversationStarted("c-a", "a-1", 1, "Room 1", "host-a", at(0)),
                  new ConversationStarted("c-b", "a-1", 1, "Room 2", "host-b", at(0)),
                  joined("c-a", "p-1", null, 1), joined("c-a", "p-2", null, 2), joined("c-b", "p-3", null, 2),
                  // p-2 moves from room 1 to room 2 at 10:20 and back at 10:35 (cross-pollination).
                  left("c-a", "p-2", "c-b", 20), joined("c-b", "p-2", "c-a", 20),
                  left("c-b", "p-2", "c-a", 35), joined("c-a", "p-2", "c-b", 35),
                  new RoundClosed("a-1", 1, at(45)));
    }

    @Test
    void movesBetweenRoomsAreCountedBothWaysAndVisitorsOnce() {
        Conversation roomA = conversation("c-a");
        Conversation roomB = conversation("c-b");

        assertThat(roomA.initial()).isEqualTo(3);       // host, p-1, p-2 at 10:05
        assertThat(roomA.peak()).isEqualTo(3);
        assertThat(roomA.highestSustained()).isEqualTo(3); // 10:02-10:20 with three
        assertThat(roomA.uniqueVisitors()).isEqualTo(3);
        assertThat(roomA.departuresTo()).containsExactly(new Movement("c-b", 1));
        assertThat(roomA.arrivalsFrom()).containsExactly(new Movement("c-b", 1));
        assertThat(roomB.peak()).isEqualTo(3);           // host-b, p-3, p-2 from 10:20 to 10:35
        assertThat(roomB.highestSustained()).isEqualTo(3);
        assertThat(roomB.uniqueVisitors()).isEqualTo(3);
        assertThat(roomB.arrivalsFrom()).containsExactly(new Movement("c-a", 1));

        ParticipationView.Session wholeSession = session();
        assertThat(wholeSession.uniqueVisitors()).isEqualTo(5);
        assertThat(wholeSession.movesBetweenRooms()).isEqualTo(2);
        assertThat(wholeSession.rounds().get(0).peakTotal()).isEqualTo(6);
    }

    @Test
    void countsAreBrokenDownByStakeholderGroup() {
        Conversation roomA = conversation("c-a");

        assertThat(roomA.byStakeholderGroup()).containsExactly(
                new GroupCounts("g-care", "Care-experienced young people", 2, 2, 2, 2),
                new GroupCounts("g-sw", "Social workers", 1, 1, 1, 1));
    }

    @Test
    void countsSurviveErasure() {
        Conversation before = conversation("c-a");
        String hashBefore = ContentHash.of(session, ReadModel.PARTICIPATION);

        feed.feed(session, projections, new ParticipantErased("p-2", ContributionPolicy.WITHDRAW_WORDS,
                ErasureRequester.THE_PARTICIPANT, "asked in the app", null, at(60)));

        assertThat(conversation("c-a")).isEqualTo(before);
        assertThat(ContentHash.of(session, ReadModel.PARTICIPATION)).isEqualTo(hashBefore);
        assertThat(ParticipantDirectory.resolve(List.of("p-2"), session::findAll).get("p-2").label())
                .isEqualTo(ParticipantDirectory.ERASED_LABEL);
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        String once = ContentHash.of(session, ReadModel.PARTICIPATION);

        feed.redeliver(session, projections, 7);

        assertThat(ContentHash.of(session, ReadModel.PARTICIPATION)).isEqualTo(once);
        assertThat(conversation("c-a").uniqueVisitors()).isEqualTo(3);
    }

    @Test
    void feedingTheSameEventsTwiceGivesIdenticalDocuments() {
        InMemoryDocumentSession again = new InMemoryDocumentSession();
        EventFeed second = new EventFeed();
        second.feed(again, projections, new ArrayList<>(feed.fed()).toArray());

        assertThat(ContentHash.of(again, ReadModel.PARTICIPATION))
                .isEqualTo(ContentHash.of(session, ReadModel.PARTICIPATION));
    }

    private Conversation conversation(String id) {
        return views.conversation(session.collection(ParticipationProjection.CONVERSATIONS).get(id),
                                  session.collection(ParticipationProjection.SESSIONS).get("a-1"));
    }

    private ParticipationView.Session session() {
        var sessionDoc = session.collection(ParticipationProjection.SESSIONS).get("a-1");
        return views.session(sessionDoc, session.collection(ParticipationProjection.CONVERSATIONS).values(), null);
    }

    private static ParticipantRegistered registered(String id, String group) {
        return new ParticipantRegistered(id, "c-1", "Pseudonym " + id, List.of(group), AgeBand.NOT_SAID, null, null,
                                         null, T0);
    }

    private static ParticipantJoinedConversation joined(String conversation, String participant, String from,
                                                        int minute) {
        return new ParticipantJoinedConversation(conversation, "a-1", 1, participant, from, at(minute));
    }

    private static ParticipantLeftConversation left(String conversation, String participant, String to, int minute) {
        return new ParticipantLeftConversation(conversation, "a-1", 1, participant, to, at(minute));
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }
}
