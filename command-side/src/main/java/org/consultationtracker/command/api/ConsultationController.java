package org.consultationtracker.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.consultationtracker.command.api.contract.Bounds;
import org.consultationtracker.command.api.contract.HappenedAt;
import org.consultationtracker.command.api.contract.Identifier;
import org.consultationtracker.command.api.contract.Period;
import org.consultationtracker.command.api.contract.Text;
import org.hibernate.validator.constraints.UniqueElements;
import org.consultationtracker.command.consultation.DefineStakeholderGroup;
import org.consultationtracker.command.consultation.ScheduleSession;
import org.consultationtracker.command.consultation.StakeholderGroup;
import org.consultationtracker.command.consultation.StartConsultation;
import org.consultationtracker.events.consultation.SessionKind;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/consultations")
@Tag(name = "Consultations", description = "Start a consultation, define its stakeholder groups, schedule its sessions")
class ConsultationController {

    private final CommandDispatch commands;
    private final OccurrenceTime time;
    private final IdsInUse ids;

    ConsultationController(CommandDispatch commands, OccurrenceTime time, IdsInUse ids) {
        this.commands = commands;
        this.time = time;
        this.ids = ids;
    }

    record StakeholderGroupRequest(@NotNull @Identifier String groupId,
                                   @NotNull @Text(max = Bounds.THEME_NAME_MAX) String name) {
    }

    /** @param stakeholderGroups leave out for the default eight groups */
    record StartConsultationRequest(@Identifier String consultationId,
                                    @NotNull @Text(max = Bounds.NAME_MAX) String title,
                                    @NotNull @Text(max = Bounds.FRAMING_QUESTION_MAX) String bigQuestion,
                                    @Size(max = Bounds.MAX_STAKEHOLDER_GROUPS) @UniqueElements
                                    List<@Valid @NotNull StakeholderGroupRequest> stakeholderGroups,
                                    @HappenedAt Instant occurredAt) {
    }

    private static final String SESSION_PERIOD = Period.DOCUMENTATION + " At most 366 days long.";

    @Period(longestHours = 366 * 24)
    record ScheduleSessionRequest(@Identifier String sessionId,
                                  @NotNull SessionKind kind,
                                  @NotNull @Text(max = Bounds.NAME_MAX) String title,
                                  @NotNull @Schema(description = SESSION_PERIOD) Instant startsAt,
                                  @NotNull @Schema(description = SESSION_PERIOD) Instant endsAt,
                                  @HappenedAt Instant occurredAt) implements Period.Planned {
    }

    @PostMapping
    @Operation(summary = "Start a consultation (with the default stakeholder groups unless it names its own)")
    ResponseEntity<Map<String, Object>> start(@Valid @RequestBody StartConsultationRequest request) {
        String consultationId = ApiIds.orNew(request.consultationId());
        List<StakeholderGroup> groups = request.stakeholderGroups() == null ? List.of()
                : request.stakeholderGroups().stream().map(g -> new StakeholderGroup(g.groupId(), g.name())).toList();
        commands.send(new StartConsultation(consultationId, request.title(), request.bigQuestion(), groups,
                time.orNow(request.occurredAt())));
        return Outcome.created("/api/consultations/" + consultationId, "consultationId", consultationId);
    }

    @PostMapping("/{consultationId}/stakeholder-groups")
    @Operation(summary = "Define one more stakeholder group")
    ResponseEntity<Map<String, Object>> defineStakeholderGroup(@PathVariable @Identifier String consultationId,
                                                               @Valid @RequestBody StakeholderGroupRequest request) {
        commands.send(new DefineStakeholderGroup(consultationId, request.groupId(), request.name(),
                time.orNow(null)));
        return Outcome.created("/api/consultations/" + consultationId + "/stakeholder-groups/" + request.groupId(),
                "consultationId", consultationId, "groupId", request.groupId());
    }

    @PostMapping("/{consultationId}/sessions")
    @Operation(summary = "Schedule a session; an open-space session's id is also its agenda's id")
    ResponseEntity<Map<String, Object>> scheduleSession(@PathVariable @Identifier String consultationId,
                                                        @Valid @RequestBody ScheduleSessionRequest request) {
        ids.requireUnused("sessionId", request.sessionId());
        String sessionId = ApiIds.orNew(request.sessionId());
        commands.send(new ScheduleSession(consultationId, sessionId, request.kind(), request.title(),
                request.startsAt(), request.endsAt(), time.orNow(request.occurredAt())));
        if (request.kind() == SessionKind.OPEN_SPACE) {
            return Outcome.created("/api/consultations/" + consultationId + "/sessions/" + sessionId,
                    "consultationId", consultationId, "sessionId", sessionId, "agendaId", sessionId);
        }
        return Outcome.created("/api/consultations/" + consultationId + "/sessions/" + sessionId,
                "consultationId", consultationId, "sessionId", sessionId);
    }
}
