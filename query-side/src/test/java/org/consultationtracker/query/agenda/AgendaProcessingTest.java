package org.consultationtracker.query.agenda;

import org.consultationtracker.events.Wording;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.query.agenda.AgendaQueries.FindAgenda;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consultationtracker.query.support.Eventually.awaitValue;

/** The agenda read model end to end: events appended to the embedded store, the pooled processor, MongoDB, the query. */
@QuerySideTest
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
                new ParticipantRegistered("proc-ana", "c-1", "Ana", List.of("g-young"), AgeBand.AGED_18_TO_25, null,
                                          null, null, T0),
                new GridDefined("proc-a", List.of(new GridRound(1, T0, T0.plusSeconds(2700))), List.of("Room 1"), T0),
                new ConversationProposed("proc-a", "proc-pr-1", "proc-ana", Wording.plain("Housing?"), Wording.plain("pitch"), T0),
                new ConversationProposed("proc-a", "proc-pr-2", "proc-ana", Wording.plain("Homes?"), Wording.plain("pitch"), T0),
                new ProposalsMerged("proc-a", "proc-pr-3", List.of("proc-pr-1", "proc-pr-2"), "Housing after care", "same topic",
                                    List.of("proc-ana"), List.of("proc-ana"), T0),
                new ConversationScheduled("proc-a", "proc-pr-3", 1, "Room 1", List.of("proc-ana"), Wording.plain("Housing after care"), T0))
                                                  .toArray(new org.axonframework.eventhandling.EventMessage[0]));

        AgendaView view = awaitValue(() -> {
            AgendaView agenda = queries.handle(new FindAgenda("proc-a", null));
            assertThat(agenda.proposals()).hasSize(3);
            assertThat(agenda.grid().get(0).conversations()).hasSize(1);
            // the host's name comes from the participant directory, which another processor builds
            assertThat(agenda.grid().get(0).conversations().get(0).hosts().get(0).label()).isEqualTo("Ana");
            return agenda;
        });

        AgendaView.ProposalView first = view.proposals().get(0);
        assertThat(first.status()).isEqualTo("MERGED");
        assertThat(first.finalProposalId()).isEqualTo("proc-pr-3");
    }
}
