package org.consultationtracker.query.participants;

import org.bson.Document;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * Who is who, without personal data: pseudonym, stakeholder groups and age band per participant, and the names of
 * the stakeholder groups. The other read models keep participant ids only and resolve labels and groups here at query
 * time, so an erasure changes one document and every view follows.
 */
@Component
public class ParticipantDirectoryProjection implements Projection {

    static final String PARTICIPANTS = "participants";
    static final String GROUPS = "stakeholder_groups";
    /**
     * The pseudonym index: one document per pseudonym ({@code _id}), listing in {@code holders} the participants who
     * hold it now, in the order they registered. Nothing on the command side makes pseudonyms unique, so several
     * participants may share one; an erasure takes the participant out, so their pseudonym can be chosen again and
     * finds only its new holder. A document here is changed by events of different participants, which is why the
     * directory processes in one sequence (query-side.yml): one writer, in stream order, so the {@code _position}
     * guard of every document stays correct and a rebuild writes the same index.
     */
    static final String PSEUDONYMS = "participant_pseudonyms";

    @Override
    public ReadModel model() {
        return ReadModel.PARTICIPANTS;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof ParticipantRegistered e) {
            Document participant = session.forUpdate(PARTICIPANTS, e.participantId(), context);
            if (participant != null) {
                String previous = participant.getString("pseudonym");
                if (previous != null && !previous.equals(e.pseudonym())) {
                    release(session, context, previous, e.participantId());
                }
                hold(session, context, e.pseudonym(), e.participantId());
                participant.append("consultationId", e.consultationId())
                           .append("pseudonym", e.pseudonym())
                           .append("stakeholderGroupIds", e.stakeholderGroupIds() == null ? List.of()
                                   : e.stakeholderGroupIds())
                           .append("ageBand", e.ageBand() == null ? null : e.ageBand().name())
                           .append("registeredAt", time(e.occurredAt()))
                           .append("erased", false);
            }
        } else if (payload instanceof ParticipantErased e) {
            Document participant = session.forUpdate(PARTICIPANTS, e.participantId(), context);
            if (participant != null) {
                String pseudonym = participant.getString("pseudonym");
                if (pseudonym != null) {
                    release(session, context, pseudonym, e.participantId());
                }
                // The pseudonym goes; groups and age band stay so that counts by group survive the erasure.
                // Who asked and why: as the event keeps them (in clear by design: they name the request).
                participant.append("pseudonym", null)
                           .append("erased", true)
                           .append("contributionPolicy", e.contributionPolicy().name())
                           .append("erasedAt", time(e.occurredAt()))
                           .append("erasureRequestedBy", e.requestedBy() == null ? null : e.requestedBy().name())
                           .append("erasureReason", e.reason())
                           .append("erasureRequestReference", e.requestReference());
            }
        } else if (payload instanceof ConsentGiven e) {
            consent(session, context, e.participantId(), e.purpose(), true, e.occurredAt());
        } else if (payload instanceof ConsentWithdrawn e) {
            consent(session, context, e.participantId(), e.purpose(), false, e.occurredAt());
        } else if (payload instanceof StakeholderGroupDefined e) {
            Document group = session.forUpdate(GROUPS, e.groupId(), context);
            if (group != null) {
                group.append("consultationId", e.consultationId()).append("name", e.name());
            }
        }
    }

    private static void hold(DocumentSession session, EventContext context, String pseudonym, String participantId) {
        if (pseudonym == null) {
            return;
        }
        Document index = session.forUpdate(PSEUDONYMS, pseudonym, context);
        if (index != null) {
            Docs.addOnce(index, "holders", participantId);
        }
    }

    private static void release(DocumentSession session, EventContext context, String pseudonym,
                                String participantId) {
        Document index = session.forUpdate(PSEUDONYMS, pseudonym, context);
        if (index != null) {
            Docs.list(index, "holders").remove(participantId);
        }
    }

    /**
     * Consents as they stand (in the order of {@link ConsentPurpose}) and every change to them. Kept after erasure:
     * a purpose does not identify anyone, and a withdrawn consent to be quoted must still hold the report back.
     */
    private static void consent(DocumentSession session, EventContext context, String participantId,
                                ConsentPurpose purpose, boolean given, Instant at) {
        Document participant = session.forUpdate(PARTICIPANTS, participantId, context);
        if (participant == null) {
            return;
        }
        List<String> consents = Docs.list(participant, "consents");
        consents.remove(purpose.name());
        if (given) {
            consents.add(purpose.name());
            consents.sort(Comparator.comparing(ConsentPurpose::valueOf));
        }
        Docs.list(participant, "consentHistory").add(new Document("purpose", purpose.name()).append("given", given)
                                                                                        .append("at", time(at)));
    }
}
