package org.consultationtracker.query.agenda;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.query.QuerySideApplication;
import org.consultationtracker.query.agenda.AgendaQueries.FindAgenda;
import org.consultationtracker.query.support.EventFeed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consultationtracker.query.support.Eventually.awaitValue;

/** The agenda read model end to end: events appended to the embedded store, the pooled processor, MongoDB, the query. */
@SpringBootTest(classes = QuerySideApplication.class, properties = {
        "spring.config.name=query-side", "consultation.store.embedded.in-memory=true", "server.port=0"})
class AgendaProcessingTest {

    private static final Instant T0 = Instant.parse("2021-03-10T10:00:00Z");

    @Autowired
    EventStore eventStore;
    @Autowired
    AgendaQueries queries;

    @Test
    void agendaAppendedToTheStoreIsReadBackWithHostsAndMergeLineage() {
        EventFeed feed = new EventFeed();
        eventStore.publish(feed.messages(
                new ParticipantRegistered("p-ana", "c-1", "Ana", List.of("g-young"), AgeBand.AGED_18_TO_25, null,
                                          null, null, T0),
                new GridDefined("a-1", List.of(new GridRound(1, T0, T0.plusSeconds(2700))), List.of("Room 1"), T0),
                new ConversationProposed("a-1", "pr-1", "p-ana", "Housing?", "pitch", T0),
                new ConversationProposed("a-1", "pr-2", "p-ana", "Homes?", "pitch", T0),
                new ProposalsMerged("a-1", "pr-3", List.of("pr-1", "pr-2"), "Housing after care", "same topic",
                                    List.of("p-ana"), List.of("p-ana"), T0),
                new ConversationScheduled("a-1", "pr-3", 1, "Room 1", List.of("p-ana"), "Housing after care", T0))
                                                  .toArray(new org.axonframework.eventhandling.EventMessage[0]));

        AgendaView view = awaitValue(() -> {
            AgendaView agenda = queries.handle(new FindAgenda("a-1", null));
            assertThat(agenda.proposals()).hasSize(3);
            assertThat(agenda.grid().get(0).conversations()).hasSize(1);
            return agenda;
        });

        assertThat(view.grid().get(0).conversations().get(0).hosts().get(0).label()).isEqualTo("Ana");
        AgendaView.ProposalView first = view.proposals().get(0);
        assertThat(first.status()).isEqualTo("MERGED");
        assertThat(first.finalProposalId()).isEqualTo("pr-3");
    }
}
