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
import org.consultationtracker.command.report.StartReport;
import org.consultationtracker.command.report.TagKeyPoint;
import org.consultationtracker.command.report.WriteReportSection;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/reports")
@Tag(name = "Report", description = "Themes, tags, sections with citations, immutable published versions")
class ReportController {

    private final CommandDispatch commands;
    private final OccurrenceTime time;

    ReportController(CommandDispatch commands, OccurrenceTime time) {
        this.commands = commands;
        this.time = time;
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

    /** @param changeNote what changed since the previous version; required from version 2 on */
    record PublicationRequest(@Text(max = Bounds.DESCRIPTION_MAX) String changeNote, @HappenedAt Instant occurredAt) {
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
    @Operation(summary = "Write a new draft section; every citation must point at something that exists")
    ResponseEntity<Map<String, Object>> writeSection(@PathVariable @Identifier String reportId,
                                                     @Valid @RequestBody SectionRequest request) {
        String sectionId = ApiIds.orNew(request.sectionId());
        send(reportId, sectionId, request);
        return Outcome.created("/api/reports/" + reportId + "/sections/" + sectionId,
                "reportId", reportId, "sectionId", sectionId);
    }

    @PutMapping("/{reportId}/sections/{sectionId}")
    @Operation(summary = "Rewrite a draft section (published versions never change)")
    ResponseEntity<Map<String, Object>> rewriteSection(@PathVariable @Identifier String reportId, @PathVariable @Identifier String sectionId,
                                                       @Valid @RequestBody SectionRequest request) {
        send(reportId, sectionId, request);
        return Outcome.done("reportId", reportId, "sectionId", sectionId);
    }

    @PostMapping("/{reportId}/publications")
    @Operation(summary = "Publish the draft as the next immutable version")
    ResponseEntity<Map<String, Object>> publish(@PathVariable @Identifier String reportId,
                                                @Valid @RequestBody(required = false) PublicationRequest request) {
        String changeNote = request == null ? null : request.changeNote();
        Instant at = time.orNow(request == null ? null : request.occurredAt());
        int version = commands.send(new PublishReport(reportId, changeNote, at));
        return Outcome.created("/api/reports/" + reportId + "/versions/" + version,
                "reportId", reportId, "version", version);
    }

    private void send(String reportId, String sectionId, SectionRequest request) {
        List<Citation> citations = request.citations() == null ? List.of()
                : request.citations().stream().map(c -> new Citation(c.kind(), c.targetId())).toList();
        commands.send(new WriteReportSection(reportId, sectionId, request.position(), request.heading(),
                request.text(), citations, time.orNow(request.occurredAt())));
    }
}
