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
import org.consultationtracker.command.participant.EraseParticipant;
import org.consultationtracker.command.participant.GiveConsent;
import org.consultationtracker.command.participant.RegisterParticipant;
import org.consultationtracker.command.participant.WithdrawConsent;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.consultationtracker.command.ActionNotPermitted;
import org.consultationtracker.command.DomainRuleViolation;
import org.consultationtracker.command.participant.privacy.ParticipantGone;
import org.consultationtracker.command.participant.privacy.ParticipantKeyVault;
import org.consultationtracker.command.participant.privacy.PersonalData;
import org.consultationtracker.command.participant.privacy.PersonalDataReader;
import org.consultationtracker.command.security.CurrentUser;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RestController
@RequestMapping("/api/participants")
@Tag(name = "Participants", description = "Registration, consent, erasure; personal data is only ever stored encrypted")
class ParticipantController {

    private final CommandDispatch commands;
    private final OccurrenceTime time;
    private final ParticipantKeyVault vault;
    private final PersonalDataReader personalData;
    private final EventStore eventStore;
    private final IdsInUse ids;

    ParticipantController(CommandDispatch commands, OccurrenceTime time, ParticipantKeyVault vault,
                          PersonalDataReader personalData, EventStore eventStore, IdsInUse ids) {
        this.commands = commands;
        this.time = time;
        this.vault = vault;
        this.personalData = personalData;
        this.eventStore = eventStore;
        this.ids = ids;
    }

    /**
     * @param name            personal data: encrypted before it is stored
     * @param contact         personal data, optional
     * @param selfDescription personal data, optional
     */
    record RegisterParticipantRequest(@Identifier String participantId,
                                      @NotNull @Identifier String consultationId,
                                      @NotNull @Text(max = Bounds.PSEUDONYM_MAX) String pseudonym,
                                      @NotNull @Size(min = 1, max = Bounds.MAX_GROUPS_PER_PARTICIPANT) @UniqueElements
                                      @Identifier List<String> stakeholderGroupIds,
                                      @NotNull AgeBand ageBand,
                                      @NotNull @Text(max = Bounds.NAME_MAX) String name,
                                      @Text(max = Bounds.NAME_MAX) String contact,
                                      @Text(max = Bounds.DESCRIPTION_MAX) String selfDescription,
                                      @UniqueElements List<@NotNull ConsentPurpose> consents,
                                      @HappenedAt Instant occurredAt) {
    }

    record ConsentRequest(@NotNull ConsentPurpose purpose, @NotNull Boolean granted,
                          @HappenedAt Instant occurredAt) {
    }

    /**
     * @param requestedBy      optional: who asked follows from who is signed in (a participant account: the participant
     *                         themself; staff: on their behalf); when given it must say the same
     * @param reason           required; kept in clear for good in the event, so it names the request, not the person
     * @param requestReference where a request made on their behalf is recorded (required for staff)
     */
    record ErasureRequest(@NotNull ContributionPolicy contributionPolicy, ErasureRequester requestedBy,
                          @NotNull @Text(max = Bounds.REASON_MAX) String reason,
                          @Text(max = Bounds.SOURCE_MAX) String requestReference,
                          @HappenedAt Instant occurredAt) {
    }

    /**
     * The keys must exist before the personal data can be encrypted into the command, so they are made first; if the
     * registration is then refused for certain (a rule, a conflict), the keys made for it are forgotten again, so a
     * refused request leaves no key behind. An erased participant's id is refused before any key is touched.
     */
    @PostMapping
    @Operation(summary = "Register a participant; name, contact and self-description are encrypted with a new key")
    ResponseEntity<Map<String, Object>> register(@Valid @RequestBody RegisterParticipantRequest request) {
        String participantId = ApiIds.orNew(request.participantId());
        if (vault.erased(participantId)) {
            throw ParticipantGone.cannotRegisterAgain(participantId);
        }
        ids.requireUnused("participantId", request.participantId());
        boolean keysMadeNow = vault.createKeys(participantId);
        try {
            String keyId = ParticipantKeyVault.identityKeyId(participantId);
            commands.send(new RegisterParticipant(participantId, request.consultationId(), request.pseudonym(),
                    request.stakeholderGroupIds(), request.ageBand(), vault.encrypt(keyId, request.name()),
                    encryptOptional(keyId, request.contact()), encryptOptional(keyId, request.selfDescription()),
                    request.consents() == null ? Set.of() : Set.copyOf(request.consents()),
                    time.orNow(request.occurredAt())));
        } catch (DomainRuleViolation | ActionNotPermitted | ConcurrencyException | AggregateStreamCreationException
                 | IncompatibleAggregateException refused) {
            // Unless a concurrent registration with the same id was stored under these very keys.
            if (keysMadeNow && !registered(participantId)) {
                vault.forgetKeys(participantId);
            }
            throw refused;
        }
        return Outcome.created("/api/participants/" + participantId, "participantId", participantId);
    }

