package org.consultationtracker.eventstore.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ParticipantErasedUpcasterTest {

    private final Serializer serializer = EventSerialization.serializer();
    private final EventUpcasterChain chain = new EventUpcasterChain(new ParticipantErasedUpcaster());

    @Test
    void aRevisionOneErasureReadsAsRevisionTwoWithWhoAskedNotRecorded() {
        IntermediateEventRepresentation upcast = upcast(ParticipantErasedUpcaster.TYPE, "1", """
                {"participantId":"p-1","contributionPolicy":"WITHDRAW_WORDS","occurredAt":"2021-11-18T10:00:00Z"}""");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        JsonNode payload = upcast.getData(JsonNode.class).getData();
        assertThat(payload.get("participantId").asText()).isEqualTo("p-1");
        assertThat(payload.get("contributionPolicy").asText()).isEqualTo("WITHDRAW_WORDS");
        assertThat(payload.get("requestedBy").asText()).isEqualTo("NOT_RECORDED");
        assertThat(payload.get("reason").isNull()).isTrue();
        assertThat(payload.get("requestReference").isNull()).isTrue();
        assertThat(payload.get("occurredAt").asText()).isEqualTo("2021-11-18T10:00:00Z");
    }

    @Test
    void aRevisionTwoErasureAndOtherEventsPassUnchanged() {
        String revision2 = """
                {"participantId":"p-1","contributionPolicy":"WITHDRAW_WORDS","requestedBy":"THE_PARTICIPANT",\
                "reason":"asked in the app","requestReference":null,"occurredAt":"2021-11-18T10:00:00Z"}""";
        IntermediateEventRepresentation current = upcast(ParticipantErasedUpcaster.TYPE, "2", revision2);
        assertThat(current.getType().getRevision()).isEqualTo("2");
        assertThat(current.getData(JsonNode.class).getData().get("requestedBy").asText()).isEqualTo("THE_PARTICIPANT");

        IntermediateEventRepresentation other = upcast("org.consultationtracker.events.participant.ConsentGiven", "1",
                "{\"participantId\":\"p-1\",\"purpose\":\"TAKE_PART\",\"occurredAt\":\"2021-11-18T10:00:00Z\"}");
        assertThat(other.getType().getRevision()).isEqualTo("1");
        assertThat(other.getData(JsonNode.class).getData().has("requestedBy")).isFalse();
    }

    private IntermediateEventRepresentation upcast(String type, String revision, String json) {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Participant", "p-1", 3, "event-1",
                "2021-11-18T10:00:01Z", type, revision, json, "{}");
        List<IntermediateEventRepresentation> upcast = chain.upcast(
                Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }
}
