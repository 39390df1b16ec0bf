package org.consultationtracker.query.report;

import org.consultationtracker.events.report.SectionSentences;
import org.consultationtracker.query.report.ReportView.CitationRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report as it stood in one version (or as the draft stands now), read from this model's documents: the sections in
 * order with their citations, and each cited theme with the key points tagged with it then.
 *
 * @param label  the version as the API names it: "1", "2", … or "draft"
 * @param number the version number, null for the draft
 * @param latest whether this is the latest published version
 */
record Snapshot(String reportId, String consultationId, String title, String label, Integer number, boolean latest,
                String changeNote, Instant publishedAt, String publishedBy, List<SnapshotSection> sections,
                Map<String, ThemeAsTagged> themes, List<ReportView.ConsentOverride> consentOverrides) {

    /** A section with its citations numbered 1, 2, … as its anchors name them. */
    record SnapshotSection(String sectionId, int position, String heading, String text, List<CitationRef> citations) {

        static SnapshotSection of(String sectionId, int position, String heading, String text,
                                  List<String[]> kindsAndTargets) {
            Set<Integer> whole = new LinkedHashSet<>(
                    SectionSentences.wholeSectionCitations(text, kindsAndTargets.size()));
            List<CitationRef> citations = new ArrayList<>();
            for (int i = 0; i < kindsAndTargets.size(); i++) {
                citations.add(new CitationRef(i + 1, kindsAndTargets.get(i)[0], kindsAndTargets.get(i)[1],
                                              whole.contains(i + 1)));
            }
            return new SnapshotSection(sectionId, position, heading, text, citations);
        }

        /** The citations no anchor names: they support every sentence. */
        List<CitationRef> wholeSection() {
            return citations.stream().filter(CitationRef::wholeSection).toList();
        }

        /** The citations a sentence's anchors name (anchors naming no citation are ignored). */
        List<CitationRef> anchored(SectionSentences.Sentence sentence) {
            List<CitationRef> named = new ArrayList<>();
            for (int number : sentence.citations()) {
                if (number >= 1 && number <= citations.size()) {
                    named.add(citations.get(number - 1));
                }
            }
            return named;
        }
    }

    /** A theme as it was tagged when the version was published (or is tagged now, for the draft). */
    record ThemeAsTagged(String themeId, String name, String description, List<String> keyPointIds) {
    }

    SnapshotSection section(String sectionId) {
        return sections.stream().filter(section -> section.sectionId().equals(sectionId)).findFirst().orElse(null);
    }
}
