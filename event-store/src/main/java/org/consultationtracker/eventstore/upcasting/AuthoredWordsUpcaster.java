package org.consultationtracker.eventstore.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.List;
import java.util.Objects;

/**
 * Reads an event written when a participant's free text was a plain string as the later revision that holds it as a
 * {@code Wording}: the old string becomes {@code {"plainText": …, "encryptedText": null}} ({@code Wording.plain}),
 * a missing or null one stays null. Nothing is encrypted here: the stored events are immutable, so words recorded
 * before the change stay as they were stored; only new events carry them encrypted.
 * <p>
 * Types are named by their class name, not by class: the event store does not depend on the published language.
 */
public final class AuthoredWordsUpcaster extends SingleEventUpcaster {

    private static final String AGENDA = "org.consultationtracker.events.agenda.";

    private final String payloadType;
    private final String fromRevision;
    private final String toRevision;
    private final List<String> fields;

    public AuthoredWordsUpcaster(String payloadType, String fromRevision, String toRevision, List<String> fields) {
        this.payloadType = Objects.requireNonNull(payloadType);
        this.fromRevision = Objects.requireNonNull(fromRevision);
        this.toRevision = Objects.requireNonNull(toRevision);
        this.fields = List.copyOf(fields);
    }

    /** Proposal question and pitch, as their proposer wrote them (revision 1 → 2). */
    public static AuthoredWordsUpcaster conversationProposed() {
        return new AuthoredWordsUpcaster(AGENDA + "ConversationProposed", "1", "2", List.of("question", "pitch"));
    }

    public static AuthoredWordsUpcaster proposalPitched() {
        return new AuthoredWordsUpcaster(AGENDA + "ProposalPitched", "1", "2", List.of("pitch"));
    }

    public static AuthoredWordsUpcaster proposalClarified() {
        return new AuthoredWordsUpcaster(AGENDA + "ProposalClarified", "1", "2", List.of("question"));
    }

    /** The question a scheduled conversation carries is the proposal's current wording. */
    public static AuthoredWordsUpcaster conversationScheduled() {
        return new AuthoredWordsUpcaster(AGENDA + "ConversationScheduled", "1", "2", List.of("question"));
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return payloadType.equals(representation.getType().getName())
                && fromRevision.equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(payloadType, toRevision), JsonNode.class,
                                            this::toWording);
    }

    private JsonNode toWording(JsonNode payload) {
        if (!(payload instanceof ObjectNode event)) {
            return payload; // not the shape we know: leave it for deserialization to report, rather than guess
        }
        ObjectNode upcast = event.deepCopy();
        for (String field : fields) {
            JsonNode value = upcast.get(field);
            if (value != null && value.isTextual()) {
                upcast.set(field, JsonNodeFactory.instance.objectNode()
                                                          .put("plainText", value.textValue())
                                                          .putNull("encryptedText"));
            }
        }
        return upcast;
    }

    @Override
    public String toString() {
        return "AuthoredWordsUpcaster[" + payloadType + " " + fromRevision + " -> " + toRevision + " " + fields + "]";
    }
}