    @PostMapping("/{participantId}/consents")
    @Operation(summary = "Give (granted=true) or withdraw (granted=false) consent for one purpose")
    ResponseEntity<Map<String, Object>> consent(@PathVariable @Identifier String participantId,
                                                @Valid @RequestBody ConsentRequest request) {
        CurrentUser.fromSecurityContext().requireMayActFor(participantId);
        Instant at = time.orNow(request.occurredAt());
        if (request.granted()) {
            commands.send(new GiveConsent(participantId, request.purpose(), at));
        } else {
            commands.send(new WithdrawConsent(participantId, request.purpose(), at));
        }
        return Outcome.done("participantId", participantId, "purpose", request.purpose(), "granted", request.granted());
    }

    /**
     * Who asked is not the client's claim but follows from the account: a participant account erases only itself and
     * is recorded as THE_PARTICIPANT; staff act ON_THEIR_BEHALF and must say where the request is recorded.
     */
    @PostMapping("/{participantId}/erasure")
    @Operation(summary = "Erase a participant: destroy their keys (crypto-shredding) under a contribution policy, "
            + "recording who asked, why, and (for staff acting on their behalf) where the request is recorded")
    ResponseEntity<Map<String, Object>> erase(@PathVariable @Identifier String participantId,
                                              @Valid @RequestBody ErasureRequest request) {
        CurrentUser user = CurrentUser.fromSecurityContext();
        user.requireMayActFor(participantId);
        ErasureRequester requestedBy = user.actsOnlyForThemselves()
                ? ErasureRequester.THE_PARTICIPANT : ErasureRequester.ON_THEIR_BEHALF;
        if (request.requestedBy() != null && request.requestedBy() != requestedBy) {
            throw new FieldRuleBroken("requestedBy", requestedBy == ErasureRequester.THE_PARTICIPANT
                    ? "must be THE_PARTICIPANT (or left out): a participant account asks only for itself"
                    : "must be ON_THEIR_BEHALF (or left out): staff erase only on a participant's request");
        }
        if (requestedBy == ErasureRequester.ON_THEIR_BEHALF && request.requestReference() == null) {
            throw new FieldRuleBroken("requestReference",
                    "is required when staff erase on a participant's behalf: say where their request is recorded");
        }
        commands.send(new EraseParticipant(participantId, request.contributionPolicy(), requestedBy,
                request.reason(), request.requestReference(), time.orNow(request.occurredAt())));
        return Outcome.done("participantId", participantId, "contributionPolicy", request.contributionPolicy(),
                "requestedBy", requestedBy);
    }

    @GetMapping("/{participantId}/personal-data")
    @Operation(summary = "The participant's personal data in clear, for an admin or the participant themself, "
            + "until they are erased (then 410)")
    PersonalData personalData(@PathVariable @Identifier String participantId) {
        CurrentUser.fromSecurityContext().requireMayReadPersonalDataOf(participantId);
        return personalData.read(participantId);
    }

    /** Whether the id's stream is a participant's: the one event that seals with their keys comes first in it. */
    private boolean registered(String participantId) {
        if (eventStore.lastSequenceNumberFor(participantId).isEmpty()) {
            return false;
        }
        return eventStore.readEvents(participantId).asStream().findFirst()
                .map(first -> first.getPayload() instanceof ParticipantRegistered).orElse(false);
    }

    private EncryptedValue encryptOptional(String keyId, String value) {
        return value == null || value.isBlank() ? null : vault.encrypt(keyId, value);
    }
}
