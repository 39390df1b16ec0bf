package org.consultationtracker.eventstore.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code ReportPublished} revision 1 to 2: revision 2 records the quotes published without their speaker's consent
 * ({@code consentOverrides}). A revision 1 version was published before consent was checked at publication, so it
 * overrode nothing: it reads as an empty list, never as null. The type is named, not referenced: the event store does
 * not depend on the events module.
 */
public class ReportPublishedUpcaster extends SingleEventUpcaster {

    static final String TYPE = "org.consultationtracker.events.report.ReportPublished";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcast(new SimpleSerializedType(TYPE, "2"), JsonNode.class, node -> {
            ObjectNode published = ((ObjectNode) node).deepCopy();
            published.putArray("consentOverrides");
            return published;
        }, metaData -> metaData);
    }
}
