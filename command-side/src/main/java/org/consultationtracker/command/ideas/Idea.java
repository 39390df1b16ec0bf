package org.consultationtracker.command.ideas;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.ConsultationDirectory.ScheduledSession;
import org.consultationtracker.command.lookup.ParticipantDirectory;
import org.consultationtracker.command.participant.privacy.WordsProtection;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.ideas.IdeaSubmitted;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A written idea sent to a Call for Ideas. Ideas do not change once submitted, so the aggregate exists to check the
 * submission and to be citable by its own id.
 */
@Aggregate(cache = "ideaCache")
class Idea {

    @AggregateIdentifier
    private String ideaId;

    Idea() {
        // for Axon
    }

    @CommandHandler
    Idea(SubmitIdea command, ConsultationDirectory consultations, ParticipantDirectory participants) {
        if (!consultations.consultationExists(command.consultationId())) {
            throw new IdeaRuleViolation("no consultation " + command.consultationId() + " has started");
        }
        if (!consultations.stakeholderGroupDefined(command.consultationId(), command.stakeholderGroupId())) {
            throw new IdeaRuleViolation("consultation " + command.consultationId() + " defines no stakeholder group "
                    + command.stakeholderGroupId());
        }
        if (command.sessionId() != null) {
            requireCallForIdeas(consultations, command.consultationId(), command.sessionId());
        }
        if (command.participantId() != null) {
            String whyNot = participants.whyCannotAct(command.participantId());
            if (whyNot != null) {
                throw new IdeaRuleViolation(whyNot);
            }
        }
        if (!WordsProtection.fits(command.participantId(), command.text())) {
            throw new IdeaRuleViolation("an idea from a named participant is encrypted with their words key, "
                    + "an anonymous one is kept in clear");
        }
        apply(new IdeaSubmitted(command.ideaId(), command.consultationId(), command.sessionId(),
                command.stakeholderGroupId(), command.participantId(), command.text(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(IdeaSubmitted event) {
        ideaId = event.ideaId();
    }

    private static void requireCallForIdeas(ConsultationDirectory consultations, String consultationId,
                                            String sessionId) {
        ScheduledSession session = consultations.session(sessionId)
                .filter(s -> s.consultationId().equals(consultationId))
                .orElseThrow(() -> new IdeaRuleViolation("consultation " + consultationId + " has no session "
                        + sessionId));
        if (session.kind() != SessionKind.CALL_FOR_IDEAS) {
            throw new IdeaRuleViolation("session " + sessionId + " is not a Call for Ideas");
        }
    }
}
