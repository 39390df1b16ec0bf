package org.consultationtracker.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consultationtracker.query.auditlog.AuditLogQueries;
import org.consultationtracker.query.auditlog.AuditLogQueries.Entry;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.coverage.CoverageQueries;
import org.consultationtracker.query.coverage.CoverageView;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.participation.ParticipationQueries;
import org.consultationtracker.query.participation.ParticipationQueries.FindSessionParticipation;
import org.consultationtracker.query.participation.ParticipationView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** CSV exports for spreadsheets: participation, coverage and the audit log, with the same filters as the JSON. */
@RestController
@RequestMapping("/api/exports")
@Tag(name = "CSV exports")
@SecurityRequirement(name = "bearer")
public class ExportController {

    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final ParticipationQueries participation;
    private final CoverageQueries coverage;
    private final AuditLogQueries auditLog;

    public ExportController(ParticipationQueries participation, CoverageQueries coverage, AuditLogQueries auditLog) {
        this.participation = participation;
        this.coverage = coverage;
        this.auditLog = auditLog;
    }

    @GetMapping(value = "/participation/{agendaId}", produces = "text/csv")
    @Operation(summary = "One row per conversation and stakeholder group (group 'all' for everyone)")
    public ResponseEntity<String> participation(@PathVariable String agendaId,
                                                @RequestParam(required = false) String asOf,
                                                @RequestParam(required = false) String asOfBasis) {
        ParticipationView.Session session = participation.handle(
                new FindSessionParticipation(agendaId, Parameters.instant("asOf", asOf),
                                             Parameters.asOfBasis(asOfBasis)));
        Csv csv = new Csv("agendaId", "round", "room", "conversationId", "question", "stakeholderGroup", "initial",
                          "peak", "highestSustained", "uniqueVisitors", "arrivalsFromOtherRooms",
                          "departuresToOtherRooms");
        for (ParticipationView.Round round : session.rounds()) {
            for (ParticipationView.Conversation c : round.conversationDetails()) {
                csv.row(agendaId, round.round(), c.room(), c.conversationId(), c.question(), "all", c.initial(),
                        c.peak(), c.highestSustained(), c.uniqueVisitors(),
                        c.arrivalsFrom().stream().mapToInt(ParticipationView.Movement::count).sum(),
                        c.departuresTo().stream().mapToInt(ParticipationView.Movement::count).sum());
                for (ParticipationView.GroupCounts g : c.byStakeholderGroup()) {
                    csv.row(agendaId, round.round(), c.room(), c.conversationId(), c.question(), g.name(),
                            g.initial(), g.peak(), g.highestSustained(), g.uniqueVisitors(), "", "");
                }
            }
        }
        return csv(csv, "participation-" + agendaId + ".csv");
    }

    @GetMapping(value = "/coverage", produces = "text/csv")
    @Operation(summary = "One row per key point with its fate (same filters and paging as /api/coverage)",
               description = "Scoped to an agenda or a conversation the file is whole. Otherwise it is one page: "
                       + "the header 'Coverage-Next' carries the position to ask after for the next page; it is "
                       + "absent at the end.")
    public ResponseEntity<String> coverage(@RequestParam(required = false) String agendaId,
                                           @RequestParam(required = false) String conversationId,
                                           @RequestParam(required = false) String stakeholderGroupId,
                                           @RequestParam(required = false) String fate,
                                           @RequestParam(required = false) Long after,
                                           @RequestParam(defaultValue = "" + CoverageQueries.MAX_PAGE_SIZE)
                                           int size) {
        CoverageView view = coverage.handle(ReadModelController.coverageQuery(
                agendaId, conversationId, stakeholderGroupId, fate, after, size));
        Csv csv = new Csv("keyPointId", "agendaId", "round", "room", "conversationId", "kind", "verbatim", "voice",
                          "stakeholderGroups", "fate", "fateDetail", "text");
        for (KeyPointCoverage k : view.keyPoints()) {
            String text = k.text().withdrawn() ? "[withdrawn at erasure]"
                    : k.text().sealed() ? "[words held encrypted for the speaker]" : k.text().plain();
            csv.row(k.keyPointId(), k.agendaId(), k.round(), k.room(), k.conversationId(), k.kind(), k.verbatim(),
                    k.voice() == null ? "anonymous" : k.voice(), Csv.joined(k.stakeholderGroupIds()), k.fate(),
                    k.fateDetail(), text);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (view.next() != null) {
            response.header(COVERAGE_NEXT_HEADER, view.next().toString());
        }
        return csv(response, csv, after == null ? "coverage.csv" : "coverage-after-" + after + ".csv");
    }

    @GetMapping(value = "/audit-log", produces = "text/csv")
    @Operation(summary = "The audit log page by page, as CSV (same filters and paging as /api/audit-log)",
               description = "The header 'Audit-Log-Next' carries the position to ask after for the next page; it "
                       + "is absent at the end.")
    public ResponseEntity<String> auditLog(@RequestParam(required = false) String sessionId,
                                           @RequestParam(required = false) String conversationId,
                                           @RequestParam(required = false) String participantId,
                                           @RequestParam(required = false) String actor,
                                           @RequestParam(required = false) String eventType,
                                           @RequestParam(required = false) String from,
                                           @RequestParam(required = false) String to,
                                           @RequestParam(required = false) Long after,
                                           @RequestParam(defaultValue = "500") int size) {
        AuditLogQueries.Page result = auditLog.handle(ReadModelController.auditLogQuery(
                sessionId, conversationId, participantId, actor, eventType, from, to, after, size));
        Csv csv = new Csv("position", "eventId", "eventType", "actor", "role", "occurredAt", "recordedAt",
                          "aggregateId", "sessionId", "conversationId", "participantIds", "participantLabels",
                          "anonymous", "erasureRequestedBy", "erasureReason", "erasureRequestReference");
        for (Entry e : result.entries()) {
            // actor and role of an anonymous contribution are already withheld for non-admins by the query
            AuditLogQueries.ErasureRequest erasure = e.erasure();
            csv.row(e.position(), e.eventId(), e.eventType(), e.actor(), e.role(), e.occurredAt(), e.recordedAt(),
                    e.aggregateId(), e.sessionId(), e.conversationId(), Csv.joined(e.participantIds()),
                    String.join("; ", e.participants().stream().map(ParticipantRef::label).toList()), e.anonymous(),
                    erasure == null ? null : erasure.requestedBy(), erasure == null ? null : erasure.reason(),
                    erasure == null ? null : erasure.requestReference());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (result.next() != null) {
            response.header(NEXT_HEADER, result.next().toString());
        }
        return csv(response, csv, "audit-log-after-" + (after == null ? "start" : after) + ".csv");
    }

    /** Where the next page of a CSV export starts (the body has no room for it). */
    static final String NEXT_HEADER = "Audit-Log-Next";
    static final String COVERAGE_NEXT_HEADER = "Coverage-Next";

    private static ResponseEntity<String> csv(Csv csv, String filename) {
        return csv(ResponseEntity.ok(), csv, filename);
    }

    private static ResponseEntity<String> csv(ResponseEntity.BodyBuilder response, Csv csv, String filename) {
        return response
                             .contentType(CSV)
                             .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                             .body(csv.toString());
    }
}
