package org.consultationtracker.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.consultationtracker.command.api.contract.Bounds;
import org.consultationtracker.command.api.contract.HappenedAt;
import org.consultationtracker.command.api.contract.Identifier;
import org.consultationtracker.command.api.contract.Period;
import org.consultationtracker.command.api.contract.Text;
import org.hibernate.validator.constraints.UniqueElements;
import org.consultationtracker.command.agenda.AnnounceAgenda;
import org.consultationtracker.command.agenda.ClarifyProposal;
import org.consultationtracker.command.agenda.CloseRound;
import org.consultationtracker.command.agenda.DefineGrid;
import org.consultationtracker.command.agenda.MergeProposals;
import org.consultationtracker.command.agenda.MoveConversation;
import org.consultationtracker.command.agenda.OpenRound;
import org.consultationtracker.command.agenda.PitchProposal;
import org.consultationtracker.command.agenda.PoseFramingQuestion;
import org.consultationtracker.command.agenda.ReverseMerge;
import org.consultationtracker.command.agenda.ProposeConversation;
import org.consultationtracker.command.agenda.ScheduleConversation;
import org.consultationtracker.command.agenda.SplitProposal;
import org.consultationtracker.command.agenda.WithdrawProposal;
import org.consultationtracker.command.security.CurrentUser;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.SplitPart;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The agenda of an Open Space session; its id is the session's id. */
@RestController
@RequestMapping("/api/agendas/{agendaId}")
@Tag(name = "Agenda", description = "The marketplace: framing question, grid, proposals, merges, schedule, rounds")
class AgendaController {

    private final CommandDispatch commands;
    private final OccurrenceTime time;
    private final IdsInUse ids;

    AgendaController(CommandDispatch commands, OccurrenceTime time, IdsInUse ids) {
        this.commands = commands;
        this.time = time;
        this.ids = ids;
    }

    record FramingQuestionRequest(@NotNull @Text(max = Bounds.FRAMING_QUESTION_MAX) String question,
                                  @HappenedAt Instant occurredAt) {
    }

    record AnnouncementRequest(@Min(0) @Max(Bounds.MAX_ANNOUNCED_CONVERSATIONS) Integer announcedConversations,
                               @Size(max = Bounds.MAX_ROUNDS) List<@NotNull @Min(0)
                                       @Max(Bounds.MAX_ANNOUNCED_PER_ROUND) Integer> announcedPerRound,
                               @NotNull @Text(max = Bounds.DESCRIPTION_MAX) String asWritten,
                               @NotNull @Text(max = Bounds.SOURCE_MAX) String source,
                               @HappenedAt Instant occurredAt) {
    }

    private static final String ROUND_PERIOD = Period.DOCUMENTATION + " At most 24 hours long.";

    @Period(longestHours = 24)
    record GridRoundRequest(@NotNull @Min(1) @Max(Bounds.MAX_ROUNDS) Integer round,
                            @NotNull @Schema(description = ROUND_PERIOD) Instant startsAt,
                            @NotNull @Schema(description = ROUND_PERIOD) Instant endsAt) implements Period.Planned {
    }

    record GridRequest(@NotNull @Size(min = 1, max = Bounds.MAX_ROUNDS) List<@Valid @NotNull GridRoundRequest> rounds,
                       @NotNull @Size(min = 1, max = Bounds.MAX_ROOMS) @UniqueElements @Text(max = Bounds.ROOM_MAX)
                       List<String> rooms,
                       @HappenedAt Instant occurredAt) {
    }

    record ProposalRequest(@Identifier String proposalId,
                           @NotNull @Identifier String proposerId,
                           @NotNull @Text(max = Bounds.QUESTION_MAX) String question,
                           @Text(max = Bounds.DESCRIPTION_MAX) String pitch,
                           @HappenedAt Instant occurredAt) {
    }

    record PitchRequest(@NotNull @Text(max = Bounds.DESCRIPTION_MAX) String pitch, @HappenedAt Instant occurredAt) {
    }

