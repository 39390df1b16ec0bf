package org.consultationtracker.query.audittrail;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.ConsentGap;
import org.consultationtracker.events.report.ConsentOverride;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindPublishedReport;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindSectionTrail;
import org.consultationtracker.query.audittrail.AuditTrailView.CorrectionNeeded;
import org.consultationtracker.query.audittrail.AuditTrailView.PublishedReport;
import org.consultationtracker.query.audittrail.AuditTrailView.Section;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.replay.ReplayStatus;
import org.consultationtracker.query.replay.Replays;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A published version lists the quotes needing correction: speakers who, after it was published, withdrew consent to
 * be quoted or were erased. A new version that no longer quotes them empties the list; overrides show their reason.
 */
@QuerySideTest
class CorrectionsNeededTest {

    private static final String P = "corr-";
    private static final Instant T = Instant.parse("2024-06-01T09:00:00Z");
    private static final String FAYS_REASON = "Fay asked in the plenary to be quoted; consent form to follow";

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    AuditTrailQueries trails;
    @Autowired
    Replays replays;
    @Autowired
    Generations generations;
    @Autowired
    MongoDatabase database;

    private final EventFeed feed = new EventFeed();

    @Test
    void correctionsAppearAfterAWithdrawalAndAnErasureAndGoWithTheNextVersion() {
        List<Object> story = new ArrayList<>(beforePublication());
        story.add(versionOne());
        publish(story.toArray());

        PublishedReport first = trails.handle(new FindPublishedReport(P + "r"));
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.correctionsNeeded()).isEmpty();
        assertThat(first.consentOverrides()).singleElement().satisfies(quote -> {
            assertThat(quote.sectionId()).isEqualTo(P + "s-1");
            assertThat(quote.keyPointId()).isEqualTo(P + "kp-fay");
            assertThat(quote.override().reason()).isEqualTo(FAYS_REASON);
            assertThat(quote.override().gap()).isEqualTo("NOT_GIVEN");
            assertThat(quote.override().by()).isEqualTo("facilitator-1");
        });
        Section s1 = trails.handle(new FindSectionTrail(P + "s-1"));
        assertThat(s1.publishedVersion()).isEqualTo(1);
        assertThat(s1.citations()).filteredOn(c -> c.targetId().equals(P + "kp-fay")).singleElement()
                                  .satisfies(c -> assertThat(c.consentOverride().reason()).isEqualTo(FAYS_REASON));
        assertThat(s1.citations()).filteredOn(c -> c.targetId().equals(P + "kp-dee")).singleElement()
                                  .satisfies(c -> assertThat(c.consentOverride()).isNull());

        publish(new ConsentWithdrawn(P + "dee", ConsentPurpose.BE_QUOTED, T.plusSeconds(600)),
                new ConsentWithdrawn(P + "dee", ConsentPurpose.TAKE_PART, T.plusSeconds(601)),
                new ParticipantErased(P + "eli", ContributionPolicy.WITHDRAW_WORDS, ErasureRequester.THE_PARTICIPANT, "asked in the app", null, T.plusSeconds(700)));

        List<CorrectionNeeded> corrections = trails.handle(new FindPublishedReport(P + "r")).correctionsNeeded();
        assertThat(corrections).extracting(CorrectionNeeded::sectionId, CorrectionNeeded::keyPointId,
                                           CorrectionNeeded::change, CorrectionNeeded::occurredAt)
                               .containsExactly(
                                       org.assertj.core.groups.Tuple.tuple(P + "s-1", P + "kp-dee",
                                                                           "CONSENT_WITHDRAWN", T.plusSeconds(600)),
                                       org.assertj.core.groups.Tuple.tuple(P + "s-2", P + "kp-eli",
                                                                           "WORDS_WITHDRAWN", T.plusSeconds(700)));
        assertThat(corrections.get(0).description()).isEqualTo("the speaker withdrew their consent to be quoted");
        assertThat(corrections.get(0).position()).isLessThan(corrections.get(1).position());
        assertThat(trails.handle(new FindSectionTrail(P + "s-1")).correctionsNeeded())
                .extracting(CorrectionNeeded::keyPointId).containsExactly(P + "kp-dee");

        // a rebuild from the events gives the same answer and the documents the live processor wrote
        Processors.awaitCaughtUp(processing, engine);
        String live = ContentHash.of(database, ReadModel.AUDIT_TRAIL, generations.active(ReadModel.AUDIT_TRAIL));
        PublishedReport before = trails.handle(new FindPublishedReport(P + "r"));
        ReplayStatus rebuilt = replays.rebuild(ReadModel.AUDIT_TRAIL);
        assertThat(rebuilt.contentHashes().get(ReadModel.AUDIT_TRAIL.id())).isEqualTo(live);
        assertThat(trails.handle(new FindPublishedReport(P + "r"))).isEqualTo(before);

