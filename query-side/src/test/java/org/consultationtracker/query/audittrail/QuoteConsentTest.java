package org.consultationtracker.query.audittrail;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindParticipantTrail;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindSectionTrail;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A verbatim quote in a report section is flagged while its speaker does not consent to be quoted. */
@QuerySideTest
class QuoteConsentTest {

    private static final String P = "consent-";
    private static final Instant T = Instant.parse("2024-05-01T09:00:00Z");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    AuditTrailQueries trails;

    private final EventFeed feed = new EventFeed();

    @Test
    void aQuoteIsFlaggedUntilItsSpeakerConsentsAndAgainOnceTheyWithdraw() {
        publish(new ParticipantRegistered(P + "dee", P + "c", "DEE", List.of(P + "g"), AgeBand.AGED_18_TO_25,
                                          new EncryptedValue(P + "dee/identity", "iv", "x"), null, null, T),
                new ConsentGiven(P + "dee", ConsentPurpose.TAKE_PART, T),
                new KeyPointRecorded(P + "conv", P + "kp-dee", KeyPointKind.PROBLEM, Wording.plain("No one asked"),
                                     true, P + "dee", "notetaker", T.plusSeconds(60)),
                new KeyPointRecorded(P + "conv", P + "kp-anon", KeyPointKind.PROBLEM, Wording.plain("Too late"),
                                     true, null, "notetaker", T.plusSeconds(61)),
                new ReportSectionWritten(P + "r", P + "s", 1, "Voice", "text",
                                         List.of(new Citation(CitationKind.QUOTE, P + "kp-dee"),
                                                 new Citation(CitationKind.QUOTE, P + "kp-anon")),
                                         T.plusSeconds(120)));

        assertThat(trails.handle(new FindSectionTrail(P + "s")).quotedWithoutConsent())
                .as("consents to take part only; the unattributed note names nobody to ask")
                .containsExactly(P + "kp-dee");
        assertThat(trails.handle(new FindParticipantTrail(P + "dee")).consents()).containsExactly("TAKE_PART");

        publish(new ConsentGiven(P + "dee", ConsentPurpose.BE_QUOTED, T.plusSeconds(200)));
        assertThat(trails.handle(new FindSectionTrail(P + "s")).quotedWithoutConsent()).isEmpty();
        assertThat(trails.handle(new FindParticipantTrail(P + "dee")).consents())
                .containsExactly("TAKE_PART", "BE_QUOTED");

        publish(new ConsentWithdrawn(P + "dee", ConsentPurpose.BE_QUOTED, T.plusSeconds(300)));
        assertThat(trails.handle(new FindSectionTrail(P + "s")).quotedWithoutConsent()).containsExactly(P + "kp-dee");
    }

    private void publish(Object... payloads) {
        eventStore.publish(feed.messages(payloads).toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }
}
