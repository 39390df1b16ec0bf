package org.consultationtracker.query.parking;

import org.consultationtracker.query.readmodel.ModelCollection;
import org.consultationtracker.access.testing.SignedIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.audittrail.AuditTrailProjection;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.replay.ReplayStatus;
import org.consultationtracker.query.replay.Replays;
import org.consultationtracker.query.support.ConsultationStory;
import org.consultationtracker.query.support.Eventually;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An event a projection throws on is parked; the rest of its sequence is held behind it; every other sequence,
 * erasures included, goes on; health says so; a rebuild parks the same way instead of failing; once the cause is
 * fixed a retry applies it, an eviction leaves it out with a recorded reason, and each view then equals a clean
 * rebuild's.
 */
@QuerySideTest
@AutoConfigureMockMvc
@Import(ParkingTest.Faults.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParkingTest {

    private static final String P = "pk-";
    private static final Instant LATER = ConsultationStory.T0.plus(Duration.ofMinutes(115));
    /** The read models whose projection throws on a poisoned event; tests take models out to "fix" them. */
    static final Set<ReadModel> FAULTY = EnumSet.noneOf(ReadModel.class);

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MockMvc mvc;
    @Autowired
    ReadModelStore store;
    @Autowired
    MongoDatabase database;
    @Autowired
    Generations generations;
    @Autowired
    Replays replays;
    @Autowired
    MeterRegistry meters;

    private final ObjectMapper json = new ObjectMapper();
    private final EventFeed feed = new EventFeed();

    @Test
    @Order(1)
    void aPoisonedEventIsParkedWhileEverythingElseGoesOnAndIsAppliedOnceFixed() throws Exception {
        FAULTY.addAll(EnumSet.of(ReadModel.COVERAGE, ReadModel.AUDIT_TRAIL, ReadModel.PARTICIPANTS));
        List<Object> story = new ArrayList<>(ConsultationStory.events(P));
        List<Object> erasures = new ArrayList<>(story.subList(story.size() - 2, story.size()));
        story.removeAll(erasures);
        story.add(keyPoint("m-2", "kp-poison"));   // the projections throw on it after changing documents
        story.add(keyPoint("m-2", "kp-after"));    // same conversation: held behind it
        story.add(keyPoint("pr-4", "kp-other"));   // another conversation: applied
        story.addAll(erasures);                     // pk-cy's registration is poisoned in the directory
        eventStore.publish(feed.messages(story.toArray()).toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);

        // parked and held, per read model
        JsonNode parked = admin(get("/api/parked-events"));
        assertThat(parked.at("/counts/coverage").asLong()).isEqualTo(2);
        assertThat(parked.at("/counts/audit-trail").asLong()).isEqualTo(2);
        assertThat(find(parked, "participants", "PARKED").get("eventType").asText()).isEqualTo("ParticipantRegistered");
        assertThat(parked.get("events").findValuesAsText("eventType")).as("an erasure is never held back")
                                                                     .doesNotContain("ParticipantErased");
        assertThat(parked.at("/counts/agenda").asLong()).isZero();
        JsonNode poison = find(parked, "coverage", "PARKED");
        JsonNode held = find(parked, "coverage", "HELD");
        assertThat(poison.get("errorType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(poison.get("error").asText()).contains("injected fault");
        assertThat(poison.get("sequence").asText()).isEqualTo(P + "m-2");
        assertThat(held.get("heldBehind").asLong()).isEqualTo(poison.get("position").asLong());

        // the rest went on: another conversation, and both erasures
        assertThat(keyPointDoc(ReadModel.COVERAGE, "kp-other")).isNotNull();
        assertThat(keyPointDoc(ReadModel.COVERAGE, "kp-poison")).as("half-applied changes are undone").isNull();
        assertThat(keyPointDoc(ReadModel.COVERAGE, "kp-after")).isNull();
        assertThat(store.find(ModelCollection.of(ReadModel.COVERAGE, "coverage_participants"), P + "cy").getBoolean("erased")).isTrue();
        Document cy = store.find(ModelCollection.of(ReadModel.PARTICIPANTS, "participants"), P + "cy");
        assertThat(cy.getBoolean("erased")).isTrue();
        assertThat(cy.get("pseudonym")).isNull();

        // health and metrics say so
        JsonNode health = admin(get("/actuator/health"));
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/components/readModels/details/parkedEvents/coverage").asLong()).isEqualTo(2);
        assertThat(meters.get("consultation.parked.events").tag("readModel", "coverage").gauge().value())
                .isEqualTo(2.0);

        // a rebuild with the fault still there parks the same way, and builds what the live processor built
        String live = ContentHash.of(database, ReadModel.COVERAGE, generations.active(ReadModel.COVERAGE));
        ReplayStatus stillFaulty = replays.rebuild(ReadModel.COVERAGE);
        assertThat(stillFaulty.state()).isEqualTo(ReplayStatus.State.COMPLETED);
        assertThat(stillFaulty.contentHashes().get("coverage")).isEqualTo(live);
        assertThat(admin(get("/api/parked-events")).at("/counts/coverage").asLong()).isEqualTo(2);

        // fixed: a retry applies the parked event and the ones held behind it
        FAULTY.remove(ReadModel.COVERAGE);
        String coverageId = find(admin(get("/api/parked-events")), "coverage", "PARKED").get("id").asText();
        JsonNode retried = admin(post("/api/parked-events/" + coverageId + "/retry"),
                "{\"reason\": \"fixed the projection in release 1.2\"}", 202);
        awaitFinished(retried.at("/rebuild/id").asText());
        assertThat(keyPointDoc(ReadModel.COVERAGE, "kp-poison")).isNotNull();
        assertThat(keyPointDoc(ReadModel.COVERAGE, "kp-after")).isNotNull();
        assertThat(admin(get("/api/parked-events")).at("/counts/coverage").asLong()).isZero();
        assertThat(admin(get("/api/parked-events/resolved")).toString())
                .contains("applied by rebuild").contains("still not applied");

        // evicted with a reason: left out for good, the events held behind it applied
        String trailId = find(admin(get("/api/parked-events")), "audit-trail", "PARKED").get("id").asText();
        JsonNode evicted = admin(post("/api/parked-events/" + trailId + "/eviction"),
                "{\"reason\": \"the note was typed into the wrong conversation\"}", 202);
        awaitFinished(evicted.at("/rebuild/id").asText());
        assertThat(keyPointDoc(ReadModel.AUDIT_TRAIL, "kp-poison")).isNull();
        assertThat(keyPointDoc(ReadModel.AUDIT_TRAIL, "kp-after")).isNotNull();
        assertThat(database.getCollection(ParkedEvents.EVICTED).find(new Document("readModel", "audit-trail"))
                           .first().getString("reason")).isEqualTo("the note was typed into the wrong conversation");
        assertThat(admin(get("/api/parked-events/resolved")).toString())
                .contains("evicted by admin (\\\"the note was typed into the wrong conversation\\\")");

        FAULTY.remove(ReadModel.PARTICIPANTS);
        String directoryId = find(admin(get("/api/parked-events")), "participants", "PARKED").get("id").asText();
        awaitFinished(admin(post("/api/parked-events/" + directoryId + "/retry"), "{\"reason\": \"fixed\"}", 202)
                .at("/rebuild/id").asText());
        assertThat(store.find(ModelCollection.of(ReadModel.PARTICIPANTS, "participants"), P + "cy").getBoolean("erased")).isTrue();

        // nothing held back any more; each view equals a clean rebuild's, and the live processors go on from there
        eventStore.publish(feed.messages(keyPoint("pr-4", "kp-last")).toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
        Eventually.eventually(Duration.ofSeconds(10), () -> assertThat(healthStatus()).isEqualTo("UP"));
        for (ReadModel model : List.of(ReadModel.COVERAGE, ReadModel.AUDIT_TRAIL, ReadModel.PARTICIPANTS)) {
            String served = ContentHash.of(database, model, generations.active(model));
            assertThat(replays.rebuild(model).contentHashes().get(model.id())).as(model.id()).isEqualTo(served);
        }
    }

    @Test
    @Order(2)
    void anEventWhoseStoredPayloadCannotBeReadIsParkedInEveryReadModelAndTheRestGoesOn() throws Exception {
        long position = appendUnreadableKeyPoint(P + "unreadable-conversation");
        eventStore.publish(feed.messages(keyPoint("another-conversation", "kp-after-unreadable")).toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);

        JsonNode parked = admin(get("/api/parked-events"));
        for (ReadModel model : ReadModel.values()) {
            JsonNode entry = null;
            for (JsonNode event : parked.get("events")) {
                if (event.get("readModel").asText().equals(model.id()) && event.get("position").asLong() == position) {
                    entry = event;
                }
            }
            assertThat(entry).as(model.id() + " parks the unreadable event").isNotNull();
            assertThat(entry.get("status").asText()).isEqualTo("PARKED");
            assertThat(entry.get("eventType").asText()).isEqualTo("KeyPointRecorded");
        }
        assertThat(keyPointDoc(ReadModel.COVERAGE, "kp-after-unreadable")).as("the next event was applied").isNotNull();
        assertThat(healthStatus()).isEqualTo("DEGRADED");
    }

    /**
     * A commit as a store written by another version could hold it: a KeyPointRecorded whose {@code occurredAt} is an
     * object, which no version of the event can be read from. Written straight into the store at the next position.
     */
    private long appendUnreadableKeyPoint(String conversationId) {
        Document counter = database.getCollection("sequences").findOneAndUpdate(new Document("_id", "global"),
                new Document("$inc", new Document("last", 1L)));
        long position = counter.get("last", Number.class).longValue() + 1;
        Document payload = new Document("conversationId", conversationId).append("keyPointId", P + "unreadable")
                .append("kind", "PROBLEM").append("text", new Document("plainText", "x")).append("verbatim", false)
                .append("recordedBy", "notetaker").append("occurredAt", new Document("not", "a time"));
        Document event = new Document("eventId", java.util.UUID.randomUUID().toString())
                .append("aggregateType", "Conversation").append("aggregateId", conversationId).append("sequence", 0L)
                .append("timestamp", Instant.now().toString())
                .append("payloadType", KeyPointRecorded.class.getName()).append("payloadRevision", "1")
                .append("payload", payload).append("metadata", new Document("actor", "notetaker"));
        database.getCollection("commits").insertOne(new Document("_id", position)
                .append("positions", List.of(position)).append("streamKeys", List.of(conversationId + "#0"))
                .append("events", List.of(event)).append("committedAt", new java.util.Date()));
        return position;
    }

    private String healthStatus() {
        try {
            return admin(get("/actuator/health")).get("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPointRecorded keyPoint(String conversation, String keyPoint) {
        return new KeyPointRecorded(P + conversation, P + keyPoint, KeyPointKind.PROBLEM, Wording.plain(keyPoint),
                false, null, "notetaker", LATER);
    }

    private Document keyPointDoc(ReadModel model, String keyPoint) {
        String collection = model == ReadModel.COVERAGE ? "coverage_keypoints" : "trail_keypoints";
        return store.find(ModelCollection.of(model, collection), P + keyPoint);
    }

    private static JsonNode find(JsonNode parked, String readModel, String status) {
        for (JsonNode event : parked.get("events")) {
            if (event.get("readModel").asText().equals(readModel) && event.get("status").asText().equals(status)) {
                return event;
            }
        }
        throw new AssertionError("no " + status + " event of " + readModel + " in " + parked);
    }

    private void awaitFinished(String rebuildId) {
        Eventually.eventually(Duration.ofSeconds(60), () -> {
            assertThat(replays.page(null, Replays.MAX_PAGE_SIZE).replays()).allMatch(ReplayStatus::finished);
            assertThat(replays.status(rebuildId).orElseThrow().state()).isEqualTo(ReplayStatus.State.COMPLETED);
        });
    }

    private JsonNode admin(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return admin(request, null, 200);
    }

    private JsonNode admin(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                           String body, int expected) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        String response = mvc.perform(request.with(SignedIn.as("admin")))
                             .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
        return json.readTree(response);
    }

    /** Replaces three projections with ones that throw, after changing documents, on the poisoned events. */
    @TestConfiguration
    static class Faults {

        @Bean
        static BeanPostProcessor faultyProjections() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof CoverageProjection) {
                        return new CoverageProjection() {
                            @Override
                            public void apply(Object payload, EventContext context, DocumentSession session) {
                                super.apply(payload, context, session);
                                failOn(ReadModel.COVERAGE, payload);
                            }
                        };
                    }
                    if (bean instanceof AuditTrailProjection) {
                        return new AuditTrailProjection() {
                            @Override
                            public void apply(Object payload, EventContext context, DocumentSession session) {
                                super.apply(payload, context, session);
                                failOn(ReadModel.AUDIT_TRAIL, payload);
                            }
                        };
                    }
                    if (bean instanceof ParticipantDirectoryProjection) {
                        return new ParticipantDirectoryProjection() {
                            @Override
                            public void apply(Object payload, EventContext context, DocumentSession session) {
                                super.apply(payload, context, session);
                                failOn(ReadModel.PARTICIPANTS, payload);
                            }
                        };
                    }
                    return bean;
                }
            };
        }

        private static void failOn(ReadModel model, Object payload) {
            boolean poisoned = model == ReadModel.PARTICIPANTS
                    ? payload instanceof ParticipantRegistered registered && registered.participantId().equals(P + "cy")
                    : payload instanceof KeyPointRecorded keyPoint && keyPoint.keyPointId().equals(P + "kp-poison");
            if (poisoned && FAULTY.contains(model)) {
                throw new IllegalStateException("injected fault in " + model.id());
            }
        }
    }
}
