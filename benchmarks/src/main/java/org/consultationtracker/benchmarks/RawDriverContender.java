package org.consultationtracker.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.BsonJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static com.mongodb.client.model.Filters.in;
import static org.consultationtracker.eventstore.engine.CommitLayout.*;

/**
 * The MongoDB Java driver alone, writing documents of the same shape as our engine's commits (same fields, same two
 * unique multikey indexes) and reading them by key: {@code _id $in} windows of 100 positions for the stream, a
 * {@code streamKeys $in} lookup for an aggregate. It is the floor the engines are compared with, so it skips what only
 * an event store needs: positions come from an in-process counter (no shared counter round trip), there is no
 * optimistic-concurrency handling, no hash computation (a fixed placeholder of the same length is stored), no Axon
 * message wrapping. Payload and metadata go through the same Jackson mapper and the same JSON-to-BSON conversion.
 */
final class RawDriverContender implements Contender {

    private static final int WINDOW = 100;
    private static final String PLACEHOLDER_HASH = "0".repeat(64);

    private final MongoClient client;
    private final MongoCollection<BsonDocument> commits;
    private final ObjectMapper mapper = EventSerialization.objectMapper();
    private final AtomicLong head = new AtomicLong();

    RawDriverContender(String uri, String database) {
        this.client = MongoClients.create(uri);
        this.commits = client.getDatabase(database).getCollection("commits", BsonDocument.class);
        commits.createIndex(Indexes.ascending(POSITIONS), new IndexOptions().unique(true).name(POSITIONS_INDEX));
        commits.createIndex(Indexes.ascending(STREAM_KEYS),
                            new IndexOptions().unique(true).sparse(true).name(STREAM_KEYS_INDEX));
    }

    @Override
    public String name() {
        return "raw MongoDB driver";
    }

    @Override
    public void append(List<DomainEventMessage<?>> events) {
        long first = head.getAndAdd(events.size()) + 1;
        BsonArray positions = new BsonArray();
        BsonArray streamKeys = new BsonArray();
        BsonArray stored = new BsonArray();
        for (int i = 0; i < events.size(); i++) {
            DomainEventMessage<?> event = events.get(i);
            positions.add(new BsonInt64(first + i));
            streamKeys.add(new BsonString(streamKey(event.getAggregateIdentifier(), event.getSequenceNumber())));
            stored.add(new BsonDocument(EVENT_ID, new BsonString(event.getIdentifier()))
                               .append(AGGREGATE_TYPE, new BsonString(event.getType()))
                               .append(AGGREGATE_ID, new BsonString(event.getAggregateIdentifier()))
                               .append(SEQUENCE, new BsonInt64(event.getSequenceNumber()))
                               .append(TIMESTAMP, new BsonString(event.getTimestamp().toString()))
                               .append(PAYLOAD_TYPE, new BsonString(event.getPayloadType().getName()))
                               .append(PAYLOAD_REVISION, BsonNull.VALUE)
                               .append(PAYLOAD, BsonJson.toBson(mapper.valueToTree(event.getPayload())))
                               .append(METADATA, BsonJson.toBson(mapper.valueToTree(event.getMetaData()))));
        }
        DomainEventMessage<?> firstEvent = events.get(0);
        DomainEventMessage<?> lastEvent = events.get(events.size() - 1);
        BsonDocument link = new BsonDocument(AGGREGATE_ID, new BsonString(firstEvent.getAggregateIdentifier()))
                .append(AGGREGATE_TYPE, new BsonString(firstEvent.getType()))
                .append(FIRST_SEQUENCE, new BsonInt64(firstEvent.getSequenceNumber()))
                .append(LAST_SEQUENCE, new BsonInt64(lastEvent.getSequenceNumber()))
                .append(PREVIOUS_HASH, firstEvent.getSequenceNumber() == 0
                        ? BsonNull.VALUE : new BsonString(PLACEHOLDER_HASH));
        commits.insertOne(new BsonDocument(ID, new BsonInt64(first))
                                  .append(POSITIONS, positions)
                                  .append(STREAM_KEYS, streamKeys)
                                  .append(CHAIN, new BsonArray(List.of(link)))
                                  .append(EVENTS, stored)
                                  .append(COMMITTED_AT, new BsonDateTime(System.currentTimeMillis()))
                                  .append(HASH, new BsonString(PLACEHOLDER_HASH)));
    }

    @Override
    public ReadOutcome readAll(long deadlineNanos) {
        long next = 1;
        long events = 0;
        long outOfOrder = 0;
        long lastPosition = 0;
        Set<String> seen = new HashSet<>();
        while (true) {
            if (System.nanoTime() > deadlineNanos) {
                return new ReadOutcome(events, seen.size(), outOfOrder, true);
            }
            List<Long> window = new ArrayList<>(WINDOW);
            for (long p = next; p < next + WINDOW; p++) {
                window.add(p);
            }
            Map<Long, BsonDocument> byFirst = new HashMap<>();
            for (BsonDocument commit : commits.find(in(ID, window))) {
                byFirst.put(commit.getInt64(ID).getValue(), commit);
            }
            if (byFirst.isEmpty()) {
                return new ReadOutcome(events, seen.size(), outOfOrder, false);
            }
            // Deliver in position order: commits start where the previous one ended.
            long position = next;
            BsonDocument commit;
            while ((commit = byFirst.get(position)) != null) {
                BsonArray positions = commit.getArray(POSITIONS);
                BsonArray stored = commit.getArray(EVENTS);
                for (int i = 0; i < stored.size(); i++) {
                    long eventPosition = positions.get(i).asInt64().getValue();
                    if (eventPosition <= lastPosition) {
                        outOfOrder++;
                    }
                    lastPosition = eventPosition;
                    seen.add(stored.get(i).asDocument().getString(EVENT_ID).getValue());
                    events++;
                }
                position += stored.size();
            }
            if (position == next) {
                throw new IllegalStateException("raw read found commits in the window from " + next
                                                        + " but none starting at it");
            }
            next = position;
        }
    }

    @Override
    public int load(String aggregateId) {
        List<String> keys = new ArrayList<>(WINDOW);
        for (int s = 0; s < WINDOW; s++) {
            keys.add(streamKey(aggregateId, s));
        }
        Map<Long, BsonDocument> bySequence = new HashMap<>();
        for (BsonDocument commit : commits.find(in(STREAM_KEYS, keys))) {
            for (BsonValue value : commit.getArray(EVENTS)) {
                BsonDocument event = value.asDocument();
                if (aggregateId.equals(event.getString(AGGREGATE_ID).getValue())) {
                    bySequence.put(event.getInt64(SEQUENCE).getValue(), event);
                }
            }
        }
        int count = 0;
        while (bySequence.containsKey((long) count)) {
            count++;
        }
        if (count != bySequence.size()) {
            throw new IllegalStateException("raw load of " + aggregateId + " found a hole in its sequence");
        }
        return count;
    }

    @Override
    public void close() {
        client.close();
    }
}
