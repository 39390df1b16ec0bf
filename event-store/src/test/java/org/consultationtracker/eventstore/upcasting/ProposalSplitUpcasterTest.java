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

class ProposalSplitUpcasterTest {

    private final Serializer serializer = EventSerialization.serializer();
    private final EventUpcasterChain chain = new EventUpcasterChain(new ProposalSplitUpcaster());

    @Test
    void aRevisionOneSplitReadsWithEveryPartHostedByTheOriginalsHosts() {
        IntermediateEventRepresentation upcast = upcast("1", """
                {"agendaId":"a-1","proposalId":"p-1","parts":[{"proposalId":"p-1a","question":"Money"},\
                {"proposalId":"p-1b","question":"Homes"}],"hostIds":["ana","ben"],\
                "occurredAt":"2021-11-18T10:00:00Z"}""");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        JsonNode payload = upcast.getData(JsonNode.class).getData();
        assertThat(payload.get("parts")).hasSize(2);
        for (JsonNode part : payload.get("parts")) {
            assertThat(part.get("hostIds")).hasSize(2);
            assertThat(part.get("hostIds").get(0).asText()).isEqualTo("ana");
            assertThat(part.get("hostIds").get(1).asText()).isEqualTo("ben");
        }
        assertThat(payload.get("parts").get(1).get("question").asText()).isEqualTo("Homes");
        assertThat(payload.get("hostIds")).hasSize(2);
    }

    @Test
    void aRevisionTwoSplitKeepsTheHostsItNames() {
        IntermediateEventRepresentation current = upcast("2", """
                {"agendaId":"a-1","proposalId":"p-1","parts":[{"proposalId":"p-1a","question":"Money",\
                "hostIds":["ana"]},{"proposalId":"p-1b","question":"Homes","hostIds":["cleo"]}],\
                "hostIds":["ana"],"occurredAt":"2021-11-18T10:00:00Z"}""");

        assertThat(current.getType().getRevision()).isEqualTo("2");
        JsonNode parts = current.getData(JsonNode.class).getData().get("parts");
        assertThat(parts.get(1).get("hostIds")).hasSize(1);
        assertThat(parts.get(1).get("hostIds").get(0).asText()).isEqualTo("cleo");
    }

    private IntermediateEventRepresentation upcast(String revision, String json) {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Agenda", "a-1", 3, "event-1",
                "2021-11-18T10:00:01Z", ProposalSplitUpcaster.TYPE, revision, json, "{}");
        List<IntermediateEventRepresentation> upcast = chain.upcast(
                Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }
}
