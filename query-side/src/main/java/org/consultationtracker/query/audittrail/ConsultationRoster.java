package org.consultationtracker.query.audittrail;

import org.bson.Document;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;

import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * The consultations and who registered for each, in the order they started and registered: what a facilitator picks
 * from. One document per consultation in {@value #CONSULTATIONS} (title, big question, number registered); the list of
 * consultations and each consultation's participants are {@link PagedLists} in {@value #ROSTERS}, so any page of
 * them is read by key. Labels and stakeholder groups are not copied here: the participant directory gives them at
 * read time, so an erasure or a change of groups shows at once.
 * <p>
 * Part of the audit-trail model because that model processes in one sequence: every registration of a consultation
 * appends to the same list, which a model sequenced by participant could not do safely.
 */
final class ConsultationRoster {

    static final String CONSULTATIONS = "trail_consultations";
    static final String ROSTERS = "trail_rosters";
    static final String ALL_CONSULTATIONS = "consultations";

    static final PagedLists LISTS = new PagedLists(ROSTERS);

    static String participantsOf(String consultationId) {
        return "consultation/" + consultationId;
    }

    void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof ConsultationStarted e) {
            Document consultation = session.forUpdate(CONSULTATIONS, e.consultationId(), context);
            if (consultation != null) {
                boolean listed = consultation.getBoolean("listed", false);
                consultation.append("title", e.title()).append("bigQuestion", e.bigQuestion())
                            .append("startedAt", time(e.occurredAt())).append("listed", true);
                if (!listed) {
                    LISTS.append(ALL_CONSULTATIONS, e.consultationId(), context, session);
                }
            }
        } else if (payload instanceof ParticipantRegistered e && e.consultationId() != null) {
            Document consultation = session.forUpdate(CONSULTATIONS, e.consultationId(), context);
            if (consultation != null) {
                consultation.put("registered", consultation.getInteger("registered", 0) + 1);
            }
            LISTS.append(participantsOf(e.consultationId()), e.participantId(), context, session);
        }
    }
}
