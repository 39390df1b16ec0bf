package org.consultationtracker.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.consultationtracker.command.api.contract.Bounds;
import org.consultationtracker.command.api.contract.HappenedAt;
import org.consultationtracker.command.api.contract.Identifier;
import org.consultationtracker.command.api.contract.Text;
import org.hibernate.validator.constraints.UniqueElements;
import org.consultationtracker.command.report.IdentifyTheme;
import org.consultationtracker.command.report.PublishReport;
import org.consultationtracker.command.report.PublishReport.QuoteOverride;
import org.consultationtracker.command.report.QuoteWithoutConsent;
import org.consultationtracker.command.report.StartReport;
import org.consultationtracker.command.report.TagKeyPoint;
import org.consultationtracker.command.report.WriteReportSection;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.ConsentGap;
import org.consultationtracker.events.report.SectionSentences;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/reports")
@Tag(name = "Report", description = "Themes, tags, sections with citations, immutable published versions")
class ReportController {

    private final CommandDispatch commands;
    private final OccurrenceTime time;
    private final String querySide;

    /**
     * @param origins the query side's origins (as for CORS); the first is where readers are sent for what the
     *                command side answers with a Location but does not serve (a published version)
     */
    ReportController(CommandDispatch commands, OccurrenceTime time,
                     @Value("${consultation.ui.origins:http://127.0.0.1:8082,http://localhost:8082}")
                     List<String> origins) {
        this.commands = commands;
        this.time = time;
        this.querySide = origins.get(0).trim().replaceAll("/+$", "");
    }

    record StartReportRequest(@Identifier String reportId,
                              @NotNull @Identifier String consultationId,
                              @NotNull @Text(max = Bounds.NAME_MAX) String title,
                              @HappenedAt Instant occurredAt) {
    }

    record ThemeRequest(@Identifier String themeId,
                        @NotNull @Text(max = Bounds.THEME_NAME_MAX) String name,
                        @Text(max = Bounds.DESCRIPTION_MAX) String description,
                        @HappenedAt Instant occurredAt) {
    }

    record TagRequest(@NotNull @Identifier String themeId, @NotNull @Identifier String keyPointId,
                      @HappenedAt Instant occurredAt) {
    }

    record CitationRequest(@NotNull CitationKind kind, @NotNull @Identifier String targetId) {
    }

    record SectionRequest(@Identifier String sectionId,
                          @NotNull @Min(1) @Max(Bounds.MAX_SECTION_POSITION) Integer position,
                          @NotNull @Text(max = Bounds.NAME_MAX) String heading,
                          @NotNull @Text(max = Bounds.SECTION_TEXT_MAX) String text,
                          @Size(max = Bounds.MAX_CITATIONS) @UniqueElements
                          List<@Valid @NotNull CitationRequest> citations,
                          @HappenedAt Instant occurredAt) {
    }

    /** Publish this quote although its speaker's consent to be quoted is missing, for this reason. */
    record ConsentOverrideRequest(@NotNull @Identifier String citationTargetId,
                                  @NotNull @Text(max = Bounds.REASON_MAX) String reason) {
    }

    /**
     * @param changeNote       what changed since the previous version; required from version 2 on
     * @param consentOverrides one per quote published without its speaker's consent (see the 409 answer)
     */
    record PublicationRequest(@Text(max = Bounds.DESCRIPTION_MAX) String changeNote,
                              @Size(max = Bounds.MAX_CITATIONS) @UniqueElements
                              List<@Valid @NotNull ConsentOverrideRequest> consentOverrides,
                              @HappenedAt Instant occurredAt) {
    }

    /** A quote in a section whose speaker's consent to be quoted is missing, as the API names it. */
    record QuoteWithoutConsentAnswer(String sectionId, String keyPointId, ConsentGap gap, String reason,
                                     boolean overridable) {

        static List<QuoteWithoutConsentAnswer> of(List<QuoteWithoutConsent> quotes) {
            return quotes.stream().map(q -> new QuoteWithoutConsentAnswer(q.sectionId(), q.keyPointId(), q.gap(),
                    q.gap().reason(), q.gap().overridable())).toList();
        }
    }

    @PostMapping
    @Operation(summary = "Start a report for a consultation")
    ResponseEntity<Map<String, Object>> start(@Valid @RequestBody StartReportRequest request) {
        String reportId = ApiIds.orNew(request.reportId());
        commands.send(new StartReport(reportId, request.consultationId(), request.title(),
                time.orNow(request.occurredAt())));
        return Outcome.created("/api/reports/" + reportId, "reportId", reportId);
    }

