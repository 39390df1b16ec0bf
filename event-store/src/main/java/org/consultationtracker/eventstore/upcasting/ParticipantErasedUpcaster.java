package org.consultationtracker.eventstore.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a {@code ParticipantErased} of revision 1, stored before erasures recorded who asked and why, as revision 2:
 * {@code requestedBy} is {@code NOT_RECORDED} ("not recorded: erased before this was asked"), with no reason and no
 * reference. Nothing is guessed: the stored event stays as it was, only its reading changes. The event store does not
 * depend on the published language, so the type is named here by its class name.
 */
public final class ParticipantErasedUpcaster extends SingleEventUpcaster {

    static final String TYPE = "org.consultationtracker.events.participant.ParticipantErased";
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcast(REVISION_2, JsonNode.class, ParticipantErasedUpcaster::toRevision2,
                                     metaData -> metaData);
    }

    static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode erased = ((ObjectNode) revision1).deepCopy();
        erased.put("requestedBy", "NOT_RECORDED");
        erased.putNull("reason");
        erased.putNull("requestReference");
        return erased;
    }
}
