package org.consultationtracker.command.participant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.participant.privacy.ParticipantKeyVault;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A person taking part: pseudonym, stakeholder groups, consents, and whether they have been erased. */
@Aggregate(cache = "participantCache")
class Participant {

    @AggregateIdentifier
    private String participantId;
    private final Set<ConsentPurpose> consents = EnumSet.noneOf(ConsentPurpose.class);
    private boolean erased;

    Participant() {
        // for Axon
    }

    @CommandHandler
    Participant(RegisterParticipant command, ConsultationDirectory consultations) {
        if (!consultations.consultationExists(command.consultationId())) {
            throw new ParticipantRuleViolation("no consultation " + command.consultationId() + " has started");
        }
        command.stakeholderGroupIds().stream()
                .filter(group -> !consultations.stakeholderGroupDefined(command.consultationId(), group))
                .findFirst()
                .ifPresent(group -> {
                    throw new ParticipantRuleViolation("consultation " + command.consultationId()
                            + " defines no stakeholder group " + group);
                });
        String identityKey = ParticipantKeyVault.identityKeyId(command.participantId());
        boolean allUnderIdentityKey = Stream.of(command.name(), command.contact(), command.selfDescription())
                .filter(value -> value != null)
                .map(EncryptedValue::keyId)
                .allMatch(identityKey::equals);
        if (command.name() == null || !allUnderIdentityKey) {
            throw new ParticipantRuleViolation("personal data must be encrypted with the participant's identity key");
        }
        apply(new ParticipantRegistered(command.participantId(), command.consultationId(), command.pseudonym(),
                command.stakeholderGroupIds(), command.ageBand(), command.name(), command.contact(),
                command.selfDescription(), command.occurredAt()));
        command.consents().stream().sorted()
                .forEach(purpose -> apply(new ConsentGiven(command.participantId(), purpose, command.occurredAt())));
    }

    @CommandHandler
    void handle(GiveConsent command) {
        requireNotErased();
        if (consents.contains(command.purpose())) {
            throw new ParticipantRuleViolation("consent to " + command.purpose() + " is already given");
        }
        apply(new ConsentGiven(participantId, command.purpose(), command.occurredAt()));
    }

    @CommandHandler
    void handle(WithdrawConsent command) {
        requireNotErased();
        if (!consents.contains(command.purpose())) {
            throw new ParticipantRuleViolation("consent to " + command.purpose() + " was not given");
        }
        apply(new ConsentWithdrawn(participantId, command.purpose(), command.occurredAt()));
    }

    /**
     * The keys go first: if appending the event then fails, the person is still unreadable and a retry records it;
     * the other order could leave an "erased" record while their data stays readable.
     */
    @CommandHandler
    void handle(EraseParticipant command, ParticipantKeyVault keyVault) {
        requireNotErased();
        requireRequestOnRecord(command);
        keyVault.destroyKeys(participantId, command.contributionPolicy());
        apply(new ParticipantErased(participantId, command.contributionPolicy(), command.requestedBy(),
                command.reason(), command.requestReference(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(ParticipantRegistered event) {
        participantId = event.participantId();
    }

    @EventSourcingHandler
    void on(ConsentGiven event) {
        consents.add(event.purpose());
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        consents.remove(event.purpose());
    }

    @EventSourcingHandler
    void on(ParticipantErased event) {
        erased = true;
        consents.clear();
    }

    /** Every erasure says who asked and why; one made on the participant's behalf says where they asked. */
    private static void requireRequestOnRecord(EraseParticipant command) {
        if (command.requestedBy() == null || command.requestedBy() == ErasureRequester.NOT_RECORDED) {
            throw new ParticipantRuleViolation("an erasure must record who asked for it: the participant themself "
                    + "or staff on their behalf");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new ParticipantRuleViolation("an erasure must record why it was asked for");
        }
        if (command.requestedBy() == ErasureRequester.ON_THEIR_BEHALF
                && (command.requestReference() == null || command.requestReference().isBlank())) {
            throw new ParticipantRuleViolation("an erasure on the participant's behalf must say where their request "
                    + "is recorded");
        }
    }

    private void requireNotErased() {
        if (erased) {
            throw new ParticipantRuleViolation("participant " + participantId
                    + " has been erased and can do nothing more");
        }
    }
}
