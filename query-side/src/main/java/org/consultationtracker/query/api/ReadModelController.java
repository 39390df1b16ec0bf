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
import org.consultationtracker.query.audittrail.RosterQueries;
import org.consultationtracker.query.audittrail.RosterQueries.ListConsultations;
import org.consultationtracker.query.audittrail.RosterQueries.ListRegisteredParticipants;
import org.consultationtracker.query.audittrail.RosterView;
import org.consultationtracker.query.conversation.CitingSections;
import org.consultationtracker.query.conversation.ConversationQueries.FindCitingSections;
import org.consultationtracker.query.participation.ParticipationQueries.FindPresenceTimeline;
import org.consultationtracker.query.participation.PresenceTimeline;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.voiceflow.VoiceFlow;
import org.consultationtracker.query.voiceflow.VoiceFlowQueries;
import org.consultationtracker.query.voiceflow.VoiceFlowQueries.FindVoiceFlow;
import org.consultationtracker.query.voiceflow.VoiceFlowQueries.ListReports;
import org.consultationtracker.query.writing.ReportDraft;
import org.consultationtracker.query.writing.ReportDraftQueries;
import org.consultationtracker.query.writing.ReportDraftQueries.FindReportDraft;
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
    private final VoiceFlowQueries voiceFlows;
    private final RosterQueries rosters;
    private final ReportDraftQueries drafts;

    public ReadModelController(AgendaQueries agendas, ParticipationQueries participation, AuditTrailQueries trails,
                               CoverageQueries coverage, AuditLogQueries auditLog,
                               ConversationQueries conversations, VoiceFlowQueries voiceFlows,
                               RosterQueries rosters, ReportDraftQueries drafts) {
        this.drafts = drafts;
        this.conversations = conversations;
        this.voiceFlows = voiceFlows;
        this.rosters = rosters;
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

    @GetMapping("/conversations/{conversationId}/presence")
    @Operation(summary = "Who came into the conversation's room and left it, in time order, with the number present "
            + "after each step (participants by pseudonym or 'an erased participant')")
    public PresenceTimeline presence(@PathVariable String conversationId) {
        return participation.handle(new FindPresenceTimeline(conversationId));
    }

    @GetMapping("/conversations/{conversationId}/citing-sections")
    @Operation(summary = "The report sections citing the conversation as a whole or any of its key points (directly "
            + "or through a theme), with report, position, heading and published versions")
    public CitingSections citingSections(@PathVariable String conversationId) {
        return conversations.handle(new FindCitingSections(conversationId));
    }

    @GetMapping("/reports")
    @Operation(summary = "The reports of a consultation, in the order they were started, to choose one")
    public java.util.List<VoiceFlow.ReportSummary> reports(@RequestParam String consultationId) {
        return voiceFlows.handle(new ListReports(required("consultationId", consultationId)));
    }

    @GetMapping("/reports/{reportId}/voice-flow")
    @Operation(summary = "How voices flowed into one report: nodes (stakeholder groups, conversations, themes, "
            + "sections, fates) and links with the key points along them, with totals")
    public VoiceFlow voiceFlow(@PathVariable String reportId,
                               @Parameter(description = "only this session's key points (those of its "
                                       + "conversations), including the ones the report does not take up")
                               @RequestParam(required = false) String agendaId) {
        return voiceFlows.handle(new FindVoiceFlow(reportId, Parameters.blankToNull(agendaId)));
    }

    @GetMapping("/reports/{reportId}/draft")
    @Operation(summary = "A report's draft: its themes with the key points tagged with them (and counts per "
            + "stakeholder group), its sections in order with their citations, the versions published, and the "
            + "words of every tagged or directly cited key point")
    public ReportDraft reportDraft(@PathVariable String reportId,
                                   @Parameter(description = "ISO-8601 instant: the draft as it stood at that moment")
                                   @RequestParam(required = false) String asOf,
                                   @Parameter(description = AS_OF_BASIS)
                                   @RequestParam(required = false) String asOfBasis) {
        return drafts.handle(new FindReportDraft(reportId, Parameters.instant("asOf", asOf),
                                                 Parameters.asOfBasis(asOfBasis)));
    }

    @GetMapping("/consultations")
    @Operation(summary = "The consultations in the order they started, a page at a time")
    public RosterView.ConsultationPage consultations(
            @Parameter(description = "the position of the last consultation already shown (a page's next)")
            @RequestParam(required = false) String after,
            @Parameter(description = "1 to 500") @RequestParam(required = false) String size) {
        return rosters.handle(new ListConsultations(position("after", after), pageSize(size)));
    }

    @GetMapping("/consultations/{consultationId}/participants")
    @Operation(summary = "The participants registered for a consultation, in the order they registered, with label "
            + "and stakeholder groups, a page at a time")
    public RosterView.ParticipantPage registeredParticipants(
            @PathVariable String consultationId,
            @Parameter(description = "the position of the last participant already shown (a page's next)")
            @RequestParam(required = false) String after,
            @Parameter(description = "1 to 500") @RequestParam(required = false) String size) {
        return rosters.handle(new ListRegisteredParticipants(consultationId, position("after", after),
                                                             pageSize(size)));
    }

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    private static String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFilter(parameter, "is required");
        }
        return value;
    }

    /** A keyset position: plain decimal digits, at most nine of them. */
    static Integer position(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("\\d{1,9}")) {
            throw new InvalidFilter(parameter, "must be a position: plain decimal digits (a page's next)");
        }
        return Integer.parseInt(value);
    }

    static int pageSize(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PAGE;
        }
        if (!value.matches("\\d{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_PAGE) {
            throw new InvalidFilter("size", "must be a whole number from 1 to " + MAX_PAGE);
        }
        return Integer.parseInt(value);
    }

    @GetMapping("/agendas/{agendaId}")
    @Operation(summary = "The agenda of an Open Space session: grid, slots, proposals with their lineage")
    public AgendaView agenda(@PathVariable String agendaId,
                             @Parameter(description = "ISO-8601 instant: the agenda as it stood at that moment")
                             @RequestParam(required = false) String asOf,
                             @Parameter(description = AS_OF_BASIS)
                             @RequestParam(required = false) String asOfBasis) {
        return agendas.handle(new FindAgenda(agendaId, Parameters.instant("asOf", asOf),
                                             Parameters.asOfBasis(asOfBasis)));
    }

    static final String AS_OF_BASIS = "with asOf: 'recorded' (the default: what had been recorded by then) or "
            + "'said' (what had happened by then, by each event's own time, however late it was recorded)";

    @GetMapping("/participation/sessions/{agendaId}")
    @Operation(summary = "Participation in a session: per conversation, per round, per stakeholder group")
    public ParticipationView.Session sessionParticipation(
            @PathVariable String agendaId,
            @Parameter(description = "ISO-8601 instant: participation as it stood at that moment")
            @RequestParam(required = false) String asOf,
            @Parameter(description = AS_OF_BASIS) @RequestParam(required = false) String asOfBasis) {
        return participation.handle(new FindSessionParticipation(agendaId, Parameters.instant("asOf", asOf),
                                                                 Parameters.asOfBasis(asOfBasis)));
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
    public AuditTrailView.Section sectionTrail(@PathVariable String sectionId,
                                              @Parameter(description = "ISO-8601 instant: the trail as it stood "
                                                      + "at that moment")
                                              @RequestParam(required = false) String asOf,
                                              @Parameter(description = AS_OF_BASIS)
                                              @RequestParam(required = false) String asOfBasis) {
        return trails.handle(new FindSectionTrail(sectionId, Parameters.instant("asOf", asOf),
                                                  Parameters.asOfBasis(asOfBasis)));
    }

    @GetMapping("/audit-trail/reports/{reportId}")
    @Operation(summary = "A report's latest published version: the quotes it published under a consent override "
            + "(with the reason) and the corrections needed since (quoted speakers who withdrew consent or were "
            + "erased after it was published)")
    public AuditTrailView.PublishedReport publishedReport(@PathVariable String reportId,
                                                          @Parameter(description = "ISO-8601 instant: the latest "
                                                                  + "version published by then, as it stood then")
                                                          @RequestParam(required = false) String asOf,
                                                          @Parameter(description = AS_OF_BASIS)
                                                          @RequestParam(required = false) String asOfBasis) {
        return trails.handle(new FindPublishedReport(reportId, Parameters.instant("asOf", asOf),
                                                     Parameters.asOfBasis(asOfBasis)));
    }

    @GetMapping("/coverage")
    @Operation(summary = "Every key point with its fate, with totals per conversation and stakeholder group",
               description = "With agendaId or conversationId the answer is that scope whole, with exact totals "
                       + "('after' and 'size' do not apply; next is null). Without either (everything, or one "
                       + "stakeholder group) it is a page of key points in the order they were recorded, after the "
                       + "position 'after': ask again with after=<next> until next is null. Such a page reads at "
                       + "most " + CoverageQueries.MAX_PAGE_SIZE + " key points and a bounded number of buckets, so "
                       + "it may hold fewer than 'size' (a sparse group, or a fate filter applied to the page) and "
                       + "still carry next; its totals, byConversation, byStakeholderGroup and "
                       + "summarisedConversationIds are null, and keyPointCount counts the whole answer.")
    public CoverageView coverage(@RequestParam(required = false) String agendaId,
                                 @RequestParam(required = false) String conversationId,
                                 @RequestParam(required = false) String stakeholderGroupId,
                                 @Parameter(description = "RETRACTED, CITED, CITED_WITH_CONVERSATION, SUMMARISED or NOT_YET_HANDLED")
                                 @RequestParam(required = false) String fate,
                                 @Parameter(description = "a position: the page starts after it (the previous "
                                         + "page's 'next'); none for the first page")
                                 @RequestParam(required = false) Long after,
                                 @RequestParam(defaultValue = "" + CoverageQueries.DEFAULT_PAGE_SIZE) int size) {
        return coverage.handle(coverageQuery(agendaId, conversationId, stakeholderGroupId, fate, after, size));
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
                                      String fate, Long after, int size) {
        return new FindCoverage(Parameters.blankToNull(agendaId), Parameters.blankToNull(conversationId),
                                Parameters.blankToNull(stakeholderGroupId),
                                Parameters.enumValue("fate", fate, Fate.class), after, size);
    }

    static SearchAuditLog auditLogQuery(String sessionId, String conversationId, String participantId, String actor,
                                        String eventType, String from, String to, Long after, int size) {
        return new SearchAuditLog(Parameters.blankToNull(sessionId), Parameters.blankToNull(conversationId),
                                  Parameters.blankToNull(participantId), Parameters.blankToNull(actor),
                                  Parameters.blankToNull(eventType), Parameters.instant("from", from),
                                  Parameters.instant("to", to), after, size);
    }
}
