package org.consultationtracker.query.report;

import org.bson.Document;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.support.EventFeed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report model in memory: a version keeps what was published, and a redelivered batch changes nothing. */
class ReportProjectionTest {

    private static final Instant T = Instant.parse("2024-06-01T09:00:00Z");
    private static final Citation THEME = new Citation(CitationKind.THEME, "t-1");

    private final List<ReportProjection> projections = List.of(new ReportProjection());

    @Test
    void aVersionKeepsItsSectionsAndItsThemesAsTaggedThen() {
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        EventFeed feed = new EventFeed();
        feed.feed(session, projections,
                  new ReportStarted("r-1", "c-1", "Final report", T),
                  new ThemeIdentified("r-1", "t-1", "Pay", "Carers' pay", T),
                  new KeyPointTagged("r-1", "t-1", "kp-1", "conv-1", T),
                  new ReportSectionWritten("r-1", "s-2", 2, "Later", "second", List.of(), T),
                  new ReportSectionWritten("r-1", "s-1", 1, "Pay", "Pay is low.[^1]", List.of(THEME), T),
                  new ReportPublished("r-1", 1, null, List.of(
                          new PublishedSection("s-2", 2, "Later", "second", List.of()),
                          new PublishedSection("s-1", 1, "Pay", "Pay is low.[^1]", List.of(THEME))), T));
        String version = session.collection(ReportProjection.VERSIONS).get("r-1#1").toJson();

        feed.feed(session, projections,
                  new KeyPointTagged("r-1", "t-1", "kp-2", "conv-1", T.plusSeconds(60)),
                  new ReportSectionWritten("r-1", "s-1", 1, "Pay, again", "Rewritten.", List.of(), T.plusSeconds(60)));

        Document after = session.collection(ReportProjection.VERSIONS).get("r-1#1");
        assertThat(after.toJson()).isEqualTo(version);
        assertThat(after.getList("sections", Document.class)).extracting(s -> s.getString("sectionId"))
                                                              .as("in position order").containsExactly("s-1", "s-2");
        assertThat(after.getList("themes", Document.class).get(0).getList("keyPointIds", String.class))
                .containsExactly("kp-1");
        assertThat(session.collection(ReportProjection.THEMES).get("t-1").getList("keyPointIds", String.class))
                .containsExactly("kp-1", "kp-2");
        assertThat(session.collection(ReportProjection.SECTIONS).get("s-1").getString("heading")).isEqualTo("Pay, again");
        Document report = session.collection(ReportProjection.REPORTS).get("r-1");
        assertThat(report.getList("versions", Document.class)).singleElement()
                .satisfies(v -> assertThat(v.getInteger("sectionCount")).isEqualTo(2));
        assertThat(report.getList("sectionIds", String.class)).containsExactly("s-2", "s-1");
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        EventFeed feed = new EventFeed();
        feed.feed(session, projections,
                  new ReportStarted("r-1", "c-1", "Final report", T),
                  new ThemeIdentified("r-1", "t-1", "Pay", null, T),
                  new KeyPointTagged("r-1", "t-1", "kp-1", "conv-1", T),
                  new ReportSectionWritten("r-1", "s-1", 1, "Pay", "Pay is low.", List.of(THEME), T),
                  new ReportPublished("r-1", 1, null, List.of(
                          new PublishedSection("s-1", 1, "Pay", "Pay is low.", List.of(THEME))), T),
                  new ReportPublished("r-1", 2, "again", List.of(
                          new PublishedSection("s-1", 1, "Pay", "Pay is low.", List.of(THEME))), T));
        Map<String, String> reports = json(session.collection(ReportProjection.REPORTS));
        Map<String, String> versions = json(session.collection(ReportProjection.VERSIONS));
        Map<String, String> themes = json(session.collection(ReportProjection.THEMES));

        feed.redeliver(session, projections, 2);

        assertThat(json(session.collection(ReportProjection.REPORTS))).isEqualTo(reports);
        assertThat(json(session.collection(ReportProjection.VERSIONS))).isEqualTo(versions);
        assertThat(json(session.collection(ReportProjection.THEMES))).isEqualTo(themes);
        assertThat(session.collection(ReportProjection.REPORTS).get("r-1").getList("versions", Document.class))
                .hasSize(2);
    }

    /** Each document as JSON: a deep snapshot, so a change inside a nested list shows. */
    private static Map<String, String> json(Map<String, Document> documents) {
        Map<String, String> snapshot = new java.util.TreeMap<>();
        documents.forEach((id, document) -> snapshot.put(id, document.toJson()));
        return snapshot;
    }
}
