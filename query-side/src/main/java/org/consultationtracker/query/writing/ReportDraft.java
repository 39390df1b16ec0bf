package org.consultationtracker.query.writing;

import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A report as the review team works on it: its themes with the key points tagged with them, and the draft's sections
 * in order with their citations.
 *
 * @param publishedVersions the versions published so far (from the sections they held), oldest first
 * @param keyPoints         every key point tagged with one of the themes or cited directly by a section, as coverage
 *                          shows it (words, voice, groups, fate): the words behind the page's lists
 * @param stakeholderGroupNames names of the groups counted in the themes
 * @param asOf              null for now; else the moment the draft is shown as of
 * @param asOfBasis         {@code SAID} or {@code RECORDED}: which clock {@code asOf} reads; null for now
 */
public record ReportDraft(String reportId, String consultationId, String title, Instant startedAt,
                          List<DraftTheme> themes, List<DraftSection> sections, List<Integer> publishedVersions,
                          List<KeyPointCoverage> keyPoints, Map<String, String> stakeholderGroupNames,
                          Instant asOf, String asOfBasis) {

    /*
     * Named Draft* so that the OpenAPI document, which names schemas by simple class name, does not take them for the
     * voice flow's or the audit trail's sections and themes.
     */

    /**
     * @param keyPointsByStakeholderGroup how many tagged key points came from each group (a speaker in two groups
     *                                    counts in both; unattributed points under {@code anonymous})
     * @param citingSectionIds            the draft sections citing the theme
     */
    public record DraftTheme(String themeId, String name, String description, List<String> keyPointIds,
                             Map<String, Integer> keyPointsByStakeholderGroup, List<String> citingSectionIds) {
    }

    /**
     * @param quotedWithoutConsent the key points the section quotes whose speaker does not consent to be quoted (then,
     *                             for an as-of draft): publishing needs an override for each (see QuotedSpeaker)
     */
    public record DraftSection(String sectionId, int position, String heading, String text,
                               List<DraftCitation> citations, Instant writtenAt, List<Integer> publishedVersions,
                               List<String> quotedWithoutConsent) {
    }

    public record DraftCitation(String kind, String targetId) {
    }
}
