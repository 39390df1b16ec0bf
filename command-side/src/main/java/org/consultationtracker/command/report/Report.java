package org.consultationtracker.command.report;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.consultationtracker.command.lookup.CitableRecords;
import org.consultationtracker.command.lookup.CitableRecords.RecordedKeyPoint;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.QuoteConsents;
import org.consultationtracker.command.report.PublishReport.QuoteOverride;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.ConsentGap;
import org.consultationtracker.events.report.ConsentOverride;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.QuotedSpeaker;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The report of a consultation: its themes, which key points carry which theme, the draft sections with their
 * citations, and the published versions. A published version is a copy of the sections inside its own event, so
 * nothing written afterwards can change it; a correction is a new version with a note saying what changed.
 *
 * <p>Consent to be quoted is checked at publication, the moment words reach the public: a version that quotes someone
 * (see {@link QuotedSpeaker}) whose consent is missing is refused unless the publisher overrides it for that quote with
 * a reason, which the version records. Writing a draft section only warns.
 */
@Aggregate(cache = "reportCache")
class Report {

    @AggregateIdentifier
    private String reportId;
    private final Map<String, String> themeNamesById = new HashMap<>();
    private final Set<String> tags = new HashSet<>();
    private final Map<String, PublishedSection> draft = new LinkedHashMap<>();
    private List<PublishedSection> lastPublished = List.of();
    private List<ConsentOverride> lastOverrides = List.of();
    private int version;

    Report() {
        // for Axon
    }

    @CommandHandler
    Report(StartReport command, ConsultationDirectory consultations) {
        if (!consultations.consultationExists(command.consultationId())) {
            throw new ReportRuleViolation("no consultation " + command.consultationId() + " has started");
        }
        apply(new ReportStarted(command.reportId(), command.consultationId(), command.title(), command.occurredAt()));
    }

