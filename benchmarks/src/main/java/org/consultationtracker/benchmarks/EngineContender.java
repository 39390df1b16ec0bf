package org.consultationtracker.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/** A contender that is an Axon {@link EventStorageEngine}, used exactly as Axon's event store uses it. */
final class EngineContender implements Contender {

    private final String name;
    private final MongoClient client;
    private final EventStorageEngine engine;

    private EngineContender(String name, MongoClient client, EventStorageEngine engine) {
        this.name = name;
        this.client = client;
        this.engine = engine;
    }

    /** Our engine: one commit document per unit of work, key lookups only. */
    static EngineContender commitEngine(String uri, String database, Serializer serializer) {
        MongoClient client = MongoClients.create(uri);
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                                                                  .database(client.getDatabase(database))
                                                                  .eventSerializer(serializer)
                                                                  .snapshotSerializer(serializer)
                                                                  .build();
        engine.ensureIndexes();
        return new EngineContender("ours (MongoCommitStorageEngine)", client, engine);
    }

    /** axon-mongo 4.12.0's engine with its default DocumentPerEvent storage strategy. */
    @SuppressWarnings("deprecation")
    static EngineContender axonMongo(String uri, String database, Serializer serializer) {
        MongoClient client = MongoClients.create(uri);
        MongoEventStorageEngine engine =
                MongoEventStorageEngine.builder()
                                       .mongoTemplate(DefaultMongoTemplate.builder()
                                                                          .mongoDatabase(client, database)
                                                                          .build())
                                       .eventSerializer(serializer)
                                       .snapshotSerializer(serializer)
                                       .build();
        engine.ensureIndexes();
        return new EngineContender("axon-mongo 4.12.0 MongoEventStorageEngine", client, engine);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void append(List<DomainEventMessage<?>> commit) {
        engine.appendEvents(commit);
    }

    @Override
    public ReadOutcome readAll(long deadlineNanos) {
        TrackingToken token = null;
        long events = 0;
        long outOfOrder = 0;
        boolean positioned = true;
        long lastPosition = Long.MIN_VALUE;
        Set<String> seen = new HashSet<>();
        boolean capped = false;
        while (!capped) {
            long before = events;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
                while (iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    token = event.trackingToken();
                    events++;
                    seen.add(event.getIdentifier());
                    OptionalLong position = token.position();
                    if (position.isPresent()) {
                        if (position.getAsLong() <= lastPosition) {
                            outOfOrder++;
                        }
                        lastPosition = position.getAsLong();
                    } else {
                        positioned = false;
                    }
                    if (System.nanoTime() > deadlineNanos) {
                        capped = true;
                        break;
                    }
                }
            }
            if (events == before) {
                break; // caught up: a read from the last token delivered nothing new
            }
        }
        return new ReadOutcome(events, seen.size(), positioned ? outOfOrder : -1, capped);
    }

    @Override
    public int load(String aggregateId) {
        DomainEventStream stream = engine.readEvents(aggregateId);
        int count = 0;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getSequenceNumber() != count) {
                throw new IllegalStateException(name + " loaded " + aggregateId + " sequence "
                                                        + event.getSequenceNumber() + " where " + count
                                                        + " was expected");
            }
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        client.close();
    }
}
