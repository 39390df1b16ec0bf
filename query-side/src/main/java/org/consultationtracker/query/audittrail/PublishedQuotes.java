package org.consultationtracker.query.audittrail;

import org.bson.Document;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.ConsentOverride;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.QuotedSpeaker;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.query.coverage.KeyPointLedger;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.addOnce;
import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.list;
import static org.consultationtracker.query.readmodel.Docs.strings;
import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * The quotes of each report's latest published version (one document per report in {@value #REPORTS}): who is quoted
 * where, which quotes were published under a consent override and why, and the corrections needed since — a quoted
 * speaker who, after that publication, withdrew consent to be quoted or was erased. A new version starts afresh:
 * what it still quotes was checked (or overridden) when it was published.
 *
 * <p>Each quoted speaker's participant document lists the reports quoting them ({@code quotedInReports}), so a
 * withdrawal or an erasure finds its reports by key. The list only grows; a report whose latest version no longer
 * quotes them simply has no quote of theirs to flag.
 */
final class PublishedQuotes {

    static final String REPORTS = "trail_reports";

    /** What happened to a quoted speaker after publication. */
    enum Change {
        CONSENT_WITHDRAWN("the speaker withdrew their consent to be quoted"),
        SPEAKER_ERASED("the speaker was erased (their words were kept)"),
        WORDS_WITHDRAWN("the speaker was erased and their words withdrawn");

        final String description;

        Change(String description) {
            this.description = description;
        }
    }

    private final KeyPointLedger ledger;

    PublishedQuotes(KeyPointLedger ledger) {
        this.ledger = ledger;
    }

    void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof ReportPublished e) {
            published(e, context, session);
        } else if (payload instanceof ConsentWithdrawn e && e.purpose() == ConsentPurpose.BE_QUOTED) {
            speakerChanged(e.participantId(), Change.CONSENT_WITHDRAWN, e.occurredAt(), context, session);
        } else if (payload instanceof ParticipantErased e) {
            speakerChanged(e.participantId(), e.contributionPolicy() == ContributionPolicy.WITHDRAW_WORDS
                    ? Change.WORDS_WITHDRAWN : Change.SPEAKER_ERASED, e.occurredAt(), context, session);
        }
    }

    private void published(ReportPublished e, EventContext context, DocumentSession session) {
        Map<String, ConsentOverride> overrides = new LinkedHashMap<>();
        for (ConsentOverride override : e.consentOverrides() == null ? List.<ConsentOverride>of()
                : e.consentOverrides()) {
            overrides.put(override.citationTargetId(), override);
        }
        List<Document> quotes = new ArrayList<>();
        List<String> sectionIds = new ArrayList<>();
        Set<String> speakers = new LinkedHashSet<>();
        for (PublishedSection section : e.sections()) {
            sectionIds.add(section.sectionId());
            for (Citation citation : section.citations() == null ? List.<Citation>of() : section.citations()) {
                String speaker = QuotedSpeaker.of(citation, keyPointId -> {
                    Document keyPoint = session.find(ledger.keyPoints(), keyPointId);
                    return keyPoint == null ? null : keyPoint.getString("attributedTo");
                });
                if (speaker == null) {
                    continue;
                }
                speakers.add(speaker);
                ConsentOverride override = overrides.get(citation.targetId());
                quotes.add(new Document("sectionId", section.sectionId()).append("heading", section.heading())
                        .append("keyPointId", citation.targetId()).append("speakerId", speaker)
                        .append("consentOverride", override == null ? null
                                : new Document("gap", override.gap().name()).append("reason", override.reason())
                                        .append("by", context.actor())));
            }
        }
        Document report = session.forUpdate(REPORTS, e.reportId(), context);
        if (report != null) {
            report.append("version", e.version()).append("publishedAt", time(e.occurredAt()))
                  .append("recordedAt", time(context.recordedAt())).append("position", context.position())
                  .append("publishedBy", context.actor()).append("sectionIds", sectionIds).append("quotes", quotes)
                  .append("correctionsNeeded", new ArrayList<Document>());
        }
        for (String speaker : speakers) {
            Document participant = session.forUpdate(ledger.participants(), speaker, context);
            if (participant != null) {
                addOnce(participant, "quotedInReports", e.reportId());
            }
        }
    }

    private void speakerChanged(String participantId, Change change, java.time.Instant occurredAt,
                                EventContext context, DocumentSession session) {
        Document participant = session.find(ledger.participants(), participantId);
        if (participant == null) {
            return;
        }
        for (String reportId : strings(participant, "quotedInReports")) {
            Document report = session.forUpdate(REPORTS, reportId, context);
            if (report == null) {
                continue;
            }
            for (Document quote : documents(report, "quotes")) {
                if (participantId.equals(quote.getString("speakerId"))) {
                    list(report, "correctionsNeeded").add(
                            new Document("sectionId", quote.getString("sectionId"))
                                    .append("heading", quote.getString("heading"))
                                    .append("keyPointId", quote.getString("keyPointId"))
                                    .append("change", change.name()).append("description", change.description)
                                    .append("occurredAt", time(occurredAt))
                                    .append("recordedAt", time(context.recordedAt()))
                                    .append("position", context.position()));
                }
            }
        }
    }
}