        // version 2 drops dee's and eli's words and keeps fay's under a new override
        PublishedSection s1v2 = new PublishedSection(P + "s-1", 1, "In their words", "rewritten",
                                                     List.of(quote("kp-fay"), quote("kp-anon")));
        PublishedSection s2v2 = new PublishedSection(P + "s-2", 2, "Pay", "rewritten", List.of());
        publish(new ReportPublished(P + "r", 2, "Dee withdrew consent; Eli was erased", List.of(s1v2, s2v2),
                                    List.of(new ConsentOverride(P + "kp-fay", P + "fay", ConsentGap.NOT_GIVEN,
                                                                "Consent form still to come")),
                                    T.plusSeconds(900)));

        PublishedReport second = trails.handle(new FindPublishedReport(P + "r"));
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.correctionsNeeded()).isEmpty();
        assertThat(second.consentOverrides()).singleElement()
                                             .satisfies(q -> assertThat(q.override().reason())
                                                     .isEqualTo("Consent form still to come"));
    }

    @Test
    void aRedeliveredWithdrawalIsListedOnce() {
        List<Object> story = new ArrayList<>(beforePublication());
        story.add(versionOne());
        story.add(new ConsentWithdrawn(P + "dee", ConsentPurpose.BE_QUOTED, T.plusSeconds(600)));
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        EventFeed inMemory = new EventFeed();
        List<AuditTrailProjection> projections = List.of(new AuditTrailProjection());
        inMemory.feed(session, projections, story.toArray());
        Document once = new Document(session.collection(PublishedQuotes.REPORTS).get(P + "r"));

        inMemory.redeliver(session, projections, story.size() - 2);

        assertThat(session.collection(PublishedQuotes.REPORTS).get(P + "r")).isEqualTo(once);
        assertThat(once.getList("correctionsNeeded", Document.class)).hasSize(1);
    }

    @Test
    void aReportNeverPublishedIsUnknown() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trails.handle(new FindPublishedReport(P + "none")))
                                       .isInstanceOf(org.consultationtracker.query.readmodel.UnknownId.class);
    }

    private static List<Object> beforePublication() {
        List<Object> events = new ArrayList<>();
        for (String name : List.of("dee", "eli", "fay")) {
            events.add(new ParticipantRegistered(P + name, P + "c", name.toUpperCase(), List.of(P + "g"),
                                                 AgeBand.AGED_18_TO_25,
                                                 new EncryptedValue(P + name + "/identity", "iv", "x"), null, null, T));
            events.add(new ConsentGiven(P + name, ConsentPurpose.TAKE_PART, T));
            if (!name.equals("fay")) {
                events.add(new ConsentGiven(P + name, ConsentPurpose.BE_QUOTED, T));
            }
            events.add(new KeyPointRecorded(P + "conv", P + "kp-" + name, KeyPointKind.PROBLEM,
                                            Wording.plain(name + "'s words"), true, P + name, "notetaker",
                                            T.plusSeconds(60)));
        }
        events.add(new KeyPointRecorded(P + "conv", P + "kp-anon", KeyPointKind.PROBLEM, Wording.plain("Too late"),
                                        true, null, "notetaker", T.plusSeconds(61)));
        events.add(new ReportSectionWritten(P + "r", P + "s-1", 1, "In their words", "draft",
                                            List.of(quote("kp-dee"), quote("kp-fay"), quote("kp-anon")),
                                            T.plusSeconds(120)));
        events.add(new ReportSectionWritten(P + "r", P + "s-2", 2, "Pay", "draft",
                                            List.of(quote("kp-eli"), new Citation(CitationKind.KEY_POINT,
                                                                                  P + "kp-dee")),
                                            T.plusSeconds(121)));
        return events;
    }

    private static ReportPublished versionOne() {
        return new ReportPublished(P + "r", 1, null, List.of(
                new PublishedSection(P + "s-1", 1, "In their words", "draft",
                                     List.of(quote("kp-dee"), quote("kp-fay"), quote("kp-anon"))),
                new PublishedSection(P + "s-2", 2, "Pay", "draft",
                                     List.of(quote("kp-eli"), new Citation(CitationKind.KEY_POINT, P + "kp-dee")))),
                                   List.of(new ConsentOverride(P + "kp-fay", P + "fay", ConsentGap.NOT_GIVEN,
                                                               FAYS_REASON)),
                                   T.plusSeconds(300));
    }

    private static Citation quote(String keyPoint) {
        return new Citation(CitationKind.QUOTE, P + keyPoint);
    }

    private void publish(Object... payloads) {
        eventStore.publish(feed.messages(payloads).toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }
}