    record MergeRequest(@Identifier String mergedProposalId,
                        @NotNull @Size(min = 1, max = Bounds.MAX_MERGED_PROPOSALS) @UniqueElements @Identifier
                        List<String> sourceProposalIds,
                        @NotNull @Text(max = Bounds.QUESTION_MAX) String question,
                        @NotNull @Text(max = Bounds.DESCRIPTION_MAX) String rationale,
                        @NotNull @Size(min = 1, max = Bounds.MAX_MERGED_PROPOSALS) @UniqueElements @Identifier
                        List<String> agreedBy,
                        @HappenedAt Instant occurredAt) {
    }

    record ClarificationRequest(@NotNull @Identifier String resembledProposalId,
                                @NotNull @Text(max = Bounds.QUESTION_MAX) String question,
                                @HappenedAt Instant occurredAt) {
    }

    /** @param hostIds who hosts this part; left out or empty, the original's hosts (as a split always did) */
    record SplitPartRequest(@Identifier String proposalId,
                            @NotNull @Text(max = Bounds.QUESTION_MAX) String question,
                            @Size(max = Bounds.MAX_MERGED_PROPOSALS) @UniqueElements @Identifier
                            List<String> hostIds) {
    }

    record ReversalRequest(@NotNull @Text(max = Bounds.REASON_MAX) String reason, @HappenedAt Instant occurredAt) {
    }

    record SplitRequest(@NotNull @Size(min = 1, max = Bounds.MAX_SPLIT_PARTS) List<@Valid @NotNull SplitPartRequest> parts,
                        @HappenedAt Instant occurredAt) {
    }

    record WithdrawalRequest(@NotNull @Text(max = Bounds.REASON_MAX) String reason, @HappenedAt Instant occurredAt) {
    }

    record ScheduleRequest(@NotNull @Identifier String proposalId,
                           @NotNull @Min(1) @Max(Bounds.MAX_ROUNDS) Integer round,
                           @NotNull @Text(max = Bounds.ROOM_MAX) String room,
                           @HappenedAt Instant occurredAt) {
    }

    record MoveRequest(@NotNull @Identifier String conversationId,
                       @NotNull @Min(1) @Max(Bounds.MAX_ROUNDS) Integer round,
                       @NotNull @Text(max = Bounds.ROOM_MAX) String room,
                       @HappenedAt Instant occurredAt) {
    }

    record RoundRequest(@HappenedAt Instant occurredAt) {
    }

    @PostMapping("/framing-question")
    @Operation(summary = "Pose (or reword) the framing question; the first one opens the agenda")
    ResponseEntity<Map<String, Object>> poseFramingQuestion(@PathVariable @Identifier String agendaId,
                                                            @Valid @RequestBody FramingQuestionRequest request) {
        commands.send(new PoseFramingQuestion(agendaId, request.question(), time.orNow(request.occurredAt())));
        return Outcome.done("agendaId", agendaId);
    }

    @PostMapping("/announcements")
    @Operation(summary = "Record what a source (e.g. the report) announced about the agenda, as written: "
            + "a number of conversations and/or numbers per round")
    ResponseEntity<Map<String, Object>> announce(@PathVariable @Identifier String agendaId,
                                                 @Valid @RequestBody AnnouncementRequest request) {
        commands.send(new AnnounceAgenda(agendaId, request.announcedConversations(),
                request.announcedPerRound() == null ? List.of() : request.announcedPerRound(), request.asWritten(),
                request.source(), time.orNow(request.occurredAt())));
        return Outcome.done("agendaId", agendaId);
    }

    @PutMapping("/grid")
    @Operation(summary = "Define the grid: rounds (numbered from 1, with times) × rooms")
    ResponseEntity<Map<String, Object>> defineGrid(@PathVariable @Identifier String agendaId,
                                                   @Valid @RequestBody GridRequest request) {
        List<GridRound> rounds = request.rounds().stream()
                .map(r -> new GridRound(r.round(), r.startsAt(), r.endsAt())).toList();
        commands.send(new DefineGrid(agendaId, rounds, request.rooms(), time.orNow(request.occurredAt())));
        return Outcome.done("agendaId", agendaId);
    }

