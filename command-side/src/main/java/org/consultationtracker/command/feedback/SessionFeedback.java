package org.consultationtracker.command.feedback;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.ParticipantDirectory;
import org.consultationtracker.command.participant.privacy.WordsProtection;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A participant's feedback on a session as a whole, which belongs to no conversation. Like an idea it does not change
 * once given; the aggregate checks it and makes it citable by its own id.
 */
@Aggregate(cache = "feedbackCache")
class SessionFeedback {

    @AggregateIdentifier
    private String feedbackId;

    SessionFeedback() {
        // for Axon
    }

    @CommandHandler
    SessionFeedback(GiveSessionFeedback command, ConsultationDirectory consultations,
                    ParticipantDirectory participants) {
        // The consultation and the session are the address the feedback is given at: unknown, they are not found.
        if (!consultations.consultationExists(command.consultationId())) {
            throw new AggregateNotFoundException(command.consultationId(),
                    "no consultation " + command.consultationId() + " has started");
        }
        consultations.session(command.sessionId())
                .filter(s -> s.consultationId().equals(command.consultationId()))
                .orElseThrow(() -> new AggregateNotFoundException(command.sessionId(),
                        "consultation " + command.consultationId() + " has no session " + command.sessionId()));
        if (command.contributorId() != null) {
            String whyNot = participants.whyCannotAct(command.contributorId());
            if (whyNot != null) {
                throw new FeedbackRuleViolation(whyNot);
            }
        }
        if (!WordsProtection.fits(command.contributorId(), command.text())) {
            throw new FeedbackRuleViolation("feedback from a named participant is encrypted with their words key, "
                    + "anonymous feedback is kept in clear");
        }
        apply(new SessionFeedbackGiven(command.consultationId(), command.sessionId(), command.feedbackId(),
                command.contributorId(), command.text(), command.verbatim(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(SessionFeedbackGiven event) {
        feedbackId = event.feedbackId();
    }
}
