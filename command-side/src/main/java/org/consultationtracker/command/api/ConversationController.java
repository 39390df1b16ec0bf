package org.consultationtracker.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.consultationtracker.command.api.contract.Bounds;
import org.consultationtracker.command.api.contract.HappenedAt;
import org.consultationtracker.command.api.contract.Identifier;
import org.consultationtracker.command.api.contract.Text;
import org.hibernate.validator.constraints.UniqueElements;
import org.consultationtracker.command.conversation.EditKeyPoint;
import org.consultationtracker.command.conversation.JoinConversation;
import org.consultationtracker.command.conversation.LeaveConversation;
import org.consultationtracker.command.conversation.MoveKeyPoint;
import org.consultationtracker.command.conversation.RecordKeyPoint;
import org.consultationtracker.command.conversation.RecordPlenaryContribution;
import org.consultationtracker.command.conversation.RecordPlenarySummary;
import org.consultationtracker.command.conversation.RetractKeyPoint;
import org.consultationtracker.command.conversation.StartConversation;
import org.consultationtracker.command.conversation.SummariseConversation;
import org.consultationtracker.command.lookup.CitableRecords;
import org.consultationtracker.command.lookup.CitableRecords.RecordedKeyPoint;
import org.consultationtracker.command.lookup.Timetable;
import org.consultationtracker.command.lookup.Timetable.RoundStatus;
import org.consultationtracker.command.participant.privacy.WordsProtection;
import org.consultationtracker.command.security.CurrentUser;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A conversation's id is the id of the proposal that was scheduled. */
@RestController
@RequestMapping("/api/conversations/{conversationId}")
@Tag(name = "Conversations", description = "Attendance, key points with edits and retractions, summary, plenary")
class ConversationController {

    private final CommandDispatch commands;
    private final OccurrenceTime time;
    private final WordsProtection words;
    private final Timetable timetable;
    private final CitableRecords records;

    ConversationController(CommandDispatch commands, OccurrenceTime time, WordsProtection words, Timetable timetable,
                           CitableRecords records) {
        this.commands = commands;
        this.time = time;
        this.words = words;
        this.timetable = timetable;
        this.records = records;
    }

    record StartRequest(@NotNull @Identifier String hostId, @HappenedAt Instant occurredAt) {
    }

    record AttendanceRequest(@NotNull @Identifier String participantId, @HappenedAt Instant occurredAt) {
    }

    /**
     * @param verbatim     whether the text is the speaker's own words (a quote); false when left out
     * @param attributedTo the speaker's participant id; leave out for an anonymous point
     * @param occurredAt   when it was said; defaults to now
     */
    record KeyPointRequest(@Identifier String keyPointId,
                           @NotNull KeyPointKind kind,
                           @NotNull @Text(max = Bounds.WORDS_MAX) String text,
                           Boolean verbatim,
                           @Identifier String attributedTo,
                           @HappenedAt Instant occurredAt) {
    }

    record EditRequest(@NotNull @Text(max = Bounds.WORDS_MAX) String text,
                       @NotNull @Text(max = Bounds.REASON_MAX) String reason,
                       @HappenedAt Instant occurredAt) {
    }

    record RetractionRequest(@NotNull @Text(max = Bounds.REASON_MAX) String reason, @HappenedAt Instant occurredAt) {
    }

    record KeyPointMoveRequest(@NotNull @Identifier String toConversationId,
                               @NotNull @Text(max = Bounds.REASON_MAX) String reason,
                               @HappenedAt Instant occurredAt) {
    }

    record SummaryRequest(@NotNull @Text(max = Bounds.SUMMARY_MAX) String summary,
                          @Size(max = Bounds.MAX_CITATIONS) @UniqueElements @Identifier List<String> citedKeyPointIds,
                          @HappenedAt Instant occurredAt) {
    }

    record PlenarySummaryRequest(@NotNull @Text(max = Bounds.SUMMARY_MAX) String summary,
                                 @Identifier String presentedBy,
                                 @HappenedAt Instant occurredAt) {
    }

    record PlenaryContributionRequest(@Identifier String contributionId,
                                      @Identifier String contributorId,
                                      @NotNull @Text(max = Bounds.WORDS_MAX) String text,
                                      @HappenedAt Instant occurredAt) {
    }

