package org.consultationtracker.query.replay;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.query.auditlog.AuditLogProjection;
import org.bson.Document;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingSequences;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModelIndexes;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.HeadPosition;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.support.ConsultationStory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A rebuild that cannot finish says why and leaves the generation being served as it was. */
class FailedRebuildTest {

    private final List<Object> story = ConsultationStory.events("failed-");
    private EmbeddedMongoStore store;
    private MongoClient client;
    private MongoDatabase database;
    private Generations generations;

    @BeforeEach
    void start() {
        store = EmbeddedMongoStore.startInMemory();
        client = MongoClients.create(store.uri());
        database = client.getDatabase("failed-rebuild");
        generations = new Generations(database);
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
    }

    @Test
    void aStreamFailingHalfwayFailsTheRebuildAndTheOldGenerationStaysServed() {
        long served = generations.active(ReadModel.AUDIT_LOG);
        EventStorageEngine engine = mock(EventStorageEngine.class);
        when(engine.readEvents(any(), anyBoolean())).thenAnswer(call -> call.getArgument(0) != null ? Stream.empty()
                : Stream.concat(
                IntStream.range(0, story.size() / 2).mapToObj(this::event),
                Stream.of(1).map(nothing -> {
                    throw new IllegalStateException("the store went away");
                })));

        ReplayStatus status = replays(engine).rebuild(ReadModel.AUDIT_LOG);

        assertThat(status.state()).isEqualTo(ReplayStatus.State.FAILED);
        assertThat(status.error()).contains("the store went away");
        assertThat(status.switchedAt()).isNull();
        assertThat(generations.active(ReadModel.AUDIT_LOG)).isEqualTo(served);
    }

    @Test
    void aWriteTheStoreRefusesFailsTheRebuildAndTheOldGenerationStaysServed() {
        long served = generations.active(ReadModel.AUDIT_LOG);
        EventStorageEngine engine = mock(EventStorageEngine.class);
        when(engine.readEvents(any(), anyBoolean())).thenAnswer(
                call -> call.getArgument(0) == null ? Stream.of(event(0), event(1)) : Stream.empty());
        // A document MongoDB refuses to store: larger than its 16 MB limit.
        Projection refused = new Projection() {
            @Override
            public ReadModel model() {
                return ReadModel.AUDIT_LOG;
            }

            @Override
            public void apply(Object payload, EventContext context, DocumentSession session) {
                session.put("audit_log", new Document("_id", context.eventId())
                        .append("text", "x".repeat(17 * 1024 * 1024)));
            }
        };

        ReplayStatus status = new Replays(engine, new HeadPosition(engine, database), database, generations,
                                          new ReplayProperties(1, 10, 1, Duration.ofSeconds(5)), List.of(refused),
                                          new SimpleMeterRegistry(), new ParkedEvents(database, generations),
                new ParkingSequences(), new ReadModelIndexes(database, List.of(refused)))
                .rebuild(ReadModel.AUDIT_LOG);

        assertThat(status.state()).isEqualTo(ReplayStatus.State.FAILED);
        assertThat(status.error()).contains("Writing read model audit-log failed");
        assertThat(generations.active(ReadModel.AUDIT_LOG)).isEqualTo(served);
    }

    private Replays replays(EventStorageEngine engine) {
        return new Replays(engine, new HeadPosition(engine, database), database, generations,
                           new ReplayProperties(5, 10, 2, Duration.ofSeconds(5)), List.of(new AuditLogProjection()),
                           new SimpleMeterRegistry(), new ParkedEvents(database, generations),
                new ParkingSequences(), new ReadModelIndexes(database, List.of(new AuditLogProjection())));
    }

    private TrackedEventMessage<?> event(int index) {
        Object payload = story.get(index);
        return new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(index + 1),
                new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), "aggregate-" + index, 0, payload,
                                                MetaData.with("actor", "facilitator-1")));
    }
}
