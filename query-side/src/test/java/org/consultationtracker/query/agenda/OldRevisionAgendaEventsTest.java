package org.consultationtracker.query.agenda;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.ProposalClarified;
import org.consultationtracker.events.agenda.ProposalPitched;
import org.consultationtracker.query.agenda.AgendaQueries.FindAgenda;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consultationtracker.query.support.Eventually.eventually;

/**
 * A store written before proposal questions and pitches became {@code Wording} (revision 1: plain strings), as such a
 * store holds the commits: the upcasters read them as plain words, so the agenda still builds from them.
 */
@QuerySideTest
class OldRevisionAgendaEventsTest {

    private static final String P = "old-rev-";
    private static final String AGENDA = P + "a";
    private static final String AT = "2021-06-12T09:00:00Z";

    @Autowired
    MongoDatabase database;
    @Autowired
    AgendaQueries agendas;

    @Test
    void revisionOneProposalsPitchesClarificationsAndSchedulesAreReadAsPlainWords() {
        append(ConversationProposed.class, 0, new Document("agendaId", AGENDA).append("proposalId", P + "pr-1")
                .append("proposerId", P + "ana").append("question", "Housing after care")
                .append("pitch", "Where will I live?").append("occurredAt", AT));
        append(ConversationProposed.class, 1, new Document("agendaId", AGENDA).append("proposalId", P + "pr-2")
                .append("proposerId", P + "bo").append("question", "Homes").append("pitch", null)
                .append("occurredAt", AT));
        append(ProposalPitched.class, 2, new Document("agendaId", AGENDA).append("proposalId", P + "pr-2")
                .append("pitch", "Homes for carers too").append("occurredAt", AT));
        append(ProposalClarified.class, 3, new Document("agendaId", AGENDA).append("proposalId", P + "pr-2")
                .append("resembledProposalId", P + "pr-1").append("question", "Homes for kinship carers")
                .append("occurredAt", AT));
        append(ConversationScheduled.class, 4, new Document("agendaId", AGENDA).append("conversationId", P + "pr-2")
                .append("round", 1).append("room", "Room 1").append("hostIds", List.of(P + "bo"))
                .append("question", "Homes for kinship carers").append("occurredAt", AT));

        eventually(() -> {
            AgendaView agenda = agendas.handle(new FindAgenda(AGENDA, null));
            assertThat(agenda.proposals()).extracting(AgendaView.ProposalView::proposalId)
                                          .containsExactly(P + "pr-1", P + "pr-2");
            AgendaView.ProposalView first = agenda.proposals().get(0);
            assertThat(first.question()).isEqualTo("Housing after care");
            assertThat(first.pitch()).isEqualTo("Where will I live?");
            assertThat(first.lineage().get(0).details()).containsEntry("question", "Housing after care");
            AgendaView.ProposalView second = agenda.proposals().get(1);
            assertThat(second.question()).isEqualTo("Homes for kinship carers");
            assertThat(second.pitch()).isEqualTo("Homes for carers too");
            assertThat(second.status()).isEqualTo("SCHEDULED");
            assertThat(second.lineage()).extracting(AgendaView.LineageStep::kind)
                                        .containsExactly("PROPOSED", "PITCHED", "CLARIFIED", "SCHEDULED");
            assertThat(agenda.grid()).flatExtracting(AgendaView.SlotView::conversations)
                                     .extracting(AgendaView.SlotConversation::question)
                                     .containsExactly("Homes for kinship carers");
        });
        // what the read model keeps is the upcast shape: plain words, never a bare string
        Document stored = database.getCollection(agendaCollection()).find(new Document("_id", AGENDA)).first();
        assertThat(stored).isNotNull();
        Document firstProposal = stored.getList("proposals", Document.class).get(0);
        assertThat(firstProposal.get("question")).isEqualTo(new Document("plain", "Housing after care"));
        assertThat(stored.getList("proposals", Document.class).get(1).get("pitch"))
                .isEqualTo(new Document("plain", "Homes for carers too"));
    }

    @Test
    void aRevisionOneSplitIsReadWithEveryPartHostedByTheOriginalsHosts() {
        String agenda = P + "split";
        append(agenda, ConversationProposed.class, "1", 0, new Document("agendaId", agenda)
                .append("proposalId", P + "pr-9").append("proposerId", P + "cy").append("question", "School and health")
                .append("pitch", null).append("occurredAt", AT));
        append(agenda, org.consultationtracker.events.agenda.ProposalSplit.class, "1", 1, new Document("agendaId", agenda)
                .append("proposalId", P + "pr-9")
                .append("parts", List.of(new Document("proposalId", P + "pr-9a").append("question", "School"),
                                         new Document("proposalId", P + "pr-9b").append("question", "Health")))
                .append("hostIds", List.of(P + "cy")).append("occurredAt", AT));

        eventually(() -> {
            AgendaView view = agendas.handle(new FindAgenda(agenda, null));
            for (String part : List.of(P + "pr-9a", P + "pr-9b")) {
                AgendaView.ProposalView proposal = view.proposals().stream()
                        .filter(p -> p.proposalId().equals(part)).findFirst().orElseThrow();
                assertThat(proposal.hosts()).extracting(h -> h.participantId()).containsExactly(P + "cy");
                assertThat(proposal.lineage().get(0).details()).containsEntry("hostIds", List.of(P + "cy"));
            }
        });
    }

    private String agendaCollection() {
        for (String name : database.listCollectionNames()) {
            if (name.startsWith(AgendaProjection.AGENDAS)
                    && database.getCollection(name).countDocuments(new Document("_id", AGENDA)) > 0) {
                return name;
            }
        }
        throw new AssertionError("no agenda collection holds " + AGENDA);
    }

    /** A one-event commit of the Agenda aggregate, as a writer of revision 1 stored it, at the next position. */
    private void append(Class<?> type, long sequence, Document payload) {
        append(AGENDA, type, "1", sequence, payload);
    }

    private void append(String agendaId, Class<?> type, String revision, long sequence, Document payload) {
        Document counter = database.getCollection("sequences").findOneAndUpdate(new Document("_id", "global"),
                new Document("$inc", new Document("last", 1L)));
        long position = counter.get("last", Number.class).longValue() + 1;
        Document event = new Document("eventId", UUID.randomUUID().toString())
                .append("aggregateType", "Agenda").append("aggregateId", agendaId).append("sequence", sequence)
                .append("timestamp", Instant.parse(AT).toString())
                .append("payloadType", type.getName()).append("payloadRevision", revision)
                .append("payload", payload).append("metadata", new Document("actor", "facilitator")
                                                                   .append("role", "FACILITATOR"));
        database.getCollection("commits").insertOne(new Document("_id", position)
                .append("positions", List.of(position)).append("streamKeys", List.of(agendaId + "#" + sequence))
                .append("events", List.of(event)).append("committedAt", new java.util.Date()));
    }
}
