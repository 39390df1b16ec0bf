package org.consultationtracker.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.consultationtracker.command.api.contract.Bounds;
import org.consultationtracker.command.api.contract.HappenedAt;
import org.consultationtracker.command.api.contract.Identifier;
import org.consultationtracker.command.api.contract.Text;
import org.consultationtracker.command.ideas.SubmitIdea;
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
@Tag(name = "Call for Ideas", description = "Written ideas, named or anonymous")
class IdeaController {

    private final CommandDispatch commands;
    private final OccurrenceTime time;
    private final WordsProtection words;

    IdeaController(CommandDispatch commands, OccurrenceTime time, WordsProtection words) {
        this.commands = commands;
        this.time = time;
        this.words = words;
    }

    /** @param participantId the author, or leave out to submit anonymously */
    record SubmitIdeaRequest(@Identifier String ideaId,
                             @Identifier String sessionId,
                             @NotNull @Identifier String stakeholderGroupId,
                             @Identifier String participantId,
                             @NotNull @Text(max = Bounds.WORDS_MAX) String text,
                             @HappenedAt Instant occurredAt) {
    }

    @PostMapping("/api/consultations/{consultationId}/ideas")
    @Operation(summary = "Submit an idea; a named author's words are encrypted with their words key")
    ResponseEntity<Map<String, Object>> submit(@PathVariable @Identifier String consultationId,
                                               @Valid @RequestBody SubmitIdeaRequest request) {
        CurrentUser user = CurrentUser.fromSecurityContext();
        if (request.participantId() != null) {
            user.requireMayActFor(request.participantId());
        }
        String ideaId = ApiIds.orNew(request.ideaId());
        commands.send(new SubmitIdea(ideaId, consultationId, request.sessionId(), request.stakeholderGroupId(),
                request.participantId(), words.protect(request.participantId(), request.text()),
                time.orNow(request.occurredAt())));
        return Outcome.created("/api/consultations/" + consultationId + "/ideas/" + ideaId,
                "consultationId", consultationId, "ideaId", ideaId);
    }
}
