package org.consultationtracker.query.auditlog;

import org.bson.Document;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ProposalSplit;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.SplitPart;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Which session each conversation is on, for the audit log: key points, edits, retractions, summaries and plenary
 * contributions carry only their conversation's id, and a search by session must find them too.
 * <p>
 * One document per conversation ({@value #COLLECTION}, keyed by the conversation id, which is its proposal's id):
 * {@code sessionId} once an agenda event names it (proposed, merged, split, scheduled, moved, started, …), and in
 * {@code early} the positions of entries that came before any did. The first session named wins: a proposal belongs
 * to one agenda, and moves and rounds stay within it. When the session becomes known, the early entries are posted
 * under it and rewritten with it, by the event that named it, so a rebuild (the same events in the same order, in one
 * sequence) posts them at the same moment and the posting lists come out identical.
 */
final class ConversationSessions {

    static final String COLLECTION = "audit_log_conversation_sessions";

    private ConversationSessions() {
    }

    /** The session the conversation is known to be on, or null. */
    static String sessionOf(DocumentSession session, String conversationId) {
        Document known = session.find(COLLECTION, conversationId);
        return known == null ? null : known.getString("sessionId");
    }

    /** The entry at {@code context}'s position waits for the conversation's session to be known. */
    static void awaitSession(DocumentSession session, String conversationId, EventContext context) {
        Document waiting = session.forUpdate(COLLECTION, conversationId, context);
        if (waiting != null) {
            Docs.addOnce(waiting, "early", context.position());
        }
    }

    /**
     * The conversation is on {@code sessionId}, as the event at {@code context} says. The first time, the entries
     * that waited are posted under the session; a redelivered event (its position recorded in {@code settledAt})
     * posts them again, which the postings skip for what they already hold.
     */
    static void settle(DocumentSession session, String conversationId, String sessionId, EventContext context) {
        Document known = session.find(COLLECTION, conversationId);
        boolean settledBefore = known != null && known.getString("sessionId") != null
                && !Long.valueOf(context.position()).equals(known.get("settledAt", Number.class) == null ? null
                        : known.get("settledAt", Number.class).longValue());
        if (settledBefore) {
            return;
        }
        List<Long> early = known == null ? List.of() : new ArrayList<>(Docs.<Number>list(known, "early").stream()
                                                                            .map(Number::longValue).toList());
        Document settled = session.forUpdate(COLLECTION, conversationId, context);
        if (settled != null) {
            settled.put("sessionId", sessionId);
            settled.put("settledAt", context.position());
        }
        String key = Postings.key(Postings.SESSION, sessionId);
        for (long position : early) {
            Postings.addAt(session, key, position, context);
            Document entry = session.find(Postings.ENTRIES, Postings.entryId(position));
            if (entry != null && entry.get("sessionId") == null) {
                session.put(Postings.ENTRIES, new Document(entry).append("sessionId", sessionId));
            }
        }
    }

    /** The conversations (proposals) an agenda event names, which are therefore on its agenda. */
    static List<String> conversationsNamed(Object payload, Object conversationId) {
        List<String> named = new ArrayList<>();
        if (conversationId instanceof String id) {
            named.add(id);
        }
        if (payload instanceof ConversationProposed e) {
            named.add(e.proposalId());
        } else if (payload instanceof ProposalsMerged e) {
            named.add(e.mergedProposalId());
            named.addAll(e.sourceProposalIds() == null ? List.of() : e.sourceProposalIds());
        } else if (payload instanceof ProposalSplit e) {
            named.add(e.proposalId());
            for (SplitPart part : e.parts() == null ? List.<SplitPart>of() : e.parts()) {
                named.add(part.proposalId());
            }
        }
        named.removeIf(java.util.Objects::isNull);
        return named.stream().distinct().toList();
    }
}