    @PostMapping("/{reportId}/themes")
    @Operation(summary = "Identify a theme")
    ResponseEntity<Map<String, Object>> identifyTheme(@PathVariable @Identifier String reportId,
                                                      @Valid @RequestBody ThemeRequest request) {
        String themeId = ApiIds.orNew(request.themeId());
        commands.send(new IdentifyTheme(reportId, themeId, request.name(), request.description(),
                time.orNow(request.occurredAt())));
        return Outcome.created("/api/reports/" + reportId + "/themes/" + themeId,
                "reportId", reportId, "themeId", themeId);
    }

    @PostMapping("/{reportId}/tags")
    @Operation(summary = "Tag a recorded key point with a theme")
    ResponseEntity<Map<String, Object>> tag(@PathVariable @Identifier String reportId, @Valid @RequestBody TagRequest request) {
        commands.send(new TagKeyPoint(reportId, request.themeId(), request.keyPointId(),
                time.orNow(request.occurredAt())));
        return Outcome.done("reportId", reportId, "themeId", request.themeId(), "keyPointId", request.keyPointId());
    }

    @PostMapping("/{reportId}/sections")
    @Operation(summary = "Write a new draft section; every citation must point at something that exists, and every "
            + "citation anchor [^n] in the text (placed after the sentence it supports) must name one of them. "
            + "quotedWithoutConsent lists its quotes whose speaker's consent to be quoted is missing: written, "
            + "but publication will refuse them without an override")
    ResponseEntity<Map<String, Object>> writeSection(@PathVariable @Identifier String reportId,
                                                     @Valid @RequestBody SectionRequest request) {
        String sectionId = ApiIds.orNew(request.sectionId());
        List<QuoteWithoutConsent> warnings = send(reportId, sectionId, request);
        return Outcome.created("/api/reports/" + reportId + "/sections/" + sectionId,
                "reportId", reportId, "sectionId", sectionId,
                "quotedWithoutConsent", QuoteWithoutConsentAnswer.of(warnings));
    }

    @PutMapping("/{reportId}/sections/{sectionId}")
    @Operation(summary = "Rewrite a draft section (published versions never change); quotedWithoutConsent as for "
            + "a new section")
    ResponseEntity<Map<String, Object>> rewriteSection(@PathVariable @Identifier String reportId, @PathVariable @Identifier String sectionId,
                                                       @Valid @RequestBody SectionRequest request) {
        List<QuoteWithoutConsent> warnings = send(reportId, sectionId, request);
        return Outcome.done("reportId", reportId, "sectionId", sectionId,
                "quotedWithoutConsent", QuoteWithoutConsentAnswer.of(warnings));
    }

    @PostMapping("/{reportId}/publications")
    @Operation(summary = "Publish the draft as the next immutable version. Refused (409) while a quote lacks its "
            + "speaker's consent to be quoted, unless consentOverrides gives a reason for that quote")
    ResponseEntity<Map<String, Object>> publish(@PathVariable @Identifier String reportId,
                                                @Valid @RequestBody(required = false) PublicationRequest request) {
        String changeNote = request == null ? null : request.changeNote();
        Instant at = time.orNow(request == null ? null : request.occurredAt());
        List<QuoteOverride> overrides = request == null || request.consentOverrides() == null ? List.of()
                : request.consentOverrides().stream()
                        .map(o -> new QuoteOverride(o.citationTargetId(), o.reason())).toList();
        int version = commands.send(new PublishReport(reportId, changeNote, overrides, at));
        return Outcome.created("/api/reports/" + reportId + "/versions/" + version,
                "reportId", reportId, "version", version);
    }

    /**
     * The publication's Location is this path on this service, which records and does not read: a client that follows
     * it is sent on (303 See Other) to the same path on the query side, which serves the version as a document.
     */
    @GetMapping("/{reportId}/versions/{version}")
    @Operation(summary = "Where a published version is read: 303 See Other to the same path on the query side")
    ResponseEntity<Void> readVersion(@PathVariable @Identifier String reportId,
                                     @PathVariable @Min(1) @Max(Integer.MAX_VALUE) int version) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(querySide + "/api/reports/" + reportId + "/versions/" + version)).build();
    }

    private List<QuoteWithoutConsent> send(String reportId, String sectionId, SectionRequest request) {
        List<Citation> citations = request.citations() == null ? List.of()
                : request.citations().stream().map(c -> new Citation(c.kind(), c.targetId())).toList();
        if (SectionSentences.danglingAnchor(request.text(), citations.size()) != null) {
            // an anchor that names no citation would trace its sentence to nothing (see SectionSentences)
            throw new FieldRuleBroken("text", citations.isEmpty()
                    ? "has a citation anchor [^n] but the section has no citations"
                    : "every citation anchor [^n] must name one of the section's citations, 1 to " + citations.size());
        }
        List<QuoteWithoutConsent> warnings = commands.send(new WriteReportSection(reportId, sectionId, request.position(), request.heading(),
                request.text(), citations, time.orNow(request.occurredAt())));
        return warnings == null ? List.of() : warnings;
    }
}
