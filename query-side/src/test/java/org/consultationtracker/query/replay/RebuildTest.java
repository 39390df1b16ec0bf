package org.consultationtracker.query.replay;

import org.consultationtracker.events.Wording;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.query.agenda.AgendaQueries;
import org.consultationtracker.query.agenda.AgendaQueries.FindAgenda;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.MongoDocumentSession;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.support.ConsultationStory;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consultationtracker.query.support.Eventually.eventually;

@QuerySideTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildTest {

    private static final String P = "rebuild-";

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    Replays replays;
    @Autowired
    Generations generations;
    @Autowired
    MongoDatabase database;
    @Autowired
    List<Projection> projections;
    @Autowired
    AgendaQueries agendas;

    private final EventFeed feed = new EventFeed();

    @BeforeAll
    void story() {
        eventStore.publish(feed.messages(ConsultationStory.events(P).toArray())
                                          .toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    @Test
    void rebuildingTwiceGivesTheDocumentsTheLiveProcessorsBuilt() {
        Processors.awaitCaughtUp(processing, engine);
        for (ReadModel model : ReadModel.values()) {
            String live = ContentHash.of(database, model, generations.active(model));

            ReplayStatus first = replays.rebuild(model);
            ReplayStatus second = replays.rebuild(model);

            assertThat(first.state()).as(model.id()).isEqualTo(ReplayStatus.State.COMPLETED);
            long firstGeneration = first.generations().get(model.id());
            assertThat(second.generations().get(model.id())).as(model.id()).isGreaterThan(firstGeneration);
            assertThat(generations.active(model)).as(model.id()).isEqualTo(second.generations().get(model.id()));
            assertThat(first.contentHashes().get(model.id())).as(model.id() + " rebuilt twice")
                                                            .isEqualTo(second.contentHashes().get(model.id()));
            assertThat(first.contentHashes().get(model.id())).as(model.id() + " rebuilt vs live").isEqualTo(live);
            assertThat(second.progress()).isEqualTo(1.0);
            assertThat(second.position()).isEqualTo(second.headPosition());
            assertThat(database.listCollectionNames().into(new ArrayList<>()))
                    .as("the replaced generation is dropped")
                    .doesNotContain(model.collections().get(0) + "_g" + firstGeneration);
        }
    }

    @Test
    void allReadModelsRebuiltInOnePassMatchTheirOneByOneRebuilds() {
        Processors.awaitCaughtUp(processing, engine);
        java.util.Map<String, String> before = new java.util.HashMap<>();
        for (ReadModel model : ReadModel.values()) {
            before.put(model.id(), ContentHash.of(database, model, generations.active(model)));
        }

        ReplayStatus all = replays.rebuild(List.of(ReadModel.values()));

        assertThat(all.state()).isEqualTo(ReplayStatus.State.COMPLETED);
        assertThat(all.readModels()).hasSize(ReadModel.values().length);
        assertThat(all.contentHashes()).isEqualTo(before);
    }

    @Test
    void afterTheSwitchTheLiveProcessorWritesTheNewGeneration() {
        replays.rebuild(ReadModel.AGENDA);

        eventStore.publish(feed.message(new ConversationProposed(
                P + "a", P + "late", P + "ana", Wording.plain("Late idea"), Wording.plain("pitch"), ConsultationStory.T0)));

        eventually(() -> assertThat(agendas.handle(new FindAgenda(P + "a", null)).proposals())
                .anyMatch(p -> p.proposalId().equals(P + "late")));
    }

    @Test
    void aBatchAppliedTwiceToMongoChangesNothing() {
        long scratch = 900 + (System.nanoTime() % 50);
        Projection participation = projections.stream().filter(p -> p.model() == ReadModel.PARTICIPATION)
                                              .findFirst().orElseThrow();
        List<?> events;
        try (Stream<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> stream =
                     engine.readEvents(null, false)) {
            events = stream.toList();
        }
        applyAll(participation, events, scratch);
        String once = ContentHash.of(database, ReadModel.PARTICIPATION, scratch);

        applyAll(participation, events.subList(events.size() / 2, events.size()), scratch);

        assertThat(ContentHash.of(database, ReadModel.PARTICIPATION, scratch)).isEqualTo(once);
    }

    private void applyAll(Projection projection, List<?> events, long generation) {
        MongoDocumentSession session = new MongoDocumentSession(database, projection.model(), generation);
        for (Object item : events) {
            var event = (org.axonframework.eventhandling.TrackedEventMessage<?>) item;
            projection.apply(event.getPayload(), EventContext.of(event, event.trackingToken()), session);
        }
        session.flush();
    }
}