    @CommandHandler
    void handle(IdentifyTheme command) {
        if (themeNamesById.containsKey(command.themeId())) {
            throw new ReportRuleViolation("theme " + command.themeId() + " is already identified");
        }
        if (themeNamesById.values().stream().anyMatch(name -> name.equalsIgnoreCase(command.name()))) {
            throw new ReportRuleViolation("a theme is already called \"" + command.name() + "\"");
        }
        apply(new ThemeIdentified(reportId, command.themeId(), command.name(), command.description(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(TagKeyPoint command, CitableRecords records) {
        requireTheme(command.themeId());
        RecordedKeyPoint keyPoint = requireCitableKeyPoint(records, command.keyPointId());
        if (tags.contains(tag(command.themeId(), command.keyPointId()))) {
            throw new ReportRuleViolation("key point " + command.keyPointId() + " already carries theme "
                    + command.themeId());
        }
        apply(new KeyPointTagged(reportId, command.themeId(), command.keyPointId(), keyPoint.conversationId(),
                command.occurredAt()));
    }

    /** @return the quotes of this section whose speaker's consent is missing now: a warning, not a refusal */
    @CommandHandler
    List<QuoteWithoutConsent> handle(WriteReportSection command, CitableRecords records, QuoteConsents consents) {
        draft.values().stream()
                .filter(s -> s.position() == command.position() && !s.sectionId().equals(command.sectionId()))
                .findFirst()
                .ifPresent(s -> {
                    throw new ReportRuleViolation("section " + s.sectionId() + " already holds position "
                            + command.position());
                });
        command.citations().forEach(citation -> requireExists(records, citation));
        apply(new ReportSectionWritten(reportId, command.sectionId(), command.position(), command.heading(),
                command.text(), command.citations(), command.occurredAt()));
        return quotesWithoutConsent(List.of(draft.get(command.sectionId())), records, consents).stream()
                .map(MissingConsent::quote).toList();
    }

    /** @return the number of the version just published */
    @CommandHandler
    int handle(PublishReport command, CitableRecords records, QuoteConsents consents) {
        if (draft.isEmpty()) {
            throw new ReportRuleViolation("a report needs at least one section to be published");
        }
        List<PublishedSection> sections = draftInOrder();
        List<ConsentOverride> overrides = overrides(command.consentOverrides(),
                quotesWithoutConsent(sections, records, consents));
        if (version > 0 && sections.equals(lastPublished) && overrides.equals(lastOverrides)) {
            throw new ReportRuleViolation("nothing changed since version " + version
                    + "; a published version is never published again");
        }
        if (version > 0 && (command.changeNote() == null || command.changeNote().isBlank())) {
            throw new ReportRuleViolation("version " + (version + 1) + " corrects version " + version
                    + " and must say what changed");
        }
        apply(new ReportPublished(reportId, version + 1, command.changeNote(), sections, overrides,
                command.occurredAt()));
        return version;
    }

    /**
     * Matches the publisher's overrides to the quotes that need one: every such quote must have one it can take (none
     * can bring back withdrawn words), and every override must be for such a quote, so the record never says consent
     * was overridden where nothing was.
     */
    private static List<ConsentOverride> overrides(List<QuoteOverride> requested, List<MissingConsent> missing) {
        Map<String, QuoteOverride> byKeyPoint = new LinkedHashMap<>();
        for (QuoteOverride override : requested) {
            if (byKeyPoint.put(override.citationTargetId(), override) != null) {
                throw new ReportRuleViolation("key point " + override.citationTargetId()
                        + " has more than one consent override; give one reason");
            }
        }
        Set<String> needing = missing.stream().map(m -> m.quote().keyPointId())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String keyPointId : byKeyPoint.keySet()) {
            if (!needing.contains(keyPointId)) {
                throw new ReportRuleViolation("key point " + keyPointId + " is not quoted without consent in this "
                        + "version; a consent override is only for a quote that needs one");
            }
        }
        List<QuoteWithoutConsent> refused = missing.stream()
                .filter(m -> !m.quote().gap().overridable() || !byKeyPoint.containsKey(m.quote().keyPointId()))
                .map(MissingConsent::quote).toList();
        if (!refused.isEmpty()) {
            throw new QuotesWithoutConsent(refused);
        }
        Map<String, ConsentOverride> recorded = new LinkedHashMap<>();
        for (MissingConsent m : missing) {
            String keyPointId = m.quote().keyPointId();
            recorded.putIfAbsent(keyPointId, new ConsentOverride(keyPointId, m.speakerId(), m.quote().gap(),
                    byKeyPoint.get(keyPointId).reason()));
        }
        return List.copyOf(recorded.values());
    }

    /** Every quote in the sections, in order, whose speaker's consent to be quoted is missing now. */
    private static List<MissingConsent> quotesWithoutConsent(List<PublishedSection> sections, CitableRecords records,
                                                             QuoteConsents consents) {
        List<MissingConsent> missing = new ArrayList<>();
        for (PublishedSection section : sections) {
            for (Citation citation : section.citations()) {
                String speaker = QuotedSpeaker.of(citation,
                        keyPointId -> records.keyPoint(keyPointId).map(RecordedKeyPoint::attributedTo).orElse(null));
                Optional<ConsentGap> gap = speaker == null ? Optional.empty() : consents.gap(speaker);
                gap.ifPresent(g -> missing.add(new MissingConsent(
                        new QuoteWithoutConsent(section.sectionId(), citation.targetId(), g), speaker)));
            }
        }
        return missing;
    }

    private record MissingConsent(QuoteWithoutConsent quote, String speakerId) {
    }

    @EventSourcingHandler
    void on(ReportStarted event) {
        reportId = event.reportId();
    }

    @EventSourcingHandler
    void on(ThemeIdentified event) {
        themeNamesById.put(event.themeId(), event.name());
    }

    @EventSourcingHandler
    void on(KeyPointTagged event) {
        tags.add(tag(event.themeId(), event.keyPointId()));
    }

    @EventSourcingHandler
    void on(ReportSectionWritten event) {
        draft.put(event.sectionId(), new PublishedSection(event.sectionId(), event.position(), event.heading(),
                event.text(), event.citations()));
    }

    @EventSourcingHandler
    void on(ReportPublished event) {
        version = event.version();
        lastPublished = event.sections();
        lastOverrides = event.consentOverrides();
    }

    private List<PublishedSection> draftInOrder() {
        return draft.values().stream().sorted(Comparator.comparingInt(PublishedSection::position)).toList();
    }

    private void requireTheme(String themeId) {
        if (!themeNamesById.containsKey(themeId)) {
            throw new ReportRuleViolation("this report has no theme " + themeId);
        }
    }

    private void requireExists(CitableRecords records, Citation citation) {
        switch (citation.kind()) {
            case THEME -> requireTheme(citation.targetId());
            case KEY_POINT -> requireCitableKeyPoint(records, citation.targetId());
            case QUOTE -> {
                if (!requireCitableKeyPoint(records, citation.targetId()).verbatim()) {
                    throw new ReportRuleViolation("key point " + citation.targetId()
                            + " is a paraphrase, not a verbatim quote; cite it as KEY_POINT");
                }
            }
            case CONVERSATION -> {
                if (!records.conversationHappened(citation.targetId())) {
                    throw new ReportRuleViolation("no conversation " + citation.targetId() + " has taken place");
                }
            }
            case IDEA -> {
                if (!records.ideaExists(citation.targetId())) {
                    throw new ReportRuleViolation("no idea " + citation.targetId() + " was submitted");
                }
            }
            case PLENARY_CONTRIBUTION -> {
                if (!records.plenaryContributionExists(citation.targetId())) {
                    throw new ReportRuleViolation("no plenary contribution " + citation.targetId() + " was recorded");
                }
            }
            case SESSION_FEEDBACK -> {
                if (!records.feedbackExists(citation.targetId())) {
                    throw new ReportRuleViolation("no feedback " + citation.targetId() + " was given on a session");
                }
            }
        }
    }

    private static RecordedKeyPoint requireCitableKeyPoint(CitableRecords records, String keyPointId) {
        RecordedKeyPoint keyPoint = records.keyPoint(keyPointId).orElseThrow(
                () -> new ReportRuleViolation("no key point " + keyPointId + " has been recorded"));
        if (keyPoint.retracted()) {
            throw new ReportRuleViolation("key point " + keyPointId + " has been retracted and cannot be cited");
        }
        return keyPoint;
    }

    private static String tag(String themeId, String keyPointId) {
        return themeId + "|" + keyPointId;
    }
}
