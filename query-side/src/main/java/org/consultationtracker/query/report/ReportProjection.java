package org.consultationtracker.query.report;

import org.bson.Document;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.ConsentOverride;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.addOnce;
import static org.consultationtracker.query.readmodel.Docs.list;
import static org.consultationtracker.query.readmodel.Docs.strings;
import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * Every report as a document: its title and consultation, each published version exactly as it was published, and
 * the current draft. A version is written once, from its {@code ReportPublished} event (which holds every section as
 * it stood), together with the key points each cited theme was tagged with at that moment, so later drafts, tags or
 * versions never change what a version said.
 *
 * <ul>
 *   <li>{@value #REPORTS}: per report, {@code consultationId}, {@code title}, the draft's {@code sectionIds} and
 *       {@code themeIds} in first-seen order, and {@code versions} (number, change note, times, publisher, section
 *       count) in publication order;</li>
 *   <li>{@value #VERSIONS}: per version ({@code <reportId>#<version>}), its sections in order with their citations,
 *       the cited themes as tagged then, and the consent overrides given;</li>
 *   <li>{@value #SECTIONS}: per draft section, as last written;</li>
 *   <li>{@value #THEMES}: per theme, name, description and the key points tagged with it.</li>
 * </ul>
 * Every question is answered by key: a report lists its versions and draft sections, a version is keyed by its number.
 */
@Component
public class ReportProjection implements Projection {

    static final String REPORTS = "report_reports";
    static final String VERSIONS = "report_versions";
    static final String SECTIONS = "report_sections";
    static final String THEMES = "report_themes";

    static String versionId(String reportId, int version) {
        return reportId + "#" + version;
    }

    @Override
    public ReadModel model() {
        return ReadModel.REPORT;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof ReportStarted e) {
            Document report = session.forUpdate(REPORTS, e.reportId(), context);
            if (report != null) {
                report.append("consultationId", e.consultationId()).append("title", e.title())
                      .append("startedAt", time(e.occurredAt())).append("startedBy", context.actor());
            }
        } else if (payload instanceof ThemeIdentified e) {
            Document theme = session.forUpdate(THEMES, e.themeId(), context);
            if (theme != null) {
                theme.append("reportId", e.reportId()).append("name", e.name())
                     .append("description", e.description());
                theme.putIfAbsent("keyPointIds", new ArrayList<String>());
            }
            Document report = session.forUpdate(REPORTS, e.reportId(), context);
            if (report != null) {
                addOnce(report, "themeIds", e.themeId());
            }
        } else if (payload instanceof KeyPointTagged e) {
            Document theme = session.forUpdate(THEMES, e.themeId(), context);
            if (theme != null) {
                theme.putIfAbsent("reportId", e.reportId());
                addOnce(theme, "keyPointIds", e.keyPointId());
            }
        } else if (payload instanceof ReportSectionWritten e) {
            Document section = session.forUpdate(SECTIONS, e.sectionId(), context);
            if (section != null) {
                section.append("reportId", e.reportId()).append("position", e.position())
                       .append("heading", e.heading()).append("text", e.text())
                       .append("citations", citations(e.citations())).append("writtenAt", time(e.occurredAt()))
                       .append("writtenBy", context.actor());
            }
            Document report = session.forUpdate(REPORTS, e.reportId(), context);
            if (report != null) {
                addOnce(report, "sectionIds", e.sectionId());
            }
        } else if (payload instanceof ReportPublished e) {
            published(e, context, session);
        }
    }

    private static void published(ReportPublished e, EventContext context, DocumentSession session) {
        List<PublishedSection> inOrder = new ArrayList<>(e.sections());
        inOrder.sort(Comparator.comparingInt(PublishedSection::position));
        Document version = session.forUpdate(VERSIONS, versionId(e.reportId(), e.version()), context);
        if (version != null) {
            List<Document> sections = new ArrayList<>();
            Set<String> themeIds = new LinkedHashSet<>();
            for (PublishedSection section : inOrder) {
                sections.add(new Document("sectionId", section.sectionId()).append("position", section.position())
                        .append("heading", section.heading()).append("text", section.text())
                        .append("citations", citations(section.citations())));
                for (Citation citation : section.citations() == null ? List.<Citation>of() : section.citations()) {
                    if (citation.kind() == CitationKind.THEME) {
                        themeIds.add(citation.targetId());
                    }
                }
            }
            // the themes as tagged when this version was published: a later tag changes the draft, not this version
            List<Document> themes = new ArrayList<>();
            for (String themeId : themeIds) {
                Document theme = session.find(THEMES, themeId);
                themes.add(new Document("themeId", themeId)
                        .append("name", theme == null ? null : theme.getString("name"))
                        .append("description", theme == null ? null : theme.getString("description"))
                        .append("keyPointIds", theme == null ? new ArrayList<String>()
                                : new ArrayList<>(strings(theme, "keyPointIds"))));
            }
            List<Document> overrides = new ArrayList<>();
            for (ConsentOverride override : e.consentOverrides() == null ? List.<ConsentOverride>of()
                    : e.consentOverrides()) {
                overrides.add(new Document("keyPointId", override.citationTargetId())
                        .append("gap", override.gap().name()).append("reason", override.reason()));
            }
            version.append("reportId", e.reportId()).append("version", e.version())
                   .append("changeNote", e.changeNote()).append("publishedAt", time(e.occurredAt()))
                   .append("recordedAt", time(context.recordedAt())).append("publishedBy", context.actor())
                   .append("sections", sections).append("themes", themes).append("consentOverrides", overrides);
        }
        Document report = session.forUpdate(REPORTS, e.reportId(), context);
        if (report != null) {
            list(report, "versions").add(new Document("version", e.version()).append("changeNote", e.changeNote())
                    .append("publishedAt", time(e.occurredAt())).append("recordedAt", time(context.recordedAt()))
                    .append("publishedBy", context.actor()).append("sectionCount", e.sections().size()));
        }
    }

    private static List<Document> citations(List<Citation> citations) {
        List<Document> stored = new ArrayList<>();
        for (Citation citation : citations == null ? List.<Citation>of() : citations) {
            stored.add(new Document("kind", citation.kind().name()).append("targetId", citation.targetId()));
        }
        return stored;
    }
}
