package org.consultationtracker.command.report;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.consultationtracker.command.InMemoryMongo;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.CommitLayout;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.eventstore.upcasting.ReportPublishedUpcaster;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A version stored as revision 1 (before consent overrides existed) reads as revision 2 with no overrides. */
class ReportPublishedRevisionTest {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final MongoDatabase database = mongo.database("revision-test");

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aRevisionOneVersionReadsWithAnEmptyListOfOverrides() {
        ReportPublished published = new ReportPublished("r-1", 1, null, List.of(new PublishedSection("s-1", 1, "H",
                "T", List.of(new Citation(CitationKind.QUOTE, "kp-1")))), Instant.parse("2021-07-01T12:00:00Z"));
        engine(NoOpEventUpcaster.INSTANCE).appendEvents(
                new GenericDomainEventMessage<>("Report", "r-1", 0, published));
        // as an older version of the service stored it
        database.getCollection(CommitLayout.COMMITS_COLLECTION).updateMany(Filters.empty(), Updates.combine(
                Updates.set(CommitLayout.EVENTS + ".0." + CommitLayout.PAYLOAD_REVISION, "1"),
                Updates.unset(CommitLayout.EVENTS + ".0." + CommitLayout.PAYLOAD + ".consentOverrides")));

        Object withoutUpcaster = engine(NoOpEventUpcaster.INSTANCE).readEvents("r-1").next().getPayload();
        assertThat(((ReportPublished) withoutUpcaster).consentOverrides()).as("the gap the upcaster closes").isNull();

        Object read = engine(new ReportPublishedUpcaster()).readEvents("r-1").next().getPayload();
        assertThat(read).isEqualTo(published);
        assertThat(((ReportPublished) read).consentOverrides()).isEmpty();
    }

    private MongoCommitStorageEngine engine(EventUpcaster upcaster) {
        return MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(EventSerialization.serializer())
                .snapshotSerializer(EventSerialization.serializer())
                .upcasterChain(upcaster)
                .gapTimeout(Duration.ofSeconds(10))
                .build();
    }
}
