package org.consultationtracker.command.lookup;

import org.consultationtracker.command.testing.Tokens;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.command.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service over a lookup store that refuses writes for a while: a refused write is retried, or the next write
 * request is refused with 503 before anything is dispatched; no command is judged on missing facts, and the lookup
 * ends complete.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-side", "consultation.store.database=lookup-consistency",
                "consultation.lookup.catch-up-wait=2s", "consultation.keys.ephemeral=true"})
@Import(LookupConsistencyEndToEndTest.RefusingLookupStore.class)
class LookupConsistencyEndToEndTest {

    private static final InMemoryMongo MONGO = new InMemoryMongo();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("consultation.store.mongodb-uri", MONGO::uri);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RefusingLookupStore {

        @Bean
        @Primary
        FlakyLookupStore flakyLookupStore(MongoDatabase database) {
            return new FlakyLookupStore(new MongoLookupStore(database));
        }
    }

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private FlakyLookupStore lookup;
    @Autowired
    private LookupCatchUp catchUp;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void heal() {
        lookup.heal();
    }

    private ResponseEntity<Map> post(String path, String json) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, Tokens.jsonAs(http, "facilitator")),
                Map.class);
    }

    private ResponseEntity<Map> startConsultation(String consultationId) {
        return post("/api/consultations", """
                {"consultationId": "%s", "title": "Bridge the Gap", "bigQuestion": "Q"}""".formatted(consultationId));
    }

    private ResponseEntity<Map> register(String participantId, String consultationId) {
        return post("/api/participants", """
                {"participantId": "%s", "consultationId": "%s", "pseudonym": "%s", "name": "Real name of %s",
                 "stakeholderGroupIds": ["foster-carers"], "ageBand": "AGED_26_AND_OVER",
                 "consents": ["TAKE_PART"]}""".formatted(participantId, consultationId, participantId, participantId));
    }

    @Test
    void aRefusedLookupWriteIsRetriedAndTheNextCommandSeesTheFacts() {
        lookup.refuseNextWrites(2);

        assertThat(startConsultation("c-retried").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Map> registered = register("dan", "c-retried");

        assertThat(registered.getStatusCode()).as(String.valueOf(registered.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(lookup.refused()).isEqualTo(2);
        assertThat(new ConsultationDirectory(lookup).stakeholderGroupDefined("c-retried", "foster-carers")).isTrue();
        assertThat(new ParticipantDirectory(lookup).standing("dan")).isEqualTo(ParticipantDirectory.Standing.ACTIVE);
        assertThat(catchUp.lag()).isZero();
    }

    @Test
    void aLookupThatCannotBeBroughtUpToDateRefusesTheNextWriteWith503AndDispatchesNothing() {
        lookup.refuseNextWrites(1_000);

        // The command itself is stored; only the lookup failed to take its events in afterwards.
        assertThat(startConsultation("c-refused").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Map> refused = register("eve", "c-refused");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getBody()).containsEntry("status", 503);
        assertThat(eventStore.readEvents("eve").asStream()).as("nothing was dispatched").isEmpty();
        assertThat(catchUp.lag()).isPositive();
        assertThat(meters.get("consultation.lookup.lag").gauge().value()).isPositive();

        lookup.heal();
        ResponseEntity<Map> retried = register("eve", "c-refused");

        assertThat(retried.getStatusCode()).as(String.valueOf(retried.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(new ConsultationDirectory(lookup).stakeholderGroupDefined("c-refused", "foster-carers")).isTrue();
        assertThat(new ParticipantDirectory(lookup).standing("eve")).isEqualTo(ParticipantDirectory.Standing.ACTIVE);
        assertThat(catchUp.lag()).as("the checkpoint is at the head").isZero();
        assertThat(meters.get("consultation.lookup.lag").gauge().value()).isZero();
    }

    @Test
    void theLookupReportsItsHealth() {
        ResponseEntity<Map> health = http.exchange("/actuator/health", HttpMethod.GET,
                new HttpEntity<>(Tokens.jsonAs(http, "admin")), Map.class);

        @SuppressWarnings("unchecked")
        Map<String, Object> lookupHealth = (Map<String, Object>) ((Map<String, Object>) health.getBody()
                .get("components")).get("lookup");
        assertThat(lookupHealth).containsEntry("status", "UP");
    }
}
