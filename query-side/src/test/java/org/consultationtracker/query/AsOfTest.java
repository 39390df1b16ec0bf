package org.consultationtracker.query;

import org.consultationtracker.events.Wording;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.query.agenda.AgendaQueries;
import org.consultationtracker.query.agenda.AgendaQueries.FindAgenda;
import org.consultationtracker.query.agenda.AgendaView;
import org.consultationtracker.query.participation.ParticipationQueries;
import org.consultationtracker.query.participation.ParticipationQueries.FindSessionParticipation;
import org.consultationtracker.query.readmodel.UnknownId;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "As of" views: the agenda and participation as they were recorded at a past moment. */
@QuerySideTest
class AsOfTest {

    private static final Instant T0 = Instant.parse("2021-03-10T10:00:00Z");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    AgendaQueries agendas;
    @Autowired
    ParticipationQueries participation;

    @Test
    void theViewAsOfAMomentIgnoresWhatWasRecordedAfterIt() throws InterruptedException {
        EventFeed feed = new EventFeed();
        Instant beforeAnything = Instant.now();
        Thread.sleep(5);
        eventStore.publish(feed.messages(
                new GridDefined("asof-a", List.of(new GridRound(1, T0, T0.plusSeconds(2700))), List.of("Room 1"), T0),
                new ConversationProposed("asof-a", "asof-pr", "asof-p1", Wording.plain("Question"), Wording.plain("pitch"), T0),
                new ConversationScheduled("asof-a", "asof-pr", 1, "Room 1", List.of("asof-p1"), Wording.plain("Question"), T0),
                new ConversationStarted("asof-pr", "asof-a", 1, "Room 1", "asof-p1", T0))
                                 .toArray(new EventMessage[0]));
        Thread.sleep(5);
        Instant scheduled = Instant.now();
        Thread.sleep(5);
        eventStore.publish(feed.messages(
                new ParticipantJoinedConversation("asof-pr", "asof-a", 1, "asof-p2", null, T0.plusSeconds(60)),
                new ProposalWithdrawn("asof-a", "asof-pr", "changed plan", T0.plusSeconds(120)))
                                 .toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);

        AgendaView now = agendas.handle(new FindAgenda("asof-a", null));
        AgendaView then = agendas.handle(new FindAgenda("asof-a", scheduled));

        assertThat(now.proposals().get(0).status()).isEqualTo("WITHDRAWN");
        assertThat(then.proposals().get(0).status()).isEqualTo("SCHEDULED");
        assertThat(then.asOf()).isEqualTo(scheduled);
        assertThat(participation.handle(new FindSessionParticipation("asof-a", scheduled)).uniqueVisitors())
                .isEqualTo(1);
        assertThat(participation.handle(new FindSessionParticipation("asof-a", null)).uniqueVisitors()).isEqualTo(2);
        assertThatThrownBy(() -> agendas.handle(new FindAgenda("asof-a", beforeAnything)))
                .isInstanceOf(UnknownId.class);
    }
}