    @PostMapping("/start")
    @Operation(summary = "The host starts the scheduled conversation once its round is open")
    ResponseEntity<Map<String, Object>> start(@PathVariable @Identifier String conversationId,
                                              @Valid @RequestBody StartRequest request) {
        CurrentUser.fromSecurityContext().requireMayActFor(request.hostId());
        commands.send(new StartConversation(conversationId, request.hostId(), time.orNow(request.occurredAt())));
        return Outcome.done("conversationId", conversationId, "hostId", request.hostId());
    }

    /**
     * Joining a second room of the same round leaves the first: the participant leaves that conversation (which
     * records where they went) and joins this one (which records where they came from), both in one commit, so a
     * refused join leaves them where they were.
     */
    @PostMapping("/participants")
    @Operation(summary = "Join the conversation; if the participant is in another room of the round, they move")
    ResponseEntity<Map<String, Object>> join(@PathVariable @Identifier String conversationId,
                                             @Valid @RequestBody AttendanceRequest request) {
        CurrentUser.fromSecurityContext().requireMayActFor(request.participantId());
        Instant at = time.orNow(request.occurredAt());
        String movedFrom = roomToLeave(conversationId, request.participantId());
        JoinConversation join = new JoinConversation(conversationId, request.participantId(), movedFrom, at);
        if (movedFrom == null) {
            commands.send(join);
        } else {
            commands.sendTogether(List.of(
                    new LeaveConversation(movedFrom, request.participantId(), conversationId, at), join));
        }
        return Outcome.done("conversationId", conversationId, "participantId", request.participantId(),
                "movedFromConversationId", movedFrom);
    }

    @PostMapping("/departures")
    @Operation(summary = "Leave the conversation")
    ResponseEntity<Map<String, Object>> leave(@PathVariable @Identifier String conversationId,
                                              @Valid @RequestBody AttendanceRequest request) {
        CurrentUser.fromSecurityContext().requireMayActFor(request.participantId());
        commands.send(new LeaveConversation(conversationId, request.participantId(), null,
                time.orNow(request.occurredAt())));
        return Outcome.done("conversationId", conversationId, "participantId", request.participantId());
    }

    @PostMapping("/key-points")
    @Operation(summary = "Record a key point; a participant may record only points attributed to themselves")
    ResponseEntity<Map<String, Object>> recordKeyPoint(@PathVariable @Identifier String conversationId,
                                                       @Valid @RequestBody KeyPointRequest request) {
        CurrentUser user = CurrentUser.fromSecurityContext();
        if (user.actsOnlyForThemselves()) {
            user.requireMayActFor(request.attributedTo());
        }
        String keyPointId = ApiIds.orNew(request.keyPointId());
        List<String> warnings = commands.send(new RecordKeyPoint(conversationId, keyPointId, request.kind(),
                words.protect(request.attributedTo(), request.text()), Boolean.TRUE.equals(request.verbatim()),
                request.attributedTo(),
                user.username(), time.orNow(request.occurredAt())));
        return Outcome.created("/api/conversations/" + conversationId + "/key-points/" + keyPointId,
                "conversationId", conversationId, "keyPointId", keyPointId,
                "warnings", warnings == null ? List.of() : warnings);
    }

    /**
     * The key point keeps its id and its history; from now on it is addressed under the target conversation. Refused
     * (409) for a retracted point or a target of another consultation, 404 for a key point this conversation does not
     * hold or a target that never started.
     */
    @PostMapping("/key-points/{keyPointId}/moves")
    @Operation(summary = "Move a mis-filed key point to another conversation of the same consultation, with the "
            + "reason; it keeps its id, original words, edits and trail")
    ResponseEntity<Map<String, Object>> moveKeyPoint(@PathVariable @Identifier String conversationId,
                                                     @PathVariable @Identifier String keyPointId,
                                                     @Valid @RequestBody KeyPointMoveRequest request) {
        if (request.toConversationId().equals(conversationId)) {
            throw new FieldRuleBroken("toConversationId", "must name another conversation than the one holding it");
        }
        commands.send(new MoveKeyPoint(conversationId, keyPointId, request.toConversationId(), request.reason(),
                CurrentUser.fromSecurityContext().username(), time.orNow(request.occurredAt())));
        return Outcome.done("keyPointId", keyPointId, "fromConversationId", conversationId,
                "conversationId", request.toConversationId());
    }

