package org.consultationtracker.events.report;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An immutable version of the report: every section as it stood. Versions after the first say what changed.
 *
 * <p>Revision 2 added {@code consentOverrides}: the quotes published although their speaker's consent to be quoted
 * was missing, each with the reason given. Revision 1 events are read with an empty list (an upcaster in the event
 * store): before revision 2 publication did not check consent, so none was overridden.
 */
@Revision("2")
public record ReportPublished(String reportId, int version, String changeNote, List<PublishedSection> sections,
                              List<ConsentOverride> consentOverrides, Instant occurredAt) {

    /** A version that quotes nobody without consent. */
    public ReportPublished(String reportId, int version, String changeNote, List<PublishedSection> sections,
                           Instant occurredAt) {
        this(reportId, version, changeNote, sections, List.of(), occurredAt);
    }
}
