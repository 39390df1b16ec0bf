package org.consultationtracker.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consultationtracker.query.report.ReportHtml;
import org.consultationtracker.query.report.ReportPdf;
import org.consultationtracker.query.report.ReportQueries;
import org.consultationtracker.query.report.ReportView;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * The report as a document: a report with its versions and draft, a version with footnotes, the diff of two versions,
 * a section's sentences and the voices behind one sentence, and the HTML and PDF exports. {@code version} is a
 * published version's number or {@code draft}. Readers (reviewer, facilitator, admin), as every read.
 */
@RestController
@Tag(name = "Report documents", description = "Published versions as documents, diffs, sentence traces, exports")
@SecurityRequirement(name = "bearer")
public class ReportDocumentController {

    private static final String VERSION = "a published version's number (1, 2, …) or 'draft'";

    private final ReportQueries reports;
    private final ReportPdf pdf;

    public ReportDocumentController(ReportQueries reports, ReportPdf pdf) {
        this.reports = reports;
        this.pdf = pdf;
    }

    @GetMapping("/api/reports/{reportId}")
    @Operation(summary = "A report: title, consultation, its published versions (number, time, change note, "
            + "section count) and the current draft's sections")
    public ReportView.Report report(@PathVariable String reportId) {
        return reports.report(reportId);
    }

    @GetMapping("/api/reports/{reportId}/versions/{version}")
    @Operation(summary = "A version as a document: sections in order with each sentence's footnote numbers, every "
            + "citation a numbered footnote resolved to the words behind it (the original beside every edit), the "
            + "corrections needed (latest version) and an appendix of every cited voice",
               description = "This is where the command side's Location for a publication leads.")
    public ReportView.VersionDocument version(@PathVariable String reportId,
                                              @Parameter(description = VERSION) @PathVariable String version) {
        return reports.document(reportId, version);
    }

    @GetMapping("/api/reports/{reportId}/versions/{version}/diff")
    @Operation(summary = "What changed between two versions: sections added, removed, changed (heading, text, "
            + "position) and the citations that came in or left, per section")
    public ReportView.Diff diff(@PathVariable String reportId,
                                @Parameter(description = VERSION) @PathVariable String version,
                                @Parameter(description = "the version compared with: a number (0 is 'before the "
                                        + "first version') or 'draft'; by default the version before (the latest "
                                        + "for the draft)") @RequestParam(required = false) String from) {
        return reports.diff(reportId, version, from);
    }

    @GetMapping("/api/reports/{reportId}/versions/{version}/sections/{sectionId}/sentences")
    @Operation(summary = "A section's sentences, each with its index, its text without anchors and its citations "
            + "(those its anchors [^n] name and those no anchor names, which support the whole section)")
    public ReportView.SectionSentences sentences(@PathVariable String reportId,
                                                 @Parameter(description = VERSION) @PathVariable String version,
                                                 @PathVariable String sectionId) {
        return reports.sentences(reportId, version, sectionId);
    }

    @GetMapping("/api/reports/{reportId}/versions/{version}/sections/{sectionId}/sentences/{sentence}")
    @Operation(summary = "The voices behind one sentence down to the original words, with distinct voices "
            + "counted per stakeholder group")
    public ReportView.SentenceTrace sentence(@PathVariable String reportId,
                                             @Parameter(description = VERSION) @PathVariable String version,
                                             @PathVariable String sectionId,
                                             @Parameter(description = "the sentence's index, from 1")
                                             @PathVariable String sentence) {
        return reports.sentence(reportId, version, sectionId, sentence);
    }

    @GetMapping(value = "/api/exports/reports/{reportId}/versions/{version}.html", produces = "text/html")
    @Operation(summary = "A version as a printable HTML document: title page, sections with footnotes, appendix "
            + "of voices")
    public ResponseEntity<String> html(@PathVariable String reportId,
                                       @Parameter(description = VERSION) @PathVariable String version) {
        ReportView.VersionDocument document = reports.document(reportId, version);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(document, "html"))
                .body(ReportHtml.render(document));
    }

    @GetMapping(value = "/api/exports/reports/{reportId}/versions/{version}.pdf", produces = "application/pdf")
    @Operation(summary = "A version as PDF: the same document as the HTML export, laid out for A4")
    public ResponseEntity<byte[]> pdf(@PathVariable String reportId,
                                      @Parameter(description = VERSION) @PathVariable String version) {
        ReportView.VersionDocument document = reports.document(reportId, version);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(document, "pdf"))
                .body(pdf.render(document));
    }

    private static String disposition(ReportView.VersionDocument document, String extension) {
        String name = (document.reportId() + "-" + (document.versionNumber() == null ? "draft"
                : "v" + document.versionNumber()) + "." + extension).replaceAll("[^A-Za-z0-9._-]", "_");
        return ContentDisposition.inline().filename(name).build().toString();
    }
}