    @PostMapping("/key-points/{keyPointId}/edits")
    @Operation(summary = "Edit a key point for clarity; the original and every edit are kept")
    ResponseEntity<Map<String, Object>> editKeyPoint(@PathVariable @Identifier String conversationId,
                                                     @PathVariable @Identifier String keyPointId,
                                                     @Valid @RequestBody EditRequest request) {
        CurrentUser user = CurrentUser.fromSecurityContext();
        String attributedTo = records.keyPoint(keyPointId).map(RecordedKeyPoint::attributedTo).orElse(null);
        commands.send(new EditKeyPoint(conversationId, keyPointId, words.protect(attributedTo, request.text()),
                request.reason(), user.username(), !user.actsOnlyForThemselves(), time.orNow(request.occurredAt())));
        return Outcome.done("conversationId", conversationId, "keyPointId", keyPointId);
    }

    @PostMapping("/key-points/{keyPointId}/retractions")
    @Operation(summary = "Retract a key point, with the reason")
    ResponseEntity<Map<String, Object>> retractKeyPoint(@PathVariable @Identifier String conversationId,
                                                        @PathVariable @Identifier String keyPointId,
                                                        @Valid @RequestBody RetractionRequest request) {
        commands.send(new RetractKeyPoint(conversationId, keyPointId, request.reason(),
                CurrentUser.fromSecurityContext().username(), time.orNow(request.occurredAt())));
        return Outcome.done("conversationId", conversationId, "keyPointId", keyPointId);
    }

    @PostMapping("/summary")
    @Operation(summary = "Summarise the conversation, citing its key points")
    ResponseEntity<Map<String, Object>> summarise(@PathVariable @Identifier String conversationId,
                                                  @Valid @RequestBody SummaryRequest request) {
        commands.send(new SummariseConversation(conversationId, request.summary(),
                request.citedKeyPointIds() == null ? List.of() : request.citedKeyPointIds(),
                CurrentUser.fromSecurityContext().username(), time.orNow(request.occurredAt())));
        return Outcome.done("conversationId", conversationId);
    }

    @PostMapping("/plenary-summary")
    @Operation(summary = "Record what the plenary heard about this conversation after its round closed")
    ResponseEntity<Map<String, Object>> plenarySummary(@PathVariable @Identifier String conversationId,
                                                       @Valid @RequestBody PlenarySummaryRequest request) {
        commands.send(new RecordPlenarySummary(conversationId, request.summary(), request.presentedBy(),
                time.orNow(request.occurredAt())));
        return Outcome.done("conversationId", conversationId);
    }

    @PostMapping("/plenary-contributions")
    @Operation(summary = "Record a plenary (chat) contribution about this conversation")
    ResponseEntity<Map<String, Object>> plenaryContribution(@PathVariable @Identifier String conversationId,
                                                            @Valid @RequestBody PlenaryContributionRequest request) {
        CurrentUser user = CurrentUser.fromSecurityContext();
        if (user.actsOnlyForThemselves()) {
            user.requireMayActFor(request.contributorId());
        }
        String contributionId = ApiIds.orNew(request.contributionId());
        commands.send(new RecordPlenaryContribution(conversationId, contributionId, request.contributorId(),
                words.protect(request.contributorId(), request.text()), time.orNow(request.occurredAt())));
        return Outcome.created("/api/conversations/" + conversationId + "/plenary-contributions/" + contributionId,
                "conversationId", conversationId, "contributionId", contributionId);
    }

    /** The other room of this round the participant is in, if this conversation is running and its round open. */
    private String roomToLeave(String conversationId, String participantId) {
        return timetable.slotOf(conversationId)
                .filter(Timetable.Slot::started)
                .filter(slot -> timetable.roundStatus(slot.agendaId(), slot.round()) == RoundStatus.OPEN)
                .flatMap(slot -> timetable.whereabouts(slot.agendaId(), slot.round(), participantId))
                .filter(elsewhere -> !elsewhere.equals(conversationId))
                .orElse(null);
    }
}
