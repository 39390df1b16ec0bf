package org.consultationtracker.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.consultationtracker.command.api.contract.Bounds;
import org.consultationtracker.command.api.contract.HappenedAt;
import org.consultationtracker.command.api.contract.Identifier;
import org.consultationtracker.command.api.contract.Text;
import org.consultationtracker.command.feedback.GiveSessionFeedback;
import org.consultationtracker.command.participant.privacy.WordsProtection;
import org.consultationtracker.command.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;

@RestController
@Tag(name = "Session feedback", description = "Participants' feedback on a session as a whole, named or anonymous")
class FeedbackController {

    private final CommandDispatch commands;
    private final OccurrenceTime time;
    private final WordsProtection words;
    private final IdsInUse ids;

    FeedbackController(CommandDispatch commands, OccurrenceTime time, WordsProtection words, IdsInUse ids) {
        this.commands = commands;
        this.time = time;
        this.words = words;
        this.ids = ids;
    }

    /**
     * @param contributorId the participant who gave it, or leave out for anonymous feedback
     * @param verbatim      whether the text is the contributor's own words; false when left out
     * @param occurredAt    when it was given; defaults to now
     */
    record SessionFeedbackRequest(@Identifier String feedbackId,
                                  @Identifier String contributorId,
                                  @NotNull @Text(max = Bounds.WORDS_MAX) String text,
                                  Boolean verbatim,
                                  @HappenedAt Instant occurredAt) {
    }

    @PostMapping("/api/consultations/{consultationId}/sessions/{sessionId}/feedback")
    @Operation(summary = "Record a participant's feedback on a session as a whole (in no conversation); a named "
            + "contributor's words are encrypted with their words key")
    ResponseEntity<Map<String, Object>> give(@PathVariable @Identifier String consultationId,
                                             @PathVariable @Identifier String sessionId,
                                             @Valid @RequestBody SessionFeedbackRequest request) {
        CurrentUser user = CurrentUser.fromSecurityContext();
        if (request.contributorId() != null) {
            user.requireMayActFor(request.contributorId());
        }
        ids.requireUnused("feedbackId", request.feedbackId());
        String feedbackId = ApiIds.orNew(request.feedbackId());
        commands.send(new GiveSessionFeedback(feedbackId, consultationId, sessionId, request.contributorId(),
                words.protect(request.contributorId(), request.text()), Boolean.TRUE.equals(request.verbatim()),
                time.orNow(request.occurredAt())));
        return Outcome.created("/api/session-feedback/" + feedbackId, "consultationId", consultationId,
                "sessionId", sessionId, "feedbackId", feedbackId);
    }
}