    @PostMapping("/proposals")
    @Operation(summary = "Propose a conversation (a participant may propose only as themselves)")
    ResponseEntity<Map<String, Object>> propose(@PathVariable @Identifier String agendaId,
                                                @Valid @RequestBody ProposalRequest request) {
        CurrentUser.fromSecurityContext().requireMayActFor(request.proposerId());
        ids.requireUnused("proposalId", request.proposalId());
        String proposalId = ApiIds.orNew(request.proposalId());
        commands.send(new ProposeConversation(agendaId, proposalId, request.proposerId(), request.question(),
                request.pitch(), time.orNow(request.occurredAt())));
        return Outcome.created("/api/agendas/" + agendaId + "/proposals/" + proposalId,
                "agendaId", agendaId, "proposalId", proposalId);
    }

    @PostMapping("/proposals/{proposalId}/pitch")
    @Operation(summary = "Record a pitch for a proposal")
    ResponseEntity<Map<String, Object>> pitch(@PathVariable @Identifier String agendaId, @PathVariable @Identifier String proposalId,
                                              @Valid @RequestBody PitchRequest request) {
        commands.send(new PitchProposal(agendaId, proposalId, request.pitch(), time.orNow(request.occurredAt())));
        return Outcome.done("agendaId", agendaId, "proposalId", proposalId);
    }

    @PostMapping("/merges")
    @Operation(summary = "Merge two or more proposals into a new one; every host must agree")
    ResponseEntity<Map<String, Object>> merge(@PathVariable @Identifier String agendaId,
                                              @Valid @RequestBody MergeRequest request) {
        ids.requireUnused("mergedProposalId", request.mergedProposalId());
        String mergedId = ApiIds.orNew(request.mergedProposalId());
        commands.send(new MergeProposals(agendaId, mergedId, request.sourceProposalIds(), request.question(),
                request.rationale(), request.agreedBy(), time.orNow(request.occurredAt())));
        return Outcome.created("/api/agendas/" + agendaId + "/proposals/" + mergedId,
                "agendaId", agendaId, "proposalId", mergedId);
    }

    @PostMapping("/merges/{mergedProposalId}/reversal")
    @Operation(summary = "Reverse a merge, with the reason: the merged proposal leaves the agenda and its sources come "
            + "back under their own ids; refused (409) once the merged proposal is scheduled, merged again, split or "
            + "withdrawn")
    ResponseEntity<Map<String, Object>> reverseMerge(@PathVariable @Identifier String agendaId,
                                                     @PathVariable @Identifier String mergedProposalId,
                                                     @Valid @RequestBody ReversalRequest request) {
        commands.send(new ReverseMerge(agendaId, mergedProposalId, request.reason(),
                CurrentUser.fromSecurityContext().username(), time.orNow(request.occurredAt())));
        return Outcome.done("agendaId", agendaId, "mergedProposalId", mergedProposalId, "status", "REVERSED");
    }

    /**
     * A merge is part of the record and is never deleted; it is reversed, which keeps both steps in the lineage. The
     * answer says so instead of a bare refusal.
     */
    @DeleteMapping("/merges/{mergedProposalId}")
    @Operation(summary = "Not allowed (405): a merge is reversed with POST …/merges/{mergedProposalId}/reversal, "
            + "never deleted")
    ResponseEntity<ProblemDetail> deleteMerge(@PathVariable @Identifier String agendaId,
                                              @PathVariable @Identifier String mergedProposalId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
                "A merge is never deleted: it stays in the record. To undo it, reverse it with POST /api/agendas/"
                        + agendaId + "/merges/" + mergedProposalId + "/reversal and a reason; the sources come back "
                        + "under their own ids and the lineage shows both steps.");
        problem.setTitle("Use the reversal");
        problem.setProperty("reversal", "/api/agendas/" + agendaId + "/merges/" + mergedProposalId + "/reversal");
        problem.setProperty("errors", List.of(Map.of("field", "method",
                "message", "a merge is never deleted; reverse it with POST on its reversal")));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @PostMapping("/proposals/{proposalId}/clarifications")
    @Operation(summary = "Reword a proposal that turned out different from one it resembled, and keep it apart")
    ResponseEntity<Map<String, Object>> clarify(@PathVariable @Identifier String agendaId, @PathVariable @Identifier String proposalId,
                                                @Valid @RequestBody ClarificationRequest request) {
        commands.send(new ClarifyProposal(agendaId, proposalId, request.resembledProposalId(), request.question(),
                time.orNow(request.occurredAt())));
        return Outcome.done("agendaId", agendaId, "proposalId", proposalId);
    }

