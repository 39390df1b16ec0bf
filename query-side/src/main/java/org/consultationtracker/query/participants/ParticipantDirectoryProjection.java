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

    @Override
    public ReadModel model() {
        return ReadModel.PARTICIPANTS;
    }

    /**
     * The pseudonym lookup: for a real MongoDB. Not unique (nothing makes two participants' pseudonyms differ), so the
     * embedded server, which keeps unique indexes only, still scans the directory for it.
     */
    @Override
    public java.util.List<org.consultationtracker.query.readmodel.ReadModelIndex> indexes() {
        return java.util.List.of(org.consultationtracker.query.readmodel.ReadModelIndex.ascending(
                PARTICIPANTS, "pseudonym", new org.bson.Document("pseudonym", 1)));
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof ParticipantRegistered e) {
            Document participant = session.forUpdate(PARTICIPANTS, e.participantId(), context);
            if (participant != null) {
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
