package org.consultationtracker.command.report;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.consultationtracker.command.lookup.CitableRecords;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.InMemoryLookupStore;
import org.consultationtracker.command.lookup.QuoteConsents;
import org.consultationtracker.command.report.PublishReport.QuoteOverride;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.ConsentGap;
import org.consultationtracker.events.report.ConsentOverride;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

class ReportTest {

    private static final Instant AT = Instant.parse("2021-07-01T12:00:00Z");
    private static final Citation QUOTE = new Citation(CitationKind.QUOTE, "kp-quote");
    private static final Citation THEME = new Citation(CitationKind.THEME, "workloads");

    private static final Citation DEE_QUOTED = new Citation(CitationKind.QUOTE, "kp-dee");

    private FixtureConfiguration<Report> fixture;
    private InMemoryLookupStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryLookupStore();
        ConsultationDirectory consultations = new ConsultationDirectory(store);
        store.apply(new ConsultationStarted("c-1", "Bridge the Gap", "big question", AT));
        CitableRecords records = new CitableRecords(store);
        store.apply(new ConversationStarted("conv-1", "create", 1, "room-1", "ana", AT));
        store.apply(keyPoint("kp-quote", true));
        store.apply(keyPoint("kp-paraphrase", false));
        store.apply(keyPoint("kp-retracted", true));
        store.apply(new KeyPointRetracted("conv-1", "kp-retracted", "duplicate", "notetaker", AT));
        store.apply(new PlenaryContributionRecorded("conv-1", "pc-1", null, Wording.plain("And transport"), AT));
        store.apply(new IdeaSubmitted("idea-1", "c-1", null, "foster-carers", null, Wording.plain("An idea"), AT));
        store.apply(new SessionFeedbackGiven("c-1", "create", "fb-01", null, Wording.plain("So therapeutic"), true, AT));
        // dee takes part but has not (yet) consented to be quoted; her verbatim words are kp-dee
        store.apply(new ConsentGiven("dee", ConsentPurpose.TAKE_PART, AT));
        store.apply(new KeyPointRecorded("conv-1", "kp-dee", KeyPointKind.PROBLEM, Wording.plain("No one asked me"),
                true, "dee", "notetaker", AT));
        fixture = new AggregateTestFixture<>(Report.class);
        fixture.registerInjectableResource(consultations);
        fixture.registerInjectableResource(records);
        fixture.registerInjectableResource(new QuoteConsents(store));
    }

    private static KeyPointRecorded keyPoint(String id, boolean verbatim) {
        return new KeyPointRecorded("conv-1", id, KeyPointKind.RECOMMENDATION, Wording.plain("words"), verbatim, null,
                "notetaker", AT);
    }

    private TestExecutor<Report> givenStarted(Object... events) {
        List<Object> history = new ArrayList<>();
        history.add(new ReportStarted("r-1", "c-1", "Bridge the Gap: Create", AT));
        history.add(new ThemeIdentified("r-1", "workloads", "Social worker workloads", "Caseloads and turnover", AT));
        history.addAll(Arrays.asList(events));
        return fixture.given(history);
    }

    private static ReportSectionWritten section(String id, int position, String text, Citation... citations) {
        return new ReportSectionWritten("r-1", id, position, "Heading " + id, text, List.of(citations), AT);
    }

    private static PublishedSection published(ReportSectionWritten written) {
        return new PublishedSection(written.sectionId(), written.position(), written.heading(), written.text(),
                written.citations());
    }

    @Nested
    class StartingAndThemes {

        @Test
        void aReportStartsForAConsultation() {
            fixture.givenNoPriorActivity()
                    .when(new StartReport("r-1", "c-1", "Bridge the Gap: Create", AT))
                    .expectEvents(new ReportStarted("r-1", "c-1", "Bridge the Gap: Create", AT));
        }

        @Test
        void aReportForAConsultationThatNeverStartedIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new StartReport("r-1", "c-404", "Title", AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("no consultation c-404 has started");
        }

        @Test
        void aThemeIsIdentified() {
            givenStarted()
                    .when(new IdentifyTheme("r-1", "standards", "National standards", "Postcode lottery", AT))
                    .expectEvents(new ThemeIdentified("r-1", "standards", "National standards", "Postcode lottery", AT));
        }

        @Test
        void aThemeIdIsUsedOnce() {
            givenStarted()
                    .when(new IdentifyTheme("r-1", "workloads", "Another", "", AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("theme workloads is already identified");
        }

        @Test
        void twoThemesCannotShareAName() {
            givenStarted()
                    .when(new IdentifyTheme("r-1", "other", "social worker WORKLOADS", "", AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("a theme is already called \"social worker WORKLOADS\"");
        }
    }

    @Nested
    class Tagging {

        @Test
        void aKeyPointIsTaggedWithATheme() {
            givenStarted()
                    .when(new TagKeyPoint("r-1", "workloads", "kp-quote", AT))
                    .expectEvents(new KeyPointTagged("r-1", "workloads", "kp-quote", "conv-1", AT));
        }

        @Test
        void taggingWithAnUnknownThemeIsRejected() {
            givenStarted()
                    .when(new TagKeyPoint("r-1", "weather", "kp-quote", AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("this report has no theme weather");
        }

        @Test
        void taggingAKeyPointNeverRecordedIsRejected() {
            givenStarted()
                    .when(new TagKeyPoint("r-1", "workloads", "kp-404", AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("no key point kp-404 has been recorded");
        }

        @Test
        void taggingARetractedKeyPointIsRejected() {
            givenStarted()
                    .when(new TagKeyPoint("r-1", "workloads", "kp-retracted", AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("key point kp-retracted has been retracted and cannot be cited");
        }

        @Test
        void taggingTwiceWithTheSameThemeIsRejected() {
            givenStarted(new KeyPointTagged("r-1", "workloads", "kp-quote", "conv-1", AT))
                    .when(new TagKeyPoint("r-1", "workloads", "kp-quote", AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("key point kp-quote already carries theme workloads");
        }
    }

    @Nested
    class Sections {

        @Test
        void aSectionCitesAQuoteAConversationAThemeAndAnIdea() {
            Citation[] citations = {QUOTE, new Citation(CitationKind.CONVERSATION, "conv-1"), THEME,
                    new Citation(CitationKind.IDEA, "idea-1"), new Citation(CitationKind.KEY_POINT, "kp-paraphrase")};
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "Heading s-1", "Caseloads", List.of(citations), AT))
                    .expectEvents(section("s-1", 1, "Caseloads", citations));
        }

        @Test
        void citingAKeyPointNeverRecordedIsRejected() {
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "H", "T",
                            List.of(new Citation(CitationKind.KEY_POINT, "kp-404")), AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("no key point kp-404 has been recorded");
        }

        @Test
        void citingARetractedKeyPointIsRejected() {
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "H", "T",
                            List.of(new Citation(CitationKind.QUOTE, "kp-retracted")), AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("key point kp-retracted has been retracted and cannot be cited");
        }

        @Test
        void aParaphraseCannotBeCitedAsAQuote() {
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "H", "T",
                            List.of(new Citation(CitationKind.QUOTE, "kp-paraphrase")), AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("key point kp-paraphrase is a paraphrase, not a verbatim quote; cite it as KEY_POINT");
        }

        @Test
        void citingAConversationThatNeverTookPlaceIsRejected() {
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "H", "T",
                            List.of(new Citation(CitationKind.CONVERSATION, "conv-404")), AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("no conversation conv-404 has taken place");
        }

        @Test
        void citingAThemeTheReportLacksIsRejected() {
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "H", "T",
                            List.of(new Citation(CitationKind.THEME, "weather")), AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("this report has no theme weather");
        }

        @Test
        void aSectionCitesAPlenaryContribution() {
            Citation[] citations = {new Citation(CitationKind.PLENARY_CONTRIBUTION, "pc-1")};
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "Heading s-1", "Transport", List.of(citations), AT))
                    .expectEvents(section("s-1", 1, "Transport", citations));
        }

        @Test
        void citingAPlenaryContributionNeverRecordedIsRejected() {
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "H", "T",
                            List.of(new Citation(CitationKind.PLENARY_CONTRIBUTION, "pc-404")), AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("no plenary contribution pc-404 was recorded");
        }

        @Test
        void aSectionCitesParticipantsFeedbackOnTheSession() {
            Citation feedback = new Citation(CitationKind.SESSION_FEEDBACK, "fb-01");
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "Heading s-1", "Listened to", List.of(feedback), AT))
                    .expectEvents(section("s-1", 1, "Listened to", feedback));
        }

        @Test
        void citingFeedbackNeverGivenIsRejected() {
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "H", "T",
                            List.of(new Citation(CitationKind.SESSION_FEEDBACK, "fb-404")), AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("no feedback fb-404 was given on a session");
        }

        @Test
        void citingAnIdeaNeverSubmittedIsRejected() {
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "H", "T",
                            List.of(new Citation(CitationKind.IDEA, "idea-404")), AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("no idea idea-404 was submitted");
        }

        @Test
        void twoSectionsCannotHoldTheSamePosition() {
            givenStarted(section("s-1", 1, "First", THEME))
                    .when(new WriteReportSection("r-1", "s-2", 1, "H", "T", List.of(), AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("section s-1 already holds position 1");
        }
    }

    @Nested
    class Publishing {

        @Test
        void theFirstVersionPublishesEverySectionInOrder() {
            ReportSectionWritten second = section("s-2", 2, "Second", THEME);
            ReportSectionWritten first = section("s-1", 1, "First", QUOTE);
            givenStarted(second, first)
                    .when(new PublishReport("r-1", null, AT))
                    .expectEvents(new ReportPublished("r-1", 1, null, List.of(published(first), published(second)), AT));
        }

        @Test
        void aCorrectionIsANewVersionThatSaysWhatChanged() {
            ReportSectionWritten original = section("s-1", 1, "Frist", QUOTE);
            ReportSectionWritten corrected = section("s-1", 1, "First", QUOTE);
            givenStarted(original, new ReportPublished("r-1", 1, null, List.of(published(original)), AT), corrected)
                    .when(new PublishReport("r-1", "Typo in section 1", AT))
                    .expectEvents(new ReportPublished("r-1", 2, "Typo in section 1", List.of(published(corrected)), AT))
                    .expectResultMessagePayload(2);
        }

        @Test
        void anEmptyReportCannotBePublished() {
            givenStarted()
                    .when(new PublishReport("r-1", null, AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("a report needs at least one section to be published");
        }

        @Test
        void aPublishedVersionIsNeverPublishedAgain() {
            ReportSectionWritten only = section("s-1", 1, "Text", QUOTE);
            givenStarted(only, new ReportPublished("r-1", 1, null, List.of(published(only)), AT))
                    .when(new PublishReport("r-1", "nothing really", AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("nothing changed since version 1; a published version is never published again");
        }

        @Test
        void aCorrectionWithoutAChangeNoteIsRejected() {
            ReportSectionWritten original = section("s-1", 1, "Frist", QUOTE);
            givenStarted(original, new ReportPublished("r-1", 1, null, List.of(published(original)), AT),
                    section("s-1", 1, "First", QUOTE))
                    .when(new PublishReport("r-1", " ", AT))
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("version 2 corrects version 1 and must say what changed");
        }
    }

    @Nested
    class ConsentToBeQuoted {

        private final ReportSectionWritten quotingDee = section("s-1", 1, "In her words", DEE_QUOTED, QUOTE);

        @Test
        void writingASectionThatQuotesSomeoneWithoutConsentIsRecordedWithAWarning() {
            givenStarted()
                    .when(new WriteReportSection("r-1", "s-1", 1, "Heading s-1", "In her words",
                            List.of(DEE_QUOTED, QUOTE), AT))
                    .expectEvents(quotingDee)
                    .expectResultMessagePayload(List.of(new QuoteWithoutConsent("s-1", "kp-dee",
                            ConsentGap.NOT_GIVEN)));
        }

        @Test
        void publishingIsRefusedNamingTheQuoteWhoseSpeakerHasNotConsented() {
            givenStarted(quotingDee)
                    .when(new PublishReport("r-1", null, AT))
                    .expectNoEvents()
                    .expectException(QuotesWithoutConsent.class)
                    .expectExceptionMessage("the report cannot be published: 1 quote lacks the speaker's consent to "
                            + "be quoted (section s-1 quotes key point kp-dee: speaker has not consented to be "
                            + "quoted); rewrite those sections or publish with a consent override and a reason "
                            + "for each");
        }

        @Test
        void anAnonymousQuoteAndAParaphraseOfANamedSpeakerNeedNoConsent() {
            ReportSectionWritten section = section("s-1", 1, "Words", QUOTE,
                    new Citation(CitationKind.KEY_POINT, "kp-dee"));
            givenStarted(section)
                    .when(new PublishReport("r-1", null, AT))
                    .expectEvents(new ReportPublished("r-1", 1, null, List.of(published(section)), List.of(), AT));
        }

        @Test
        void anOverrideWithAReasonPublishesTheQuoteAndIsRecordedInTheVersion() {
            givenStarted(quotingDee)
                    .when(new PublishReport("r-1", null,
                            List.of(new QuoteOverride("kp-dee", "She asked in the room to be quoted")), AT))
                    .expectEvents(new ReportPublished("r-1", 1, null, List.of(published(quotingDee)),
                            List.of(new ConsentOverride("kp-dee", "dee", ConsentGap.NOT_GIVEN,
                                    "She asked in the room to be quoted")), AT));
        }

        @Test
        void onceTheSpeakerConsentsNoOverrideIsNeeded() {
            store.apply(new ConsentGiven("dee", ConsentPurpose.BE_QUOTED, AT));
            givenStarted(quotingDee)
                    .when(new PublishReport("r-1", null, AT))
                    .expectEvents(new ReportPublished("r-1", 1, null, List.of(published(quotingDee)), List.of(),
                            AT));
        }

        @Test
        void consentWithdrawnBeforePublishingRefusesIt() {
            store.apply(new ConsentGiven("dee", ConsentPurpose.BE_QUOTED, AT),
                    new ConsentWithdrawn("dee", ConsentPurpose.BE_QUOTED, AT));
            givenStarted(quotingDee)
                    .when(new PublishReport("r-1", null, AT))
                    .expectNoEvents()
                    .expectException(QuotesWithoutConsent.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString(
                            "section s-1 quotes key point kp-dee: consent withdrawn"));
        }

        @Test
        void anErasedSpeakersWithdrawnWordsCannotBePublishedEvenWithAnOverride() {
            store.apply(new ParticipantErased("dee", ContributionPolicy.WITHDRAW_WORDS, ErasureRequester.THE_PARTICIPANT, "asked in the app", null, AT));
            givenStarted(quotingDee)
                    .when(new PublishReport("r-1", null, List.of(new QuoteOverride("kp-dee", "important")), AT))
                    .expectNoEvents()
                    .expectException(QuotesWithoutConsent.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString(
                            "section s-1 quotes key point kp-dee: speaker erased and their words withdrawn"));
        }

        @Test
        void anErasedSpeakerWhoseWordsWereKeptIsPublishedOnlyWithAnOverride() {
            store.apply(new ParticipantErased("dee", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY, ErasureRequester.THE_PARTICIPANT, "asked in the app", null, AT));
            givenStarted(quotingDee)
                    .when(new PublishReport("r-1", null, List.of(new QuoteOverride("kp-dee", "kept words")), AT))
                    .expectEvents(new ReportPublished("r-1", 1, null, List.of(published(quotingDee)),
                            List.of(new ConsentOverride("kp-dee", "dee", ConsentGap.SPEAKER_ERASED, "kept words")),
                            AT));
        }

        @Test
        void anOverrideForAQuoteThatNeedsNoneIsRefused() {
            store.apply(new ConsentGiven("dee", ConsentPurpose.BE_QUOTED, AT));
            givenStarted(quotingDee)
                    .when(new PublishReport("r-1", null, List.of(new QuoteOverride("kp-quote", "just in case")), AT))
                    .expectNoEvents()
                    .expectException(ReportRuleViolation.class)
                    .expectExceptionMessage("key point kp-quote is not quoted without consent in this version; a "
                            + "consent override is only for a quote that needs one");
        }

        @Test
        void theSameSectionsUnderANewOverrideAfterAWithdrawalAreANewVersion() {
            store.apply(new ConsentGiven("dee", ConsentPurpose.BE_QUOTED, AT));
            ReportPublished first = new ReportPublished("r-1", 1, null, List.of(published(quotingDee)), AT);
            store.apply(new ConsentWithdrawn("dee", ConsentPurpose.BE_QUOTED, AT));
            givenStarted(quotingDee, first)
                    .when(new PublishReport("r-1", "Dee withdrew; kept on the board's decision",
                            List.of(new QuoteOverride("kp-dee", "Board decision 12")), AT))
                    .expectEvents(new ReportPublished("r-1", 2, "Dee withdrew; kept on the board's decision",
                            List.of(published(quotingDee)), List.of(new ConsentOverride("kp-dee", "dee",
                            ConsentGap.WITHDRAWN, "Board decision 12")), AT));
        }
    }
}
