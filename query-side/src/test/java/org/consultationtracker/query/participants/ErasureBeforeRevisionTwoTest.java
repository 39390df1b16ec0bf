package org.consultationtracker.query.participants;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.upcasting.ParticipantErasedUpcaster;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.support.EventFeed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** An erasure stored before erasures said who asked reads, and shows, as "not recorded". */
class ErasureBeforeRevisionTwoTest {

    private final Serializer serializer = EventSerialization.serializer();

    @Test
    void aRevisionOneErasureReadsWithWhoAskedNotRecordedAndTheDirectoryShowsIt() {
        GenericDomainEventEntry<String> stored = new GenericDomainEventEntry<>("Participant", "old", 1, "event-1",
                "2021-11-18T10:00:01Z", ParticipantErased.class.getName(), "1",
                "{\"participantId\":\"old\",\"contributionPolicy\":\"WITHDRAW_WORDS\","
                        + "\"occurredAt\":\"2021-11-18T10:00:00Z\"}", "{}");
        IntermediateEventRepresentation read = new EventUpcasterChain(new ParticipantErasedUpcaster())
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).findFirst().orElseThrow();
        ParticipantErased erased = serializer.deserialize(read.getData());

        assertThat(erased).isEqualTo(new ParticipantErased("old", ContributionPolicy.WITHDRAW_WORDS,
                ErasureRequester.NOT_RECORDED, null, null, Instant.parse("2021-11-18T10:00:00Z")));

        InMemoryDocumentSession session = new InMemoryDocumentSession();
        new EventFeed().feed(session, List.of(new ParticipantDirectoryProjection()), erased);
        ParticipantDirectory.Erasure shown = ParticipantDirectory.erasureIn(
                session.collection(ParticipantDirectoryProjection.PARTICIPANTS).get("old"));
        assertThat(shown.requestedBy()).isEqualTo("NOT_RECORDED");
        assertThat(shown.reason()).isNull();
        assertThat(shown.contributionPolicy()).isEqualTo("WITHDRAW_WORDS");
    }
}
