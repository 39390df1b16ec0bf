package org.consultationtracker.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consultationtracker.query.agenda.AgendaQueries;
import org.consultationtracker.query.agenda.AgendaQueries.FindAgenda;
import org.consultationtracker.query.agenda.AgendaQueries.ListAgendas;
import org.consultationtracker.query.agenda.AgendaQueries.AgendaPage;
import org.consultationtracker.query.agenda.AgendaView;
import org.consultationtracker.query.auditlog.AuditLogQueries;
import org.consultationtracker.query.auditlog.AuditLogQueries.SearchAuditLog;
import org.consultationtracker.query.audittrail.AuditTrailQueries;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindParticipantTrail;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindParticipantTrailByPseudonym;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindPublishedReport;
import org.consultationtracker.query.audittrail.AuditTrailQueries.FindSectionTrail;
import org.consultationtracker.query.audittrail.AuditTrailView;
import org.consultationtracker.query.conversation.ConversationQueries;
import org.consultationtracker.query.conversation.ConversationQueries.FindConversation;
import org.consultationtracker.query.conversation.ConversationView;
import org.consultationtracker.query.coverage.CoverageQueries;
import org.consultationtracker.query.coverage.CoverageQueries.FindCoverage;
import org.consultationtracker.query.coverage.CoverageView;
import org.consultationtracker.query.coverage.Fate;
import org.consultationtracker.query.participation.ParticipationQueries;
import org.consultationtracker.query.participation.ParticipationQueries.FindConversationParticipation;
import org.consultationtracker.query.participation.ParticipationQueries.FindSessionParticipation;
import org.consultationtracker.query.participation.ParticipationView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON reads of every read model. Reviewer role or above (see SecurityConfiguration). */
@RestController
@RequestMapping("/api")
@Tag(name = "Read models", description = "Agenda, participation, audit trail, coverage and audit log")
@SecurityRequirement(name = "bearer")
public class ReadModelController {

    private final AgendaQueries agendas;
    private final ParticipationQueries participation;
    private final AuditTrailQueries trails;
    private final CoverageQueries coverage;
    private final AuditLogQueries auditLog;
    private final ConversationQueries conversations;

    public ReadModelController(AgendaQueries agendas, ParticipationQueries participation, AuditTrailQueries trails,
                               CoverageQueries coverage, AuditLogQueries auditLog,
                               ConversationQueries conversations) {
        this.conversations = conversations;
        this.agendas = agendas;
        this.participation = participation;
        this.trails = trails;
        this.coverage = coverage;
        this.auditLog = auditLog;
    }

    @GetMapping("/agendas")
    @Operation(summary = "The sessions, a page at a time: number, id, title and latest framing question",
               description = "Sessions are numbered 1, 2, 3… in the order their first event was recorded; a page "
                       + "holds those numbered above 'after'. Ask again with after=<next> until next is null.")
    public AgendaPage agendaList(@Parameter(description = "a session number: the page starts after it (the "
                                         + "previous page's 'next'); none for the first page")
                                 @RequestParam(required = false) Long after,
                                 @Parameter(description = "sessions per page, 1 to " + AgendaQueries.MAX_PAGE_SIZE)
                                 @RequestParam(defaultValue = "" + AgendaQueries.DEFAULT_PAGE_SIZE) int size) {
        return agendas.handle(new ListAgendas(after, size));
    }

    @GetMapping("/conversations/{conversationId}")
    @Operation(summary = "One conversation: hosts, summary, plenary summary, every key point with its original "
            + "words beside every edit, retraction and fate")
    public ConversationView conversation(@PathVariable String conversationId) {
        return conversations.handle(new FindConversation(conversationId));
    }

    @GetMapping("/agendas/{agendaId}")
    @Operation(summary = "The agenda of an Open Space session: grid, slots, proposals with their lineage")
    public AgendaView agenda(@PathVariable String agendaId,
                             @Parameter(description = "ISO-8601 instant: the agenda as recorded at that moment")
                             @RequestParam(required = false) String asOf) {
        return agendas.handle(new FindAgenda(agendaId, Parameters.instant("asOf", asOf)));
    }

    @GetMapping("/participation/sessions/{agendaId}")
    @Operation(summary = "Participation in a session: per conversation, per round, per stakeholder group")
    public ParticipationView.Session sessionParticipation(
            @PathVariable String agendaId,
            @Parameter(description = "ISO-8601 instant: participation as recorded at that moment")
            @RequestParam(required = false) String asOf) {
        return participation.handle(new FindSessionParticipation(agendaId, Parameters.instant("asOf", asOf)));
    }

