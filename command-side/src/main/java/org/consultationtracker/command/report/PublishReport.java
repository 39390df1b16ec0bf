package org.consultationtracker.command.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * @param changeNote       what changed since the previous version; required from the second version on
 * @param consentOverrides quotes to publish although their speaker's consent to be quoted is missing, each with the
 *                         reason; one per quoted key point, and only for quotes that need one
 */
public record PublishReport(@TargetAggregateIdentifier String reportId, String changeNote,
                            List<QuoteOverride> consentOverrides, Instant occurredAt) {

    public PublishReport {
        consentOverrides = consentOverrides == null ? List.of() : List.copyOf(consentOverrides);
    }

    /** Publishes without overriding anyone's consent. */
    public PublishReport(String reportId, String changeNote, Instant occurredAt) {
        this(reportId, changeNote, List.of(), occurredAt);
    }

    /** The publisher's decision to publish a quote of a key point without its speaker's consent, and why. */
    public record QuoteOverride(String citationTargetId, String reason) {
    }
}
