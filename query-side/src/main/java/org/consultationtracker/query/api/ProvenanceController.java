package org.consultationtracker.query.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consultationtracker.query.provenance.ProvenanceFormat;
import org.consultationtracker.query.provenance.ProvenanceQueries;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * W3C PROV exports: PROV-JSON ({@code Accept: application/json} or {@code ?format=prov-json}, the default) or PROV-O
 * as JSON-LD ({@code Accept: application/ld+json} or {@code ?format=prov-o}); the parameter wins over the header.
 * Admins, facilitators and reviewers only (see SecurityConfiguration): a participant's export is personal data.
 */
@RestController
@RequestMapping("/api/provenance")
@Tag(name = "Provenance", description = "W3C PROV exports (PROV-JSON, PROV-O JSON-LD)")
@SecurityRequirement(name = "bearer")
public class ProvenanceController {

    private static final String FORMATS = Arrays.stream(ProvenanceFormat.values()).map(ProvenanceFormat::parameter)
                                                .collect(Collectors.joining(", "));
    private static final String FORMAT_HELP = "prov-json (PROV-JSON) or prov-o (PROV-O as JSON-LD); without it the "
            + "Accept header decides (application/ld+json for PROV-O), and PROV-JSON otherwise";

    private final ProvenanceQueries provenance;

    public ProvenanceController(ProvenanceQueries provenance) {
        this.provenance = provenance;
    }

    @GetMapping(value = "/reports/{reportId}/versions/{version}",
                produces = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    @Operation(summary = "The provenance of a published report version: every section, the key points, edits, "
            + "summaries, theme tags and ideas behind it, the conversations, and who spoke, recorded, edited, "
            + "tagged, wrote and published")
    public ResponseEntity<ObjectNode> provenanceOfVersion(@PathVariable String reportId, @PathVariable int version,
                                              @Parameter(description = FORMAT_HELP)
                                              @RequestParam(required = false) String format,
                                              @Parameter(hidden = true)
                                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
                                              String accept) {
        ProvenanceFormat chosen = format(format, accept);
        return respond(provenance.version(reportId, version, chosen), chosen,
                       "report-" + reportId + "-v" + version);
    }

    @GetMapping(value = "/reports/{reportId}/versions/{version}/sections/{sectionId}",
                produces = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    @Operation(summary = "The provenance of one section of a published report version")
    public ResponseEntity<ObjectNode> provenanceOfSection(@PathVariable String reportId, @PathVariable int version,
                                              @PathVariable String sectionId,
                                              @Parameter(description = FORMAT_HELP)
                                              @RequestParam(required = false) String format,
                                              @Parameter(hidden = true)
                                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
                                              String accept) {
        ProvenanceFormat chosen = format(format, accept);
        return respond(provenance.section(reportId, version, sectionId, chosen), chosen,
                       "report-" + reportId + "-v" + version + "-section-" + sectionId);
    }

    @GetMapping(value = "/participants/{participantId}",
                produces = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    @Operation(summary = "The provenance of one participant's contributions (by pseudonym; none once erased) and "
            + "of the published sections that cite them")
    public ResponseEntity<ObjectNode> provenanceOfParticipant(@PathVariable String participantId,
                                                  @Parameter(description = FORMAT_HELP)
                                                  @RequestParam(required = false) String format,
                                                  @Parameter(hidden = true)
                                                  @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
                                                  String accept) {
        ProvenanceFormat chosen = format(format, accept);
        return respond(provenance.participant(participantId, chosen), chosen, "participant-" + participantId);
    }

    static ProvenanceFormat format(String parameter, String accept) {
        if (parameter != null) {
            return ProvenanceFormat.byParameter(parameter.trim()).orElseThrow(
                    () -> new InvalidFilter("format", "must be one of " + FORMATS));
        }
        if (accept == null) {
            return ProvenanceFormat.PROV_JSON;
        }
        java.util.List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (org.springframework.http.InvalidMediaTypeException unreadable) {
            return ProvenanceFormat.PROV_JSON;
        }
        MimeTypeUtils.sortBySpecificity(types);
        for (MediaType type : types) {
            if (type.getQualityValue() <= 0) {
                continue;
            }
            if ("application".equals(type.getType()) && "ld+json".equals(type.getSubtype())) {
                return ProvenanceFormat.PROV_O;
            }
            if (type.includes(MediaType.APPLICATION_JSON)) {
                return ProvenanceFormat.PROV_JSON;
            }
        }
        return ProvenanceFormat.PROV_JSON;
    }

    private static ResponseEntity<ObjectNode> respond(ObjectNode body, ProvenanceFormat format, String name) {
        String extension = format == ProvenanceFormat.PROV_O ? ".prov-o.jsonld" : ".prov.json";
        String filename = name.replaceAll("[^A-Za-z0-9._-]", "_") + extension;
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(format.mediaType()))
                             .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"")
                             .body(body);
    }
}