    @GetMapping("/participation/conversations/{conversationId}")
    @Operation(summary = "Participation in one conversation")
    public ParticipationView.Conversation conversationParticipation(@PathVariable String conversationId) {
        return participation.handle(new FindConversationParticipation(conversationId));
    }

    @GetMapping("/audit-trail/participants/{participantId}")
    @Operation(summary = "Everything a participant contributed and what became of it")
    public AuditTrailView.Participant participantTrail(@PathVariable String participantId) {
        return trails.handle(new FindParticipantTrail(participantId));
    }

    @GetMapping("/audit-trail/participants")
    @Operation(summary = "The audit trail of the participant holding a pseudonym")
    public AuditTrailView.Participant participantTrailByPseudonym(@RequestParam String pseudonym) {
        return trails.handle(new FindParticipantTrailByPseudonym(pseudonym));
    }

    @GetMapping("/audit-trail/sections/{sectionId}")
    @Operation(summary = "The voices behind a report section, down to the original words")
    public AuditTrailView.Section sectionTrail(@PathVariable String sectionId) {
        return trails.handle(new FindSectionTrail(sectionId));
    }

    @GetMapping("/audit-trail/reports/{reportId}")
    @Operation(summary = "A report's latest published version: the quotes it published under a consent override "
            + "(with the reason) and the corrections needed since (quoted speakers who withdrew consent or were "
            + "erased after it was published)")
    public AuditTrailView.PublishedReport publishedReport(@PathVariable String reportId) {
        return trails.handle(new FindPublishedReport(reportId));
    }

    @GetMapping("/coverage")
    @Operation(summary = "Every key point with its fate, with totals per conversation and stakeholder group")
    public CoverageView coverage(@RequestParam(required = false) String agendaId,
                                 @RequestParam(required = false) String conversationId,
                                 @RequestParam(required = false) String stakeholderGroupId,
                                 @Parameter(description = "RETRACTED, CITED, SUMMARISED or NOT_YET_HANDLED")
                                 @RequestParam(required = false) String fate) {
        return coverage.handle(coverageQuery(agendaId, conversationId, stakeholderGroupId, fate));
    }

    @GetMapping("/audit-log")
    @Operation(summary = "Every event with actor, role, time said and time recorded; filtered, paged by position",
               description = "A page holds the entries at positions above 'after', ascending; ask again with "
                       + "after=<next> until next is null. A request looks at no more than "
                       + AuditLogQueries.MAX_EXAMINED + " entries, so with several filters (or a time range) a "
                       + "page may hold fewer than 'size' entries and still carry 'next'. totalEntries is exact "
                       + "with no filter or one (not by time), and null otherwise.")
    public AuditLogQueries.Page auditLog(@RequestParam(required = false) String sessionId,
                                         @RequestParam(required = false) String conversationId,
                                         @RequestParam(required = false) String participantId,
                                         @RequestParam(required = false) String actor,
                                         @RequestParam(required = false) String eventType,
                                         @Parameter(description = "recorded at or after (ISO-8601)")
                                         @RequestParam(required = false) String from,
                                         @Parameter(description = "recorded before (ISO-8601)")
                                         @RequestParam(required = false) String to,
                                         @Parameter(description = "a position: the page starts after it "
                                                 + "(the previous page's 'next'); none for the first page")
                                         @RequestParam(required = false) Long after,
                                         @RequestParam(defaultValue = "50") int size) {
        return auditLog.handle(auditLogQuery(sessionId, conversationId, participantId, actor, eventType, from, to,
                                             after, size));
    }

    static FindCoverage coverageQuery(String agendaId, String conversationId, String stakeholderGroupId,
                                      String fate) {
        return new FindCoverage(Parameters.blankToNull(agendaId), Parameters.blankToNull(conversationId),
                                Parameters.blankToNull(stakeholderGroupId),
                                Parameters.enumValue("fate", fate, Fate.class));
    }

    static SearchAuditLog auditLogQuery(String sessionId, String conversationId, String participantId, String actor,
                                        String eventType, String from, String to, Long after, int size) {
        return new SearchAuditLog(Parameters.blankToNull(sessionId), Parameters.blankToNull(conversationId),
                                  Parameters.blankToNull(participantId), Parameters.blankToNull(actor),
                                  Parameters.blankToNull(eventType), Parameters.instant("from", from),
                                  Parameters.instant("to", to), after, size);
    }
}
