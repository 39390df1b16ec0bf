package org.consultationtracker.command.consultation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A consultation: its big question, the stakeholder groups it counts, and its sessions. */
@Aggregate(cache = "consultationCache")
class Consultation {

    @AggregateIdentifier
    private String consultationId;
    private final Map<String, String> groupNamesById = new HashMap<>();
    private final Set<String> sessionIds = new HashSet<>();

    Consultation() {
        // for Axon
    }

    @CommandHandler
    Consultation(StartConsultation command) {
        List<StakeholderGroup> groups = command.stakeholderGroups() == null || command.stakeholderGroups().isEmpty()
                ? StakeholderGroup.DEFAULT_SET
                : command.stakeholderGroups();
        requireDistinct(groups);
        apply(new ConsultationStarted(command.consultationId(), command.title(), command.bigQuestion(),
                command.occurredAt()));
        groups.forEach(group -> apply(new StakeholderGroupDefined(command.consultationId(), group.groupId(),
                group.name(), command.occurredAt())));
    }

    @CommandHandler
    void handle(DefineStakeholderGroup command) {
        if (groupNamesById.containsKey(command.groupId())) {
            throw new ConsultationRuleViolation("stakeholder group " + command.groupId() + " is already defined");
        }
        if (nameTaken(command.name(), groupNamesById.values())) {
            throw new ConsultationRuleViolation("a stakeholder group is already called \"" + command.name() + "\"");
        }
        apply(new StakeholderGroupDefined(consultationId, command.groupId(), command.name(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ScheduleSession command) {
        if (sessionIds.contains(command.sessionId())) {
            throw new ConsultationRuleViolation("session " + command.sessionId() + " is already scheduled");
        }
        if (!command.endsAt().isAfter(command.startsAt())) {
            throw new ConsultationRuleViolation("a session must end after it starts");
        }
        apply(new SessionScheduled(consultationId, command.sessionId(), command.kind(), command.title(),
                command.startsAt(), command.endsAt(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(ConsultationStarted event) {
        consultationId = event.consultationId();
    }

    @EventSourcingHandler
    void on(StakeholderGroupDefined event) {
        groupNamesById.put(event.groupId(), event.name());
    }

    @EventSourcingHandler
    void on(SessionScheduled event) {
        sessionIds.add(event.sessionId());
    }

    private static void requireDistinct(List<StakeholderGroup> groups) {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (StakeholderGroup group : groups) {
            if (!ids.add(group.groupId())) {
                throw new ConsultationRuleViolation("stakeholder group " + group.groupId() + " is named twice");
            }
            if (!names.add(group.name().toLowerCase(Locale.ROOT))) {
                throw new ConsultationRuleViolation("two stakeholder groups are called \"" + group.name() + "\"");
            }
        }
    }

    private static boolean nameTaken(String name, Collection<String> names) {
        return names.stream().anyMatch(existing -> existing.equalsIgnoreCase(name));
    }
}
