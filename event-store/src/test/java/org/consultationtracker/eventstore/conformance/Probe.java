package org.consultationtracker.eventstore.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.time.Instant;
import java.util.Map;

/** Test payloads and helpers shared by the conformance tests. */
final class Probe {

    private Probe() {
    }

    /** The current shape of a note. */
    @Revision("2")
    record Note(String text, String tone, int words, Instant saidAt) {
    }

    /** The shape notes had before "tone" existed; stored by old writers, upcast on read. */
    @Revision("1")
    record LegacyNote(String text) {
    }

    /** Upcasts LegacyNote revision 1 to Note revision 2, giving old notes an explicit unknown tone. */
    static final class LegacyNoteUpcaster extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(LegacyNote.class.getName())
                    && "1".equals(representation.getType().getRevision());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcast(new SimpleSerializedType(Note.class.getName(), "2"), JsonNode.class,
                                         node -> {
                                             ObjectNode note = ((ObjectNode) node).deepCopy();
                                             note.put("tone", "unknown");
                                             note.put("words", note.get("text").asText().split("\\s+").length);
                                             return note;
                                         }, metaData -> metaData);
        }
    }

    static DomainEventMessage<?> event(String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Probe", aggregateId, sequence, payload,
                                               MetaData.from(Map.of("actor", "tester", "role", "NOTE_TAKER")));
    }

    static DomainEventMessage<?> note(String aggregateId, long sequence) {
        return event(aggregateId, sequence, new Note("note " + sequence + " of " + aggregateId, "calm",
                                                     4, Instant.parse("2021-11-18T10:00:00Z")));
    }
}
