package org.consultationtracker.command.participant.privacy;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.springframework.stereotype.Component;

/**
 * Decrypts what a participant's registration holds. The encrypted values are read from the participant's own event
 * stream, so no second copy of personal data exists anywhere; once the participant is erased the key is gone and the
 * answer is "gone".
 */
@Component
public class PersonalDataReader {

    private final EventStore eventStore;
    private final ParticipantKeyVault vault;

    public PersonalDataReader(EventStore eventStore, ParticipantKeyVault vault) {
        this.eventStore = eventStore;
        this.vault = vault;
    }

    public PersonalData read(String participantId) {
        ParticipantRegistered registered = null;
        DomainEventStream stream = eventStore.readEvents(participantId);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof ParticipantRegistered registration) {
                registered = registration;
            } else if (event.getPayload() instanceof ParticipantErased) {
                throw ParticipantGone.unreadable(participantId);
            }
        }
        if (registered == null) {
            throw new AggregateNotFoundException(participantId, "no participant " + participantId + " is registered");
        }
        return new PersonalData(participantId, registered.pseudonym(), decrypt(registered.name()),
                decrypt(registered.contact()), decrypt(registered.selfDescription()));
    }

    private String decrypt(EncryptedValue value) {
        return value == null ? null : vault.decrypt(value).orElse(null);
    }
}
