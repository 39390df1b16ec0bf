package org.consultationtracker.eventstore.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.time.Instant;

import static org.consultationtracker.eventstore.engine.CommitLayout.*;

/**
 * One stored event as Axon's upcasters and deserializers consume it. Events that belong to an aggregate are
 * {@link DomainEventData}; events published outside any aggregate are only {@link TrackedEventData}, so Axon hands
 * them out as plain event messages.
 */
class StoredEventData implements TrackedEventData<JsonNode> {

    private final TrackingToken token;
    private final String eventId;
    private final Instant timestamp;
    private final String payloadType;
    private final String payloadRevision;
    private final BsonValue payload;
    private final BsonValue metadata;

    /**
     * Reads what the engine stored. A stored event whose envelope was altered (a field missing or of another type: the
     * verifier reports such a commit) is still delivered, with what can be read of it, rather than stopping every
     * reader at its position: its payload then fails to deserialize and the read models park it.
     */
    StoredEventData(TrackingToken token, BsonDocument event) {
        this.token = token;
        this.eventId = text(event, EVENT_ID, "unreadable-event-" + token);
        this.timestamp = time(event);
        this.payloadType = text(event, PAYLOAD_TYPE, "unreadable");
        this.payloadRevision = text(event, PAYLOAD_REVISION, null);
        this.payload = event.get(PAYLOAD);
        BsonValue stored = event.get(METADATA);
        this.metadata = stored != null && stored.isDocument() ? stored : new BsonDocument();
    }

    private static String text(BsonDocument event, String field, String otherwise) {
        BsonValue value = event.get(field);
        return value != null && value.isString() ? value.asString().getValue() : otherwise;
    }

    private static Instant time(BsonDocument event) {
        try {
            return Instant.parse(text(event, TIMESTAMP, ""));
        } catch (java.time.DateTimeException e) {
            return Instant.EPOCH;
        }
    }

    static StoredEventData of(TrackingToken token, BsonDocument event) {
        return event.containsKey(AGGREGATE_ID) ? new Domain(token, event) : new StoredEventData(token, event);
    }

    @Override
    public TrackingToken trackingToken() {
        return token;
    }

    @Override
    public String getEventIdentifier() {
        return eventId;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<JsonNode> getMetaData() {
        return new SimpleSerializedObject<>(BsonJson.toJson(metadata), JsonNode.class,
                                            "org.axonframework.messaging.MetaData", null);
    }

    @Override
    public SerializedObject<JsonNode> getPayload() {
        return new SimpleSerializedObject<>(BsonJson.toJson(payload), JsonNode.class, payloadType, payloadRevision);
    }

    static final class Domain extends StoredEventData implements DomainEventData<JsonNode> {

        private final String aggregateType;
        private final String aggregateId;
        private final long sequence;

        Domain(TrackingToken token, BsonDocument event) {
            super(token, event);
            this.aggregateType = text(event, AGGREGATE_TYPE, null);
            this.aggregateId = text(event, AGGREGATE_ID, getEventIdentifier());
            BsonValue sequence = event.get(SEQUENCE);
            this.sequence = sequence != null && sequence.isNumber() ? sequence.asNumber().longValue() : 0;
        }

        @Override
        public String getType() {
            return aggregateType;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateId;
        }

        @Override
        public long getSequenceNumber() {
            return sequence;
        }
    }
}
