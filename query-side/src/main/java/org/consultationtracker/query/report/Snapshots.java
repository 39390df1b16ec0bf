package org.consultationtracker.query.report;

import org.bson.Document;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.ModelCollection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.consultationtracker.query.report.Snapshot.SnapshotSection;
import org.consultationtracker.query.report.Snapshot.ThemeAsTagged;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/** Reads a report's versions and draft from this model's documents, by key. */
final class Snapshots {

    static final String DRAFT = "draft";
    static final String VERSION_RULE = "must be a published version number (1, 2, …) or 'draft'";

    static final ModelCollection REPORTS = ModelCollection.of(ReadModel.REPORT, ReportProjection.REPORTS);
    static final ModelCollection VERSIONS = ModelCollection.of(ReadModel.REPORT, ReportProjection.VERSIONS);
    static final ModelCollection SECTIONS = ModelCollection.of(ReadModel.REPORT, ReportProjection.SECTIONS);
    static final ModelCollection THEMES = ModelCollection.of(ReadModel.REPORT, ReportProjection.THEMES);

    private final ReadModelStore store;

    Snapshots(ReadModelStore store) {
        this.store = store;
    }

    /** The report's document, or 404. */
    Document report(String reportId) {
        Document report = reportId == null ? null : store.find(REPORTS, reportId);
        if (report == null) {
            throw new UnknownId("report", reportId);
        }
        return report;
    }

    /**
     * A version as the API names it: "draft" (null) or a number from 1. {@code zeroAllowed} admits 0, "before the
     * first version" (a diff's {@code from}). Anything else is a 400 naming {@code parameter}.
     */
    static Integer parse(String parameter, String version, boolean zeroAllowed) {
        if (version == null || version.isBlank()) {
            throw new InvalidFilter(parameter, VERSION_RULE);
        }
        String value = version.trim();
        if (value.equalsIgnoreCase(DRAFT)) {
            return null;
        }
        if (!value.matches("\\d{1,9}")) {
            throw new InvalidFilter(parameter, VERSION_RULE);
        }
        int number = Integer.parseInt(value);
        if (number < (zeroAllowed ? 0 : 1)) {
            throw new InvalidFilter(parameter, VERSION_RULE);
        }
        return number;
    }

    static int latest(Document report) {
        List<Document> versions = documents(report, "versions");
        return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).getInteger("version", 0);
    }

    /** The version (number null: the draft) of the report; 404 when it was never published. */
    Snapshot of(Document report, Integer number) {
        String reportId = report.getString("_id");
        int latest = latest(report);
        if (number == null) {
            List<Document> stored = new ArrayList<>(store.findAll(SECTIONS, strings(report, "sectionIds")).values());
            stored.sort(Comparator.comparingInt((Document s) -> s.getInteger("position", 0))
                                  .thenComparing(s -> s.getString("_id")));
            List<SnapshotSection> sections = sections(stored, "_id");
            return new Snapshot(reportId, report.getString("consultationId"), report.getString("title"), DRAFT, null,
                                false, null, null, null, sections, themesNow(sections), List.of());
        }
        if (number == 0) { // before the first publication: nothing (only a diff asks for it)
            return new Snapshot(reportId, report.getString("consultationId"), report.getString("title"), "0", 0,
                                false, null, null, null, List.of(), Map.of(), List.of());
        }
        Document version = store.find(VERSIONS, ReportProjection.versionId(reportId, number));
        if (version == null) {
            throw new UnknownId("version of report " + reportId, String.valueOf(number));
        }
        Map<String, ThemeAsTagged> themes = new LinkedHashMap<>();
        for (Document theme : documents(version, "themes")) {
            themes.put(theme.getString("themeId"), new ThemeAsTagged(theme.getString("themeId"),
                    theme.getString("name"), theme.getString("description"), strings(theme, "keyPointIds")));
        }
        List<ReportView.ConsentOverride> overrides = new ArrayList<>();
        for (Document override : documents(version, "consentOverrides")) {
            overrides.add(new ReportView.ConsentOverride(override.getString("keyPointId"), override.getString("gap"),
                                                         override.getString("reason")));
        }
        return new Snapshot(reportId, report.getString("consultationId"), report.getString("title"),
                            String.valueOf(number), number, number == latest, version.getString("changeNote"),
                            instant(version, "publishedAt"), version.getString("publishedBy"),
                            sections(documents(version, "sections"), "sectionId"), themes, overrides);
    }

    private static List<SnapshotSection> sections(List<Document> stored, String idField) {
        List<SnapshotSection> sections = new ArrayList<>();
        for (Document section : stored) {
            List<String[]> citations = new ArrayList<>();
            for (Document citation : documents(section, "citations")) {
                citations.add(new String[]{citation.getString("kind"), citation.getString("targetId")});
            }
            sections.add(SnapshotSection.of(section.getString(idField), section.getInteger("position", 0),
                                            section.getString("heading"), section.getString("text"), citations));
        }
        return sections;
    }

    /** The cited themes as tagged now (the draft's). */
    private Map<String, ThemeAsTagged> themesNow(List<SnapshotSection> sections) {
        Set<String> themeIds = new LinkedHashSet<>();
        sections.forEach(section -> section.citations().stream().filter(c -> c.kind().equals("THEME"))
                                           .forEach(c -> themeIds.add(c.targetId())));
        Map<String, ThemeAsTagged> themes = new LinkedHashMap<>();
        store.findAll(THEMES, themeIds).forEach((id, theme) -> themes.put(id, new ThemeAsTagged(
                id, theme.getString("name"), theme.getString("description"), strings(theme, "keyPointIds"))));
        return themes;
    }
}
