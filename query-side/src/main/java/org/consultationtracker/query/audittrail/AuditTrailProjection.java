package org.consultationtracker.query.audittrail;

import org.bson.Document;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.conversation.PlenarySummaryRecorded;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.query.coverage.KeyPointLedger;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.util.List;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.list;
import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * How every voice reached the report: the key-point ledger plus, per participant, their proposals, their stays in
 * conversations, the plenary summaries they presented, their plenary contributions and written ideas; per report, the
 * quotes of its latest published version and the corrections they need ({@link PublishedQuotes}); per consultation,
 * who registered ({@link ConsultationRoster}). Proposal fates are
 * read from the agenda read model at query time (one source of truth for the lineage).
 */
@Component
public class AuditTrailProjection implements Projection {

    static final KeyPointLedger LEDGER = new KeyPointLedger("trail");
    static final String IDEAS = "trail_ideas";
    static final String REPORTS = PublishedQuotes.REPORTS;
    private static final PublishedQuotes QUOTES = new PublishedQuotes(LEDGER);
    private static final ConsultationRoster ROSTER = new ConsultationRoster();

    @Override
    public ReadModel model() {
        return ReadModel.AUDIT_TRAIL;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        LEDGER.apply(payload, context, session);
        QUOTES.apply(payload, context, session);
        ROSTER.apply(payload, context, session);
        if (payload instanceof ConversationProposed e) {
            Document participant = session.forUpdate(LEDGER.participants(), e.proposerId(), context);
            if (participant != null) {
                list(participant, "proposals").add(new Document("proposalId", e.proposalId())
                                                           .append("agendaId", e.agendaId()));
            }
        } else if (payload instanceof ConversationStarted e) {
            arrive(session, context, e.hostId(), e.conversationId(), e.agendaId(), e.round(), e.occurredAt(), null);
        } else if (payload instanceof ParticipantJoinedConversation e) {
            arrive(session, context, e.participantId(), e.conversationId(), e.agendaId(), e.round(), e.occurredAt(),
                   e.movedFromConversationId());
        } else if (payload instanceof ParticipantLeftConversation e) {
            Document participant = session.forUpdate(LEDGER.participants(), e.participantId(), context);
            if (participant != null) {
                Document stay = openStay(participant, e.conversationId());
                if (stay != null) {
                    stay.append("to", time(e.occurredAt())).append("departedTo", e.movedToConversationId());
                }
            }
        } else if (payload instanceof PlenarySummaryRecorded e && e.presentedBy() != null) {
            Document participant = session.forUpdate(LEDGER.participants(), e.presentedBy(), context);
            if (participant != null) {
                list(participant, "plenarySummaries").add(
                        new Document("conversationId", e.conversationId()).append("round", e.round())
                                .append("summary", e.summary()).append("at", time(e.occurredAt())));
            }
        } else if (payload instanceof PlenaryContributionRecorded e && e.contributorId() != null) {
            Document participant = session.forUpdate(LEDGER.participants(), e.contributorId(), context);
            if (participant != null) {
                list(participant, "contributions").add(
                        new Document("contributionId", e.contributionId()).append("conversationId", e.conversationId())
                                .append("text", KeyPointLedger.wording(e.text())).append("at", time(e.occurredAt())));
            }
        } else if (payload instanceof IdeaSubmitted e) {
            Document idea = session.forUpdate(IDEAS, e.ideaId(), context);
            if (idea != null) {
                idea.append("consultationId", e.consultationId()).append("sessionId", e.sessionId())
                    .append("stakeholderGroupId", e.stakeholderGroupId()).append("participantId", e.participantId())
                    .append("text", KeyPointLedger.wording(e.text())).append("at", time(e.occurredAt()));
            }
            if (e.participantId() != null) {
                Document participant = session.forUpdate(LEDGER.participants(), e.participantId(), context);
                if (participant != null) {
                    org.consultationtracker.query.readmodel.Docs.addOnce(participant, "ideaIds", e.ideaId());
                }
            }
        } else if (payload instanceof ParticipantErased e
                && e.contributionPolicy() == ContributionPolicy.WITHDRAW_WORDS) {
            Document participant = session.forUpdate(LEDGER.participants(), e.participantId(), context);
            if (participant != null) {
                for (Document contribution : documents(participant, "contributions")) {
                    contribution.put("text", new Document("withdrawn", true));
                }
            }
            // Even when the participant's document already holds the erasure: each idea takes the withdrawal once.
            Document current = participant != null ? participant
                    : session.find(LEDGER.participants(), e.participantId());
            if (current != null) {
                for (String ideaId : org.consultationtracker.query.readmodel.Docs.strings(current, "ideaIds")) {
                    Document idea = session.forUpdate(IDEAS, ideaId, context);
                    if (idea != null) {
                        idea.put("text", new Document("withdrawn", true));
                    }
                }
            }
        }
    }

    private static void arrive(DocumentSession session, EventContext context, String participantId,
                               String conversationId, String agendaId, int round, java.time.Instant at,
                               String arrivedFrom) {
        Document participant = session.forUpdate(LEDGER.participants(), participantId, context);
        if (participant != null && openStay(participant, conversationId) == null) {
            list(participant, "stays").add(new Document("conversationId", conversationId).append("agendaId", agendaId)
                                                   .append("round", round).append("from", time(at))
                                                   .append("to", null).append("arrivedFrom", arrivedFrom));
        }
    }

    private static Document openStay(Document participant, String conversationId) {
        List<Document> stays = documents(participant, "stays");
        for (int i = stays.size() - 1; i >= 0; i--) {
            Document stay = stays.get(i);
            if (conversationId.equals(stay.getString("conversationId")) && stay.get("to") == null) {
                return stay;
            }
        }
        return null;
    }
}
