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

    StoredEventData(TrackingToken token, BsonDocument event) {
        this.token = token;
        this.eventId = event.getString(EVENT_ID).getValue();
        this.timestamp = Instant.parse(event.getString(TIMESTAMP).getValue());
        this.payloadType = event.getString(PAYLOAD_TYPE).getValue();
        BsonValue revision = event.get(PAYLOAD_REVISION);
        this.payloadRevision = revision == null || revision.isNull() ? null : revision.asString().getValue();
        this.payload = event.get(PAYLOAD);
        this.metadata = event.get(METADATA);
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
            BsonValue type = event.get(AGGREGATE_TYPE);
            this.aggregateType = type == null || type.isNull() ? null : type.asString().getValue();
            this.aggregateId = event.getString(AGGREGATE_ID).getValue();
            this.sequence = event.getInt64(SEQUENCE).getValue();
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
