package org.consultationtracker.eventstore.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code ProposalSplit} revision 1 to 2: revision 2 names the hosts of each part ({@code parts[].hostIds}). Before,
 * every part was hosted by the original's hosts (the event's {@code hostIds}), so that is what each part reads as.
 * The type is named, not referenced: the event store does not depend on the events module.
 */
public class ProposalSplitUpcaster extends SingleEventUpcaster {

    static final String TYPE = "org.consultationtracker.events.agenda.ProposalSplit";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcast(new SimpleSerializedType(TYPE, "2"), JsonNode.class, node -> {
            ObjectNode split = ((ObjectNode) node).deepCopy();
            JsonNode originalHosts = split.get("hostIds");
            JsonNode parts = split.get("parts");
            if (parts instanceof ArrayNode array) {
                for (JsonNode part : array) {
                    if (part instanceof ObjectNode partNode && !partNode.hasNonNull("hostIds")) {
                        ArrayNode hosts = partNode.putArray("hostIds");
                        if (originalHosts != null && originalHosts.isArray()) {
                            originalHosts.forEach(host -> hosts.add(host.deepCopy()));
                        }
                    }
                }
            }
            return split;
        }, metaData -> metaData);
    }
}