    @PostMapping("/proposals/{proposalId}/splits")
    @Operation(summary = "Split a proposal into several; Location names the first part")
    ResponseEntity<Map<String, Object>> split(@PathVariable @Identifier String agendaId, @PathVariable @Identifier String proposalId,
                                              @Valid @RequestBody SplitRequest request) {
        for (int i = 0; i < request.parts().size(); i++) {
            ids.requireUnused("parts[" + i + "].proposalId", request.parts().get(i).proposalId());
        }
        List<SplitPart> parts = request.parts().stream()
                .map(p -> new SplitPart(ApiIds.orNew(p.proposalId()), p.question(),
                        p.hostIds() == null ? List.of() : p.hostIds())).toList();
        commands.send(new SplitProposal(agendaId, proposalId, parts, time.orNow(request.occurredAt())));
        List<String> partIds = parts.stream().map(SplitPart::proposalId).toList();
        return Outcome.created("/api/agendas/" + agendaId + "/proposals/" + partIds.get(0),
                "agendaId", agendaId, "proposalId", proposalId, "partProposalIds", partIds);
    }

    @PostMapping("/proposals/{proposalId}/withdrawal")
    @Operation(summary = "Withdraw a proposal (a scheduled one only before its round opens)")
    ResponseEntity<Map<String, Object>> withdraw(@PathVariable @Identifier String agendaId, @PathVariable @Identifier String proposalId,
                                                 @Valid @RequestBody WithdrawalRequest request) {
        commands.send(new WithdrawProposal(agendaId, proposalId, request.reason(), time.orNow(request.occurredAt())));
        return Outcome.done("agendaId", agendaId, "proposalId", proposalId);
    }

    @PostMapping("/schedule")
    @Operation(summary = "Schedule a proposal into a free slot of the grid; it becomes conversation <proposalId>")
    ResponseEntity<Map<String, Object>> schedule(@PathVariable @Identifier String agendaId,
                                                 @Valid @RequestBody ScheduleRequest request) {
        commands.send(new ScheduleConversation(agendaId, request.proposalId(), request.round(), request.room(),
                time.orNow(request.occurredAt())));
        return Outcome.done("agendaId", agendaId, "conversationId", request.proposalId(),
                "round", request.round(), "room", request.room());
    }

    @PostMapping("/moves")
    @Operation(summary = "Move a scheduled conversation to another free slot before its round opens")
    ResponseEntity<Map<String, Object>> move(@PathVariable @Identifier String agendaId, @Valid @RequestBody MoveRequest request) {
        commands.send(new MoveConversation(agendaId, request.conversationId(), request.round(), request.room(),
                time.orNow(request.occurredAt())));
        return Outcome.done("agendaId", agendaId, "conversationId", request.conversationId(),
                "round", request.round(), "room", request.room());
    }

    @PostMapping("/rounds/{round}/open")
    @Operation(summary = "Open a round (one at a time)")
    ResponseEntity<Map<String, Object>> openRound(@PathVariable @Identifier String agendaId, @PathVariable @Min(1) @Max(Bounds.MAX_ROUNDS) int round,
                                                  @Valid @RequestBody(required = false) RoundRequest request) {
        commands.send(new OpenRound(agendaId, round, time.orNow(request == null ? null : request.occurredAt())));
        return Outcome.done("agendaId", agendaId, "round", round, "status", "OPEN");
    }

    @PostMapping("/rounds/{round}/close")
    @Operation(summary = "Close the open round")
    ResponseEntity<Map<String, Object>> closeRound(@PathVariable @Identifier String agendaId, @PathVariable @Min(1) @Max(Bounds.MAX_ROUNDS) int round,
                                                   @Valid @RequestBody(required = false) RoundRequest request) {
        commands.send(new CloseRound(agendaId, round, time.orNow(request == null ? null : request.occurredAt())));
        return Outcome.done("agendaId", agendaId, "round", round, "status", "CLOSED");
    }
}
