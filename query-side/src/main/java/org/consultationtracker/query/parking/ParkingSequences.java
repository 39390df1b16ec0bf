package org.consultationtracker.query.parking;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.query.readmodel.PayloadFieldSequencingPolicy;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a parked event holds back in each read model: its <em>sequence</em>. Where a model's documents hang on one key
 * (agenda and participation on the session, participants on the participant), the sequence is that key, as its
 * processor sequences events; the audit log, audit trail, coverage and session feedback park by aggregate, so one
 * bad event stops its own conversation (or report, or participant) and nothing else. Erasures and withdrawn consents are never held: a
 * person's wish to be forgotten or not quoted takes effect whatever is parked before it.
 */
@Component
public class ParkingSequences {

    private final Map<ReadModel, SequencingPolicy<EventMessage<?>>> policies = new EnumMap<>(ReadModel.class);

    public ParkingSequences() {
        SequencingPolicy<EventMessage<?>> bySession = PayloadFieldSequencingPolicy.bySession();
        SequencingPolicy<EventMessage<?>> byAggregate =
                event -> SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
        policies.put(ReadModel.PARTICIPANTS, PayloadFieldSequencingPolicy.byParticipant());
        policies.put(ReadModel.AGENDA, bySession);
        policies.put(ReadModel.PARTICIPATION, bySession);
        policies.put(ReadModel.AUDIT_TRAIL, byAggregate);
        policies.put(ReadModel.COVERAGE, byAggregate);
        policies.put(ReadModel.AUDIT_LOG, byAggregate);
        policies.put(ReadModel.PROVENANCE, byAggregate);
        policies.put(ReadModel.REPORT, byAggregate);
        policies.put(ReadModel.SESSION_FEEDBACK, byAggregate);
    }

    public String sequenceOf(ReadModel model, EventMessage<?> event) {
        Object sequence = policies.get(model).getSequenceIdentifierFor(event);
        return sequence == null ? event.getIdentifier() : sequence.toString();
    }

    public static boolean alwaysApplied(Class<?> payloadType) {
        return ParticipantErased.class.equals(payloadType) || ConsentWithdrawn.class.equals(payloadType);
    }
}
