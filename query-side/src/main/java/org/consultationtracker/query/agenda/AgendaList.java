package org.consultationtracker.query.agenda;

import org.bson.Document;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;

/**
 * The list of sessions, private to this package: each agenda is numbered 1, 2, 3… in the order its first event
 * appears in the stream, and the list pages by that number ({@code after}). It lives in {@value #LIST}:
 * <ul>
 *   <li>{@value #HEAD}: {@code count}, how many agendas are listed;</li>
 *   <li>{@code page/<k>}: {@code agendas}, number → agenda id for the agendas numbered
 *       {@code k*}{@value #BUCKET}{@code +1} to {@code (k+1)*}{@value #BUCKET};</li>
 *   <li>{@code listed/<agendaId>}: {@code number}, so an agenda is listed once.</li>
 * </ul>
 * A page is then two or three key lookups, whatever the number of sessions. The head and the buckets are shared by
 * every session, so the agenda projection processes in one sequence (query-side.yml): one writer, in stream order,
 * which also makes the numbering the same in every rebuild. The order is the stream's, not the framing questions' (a
 * number must never change once given, or keyset paging would skip or repeat a session).
 * <p>
 * The three documents of one listing are written in one bulk write of this collection, but not atomically: a batch
 * that failed half-way through it and is retried may leave a number unused (a page then holds one session fewer; the
 * buckets map numbers to ids, so nothing after it shifts) or a session unlisted until the next rebuild.
 */
final class AgendaList {

    static final String LIST = "agenda_list";
    static final String HEAD = "head";
    static final long BUCKET = 500;

    private AgendaList() {
    }

    static String bucket(long number) {
        return "page/" + Math.floorDiv(number - 1, BUCKET);
    }

    static String listed(String agendaId) {
        return "listed/" + agendaId;
    }

    /**
     * Gives {@code agendaId} the next number unless it has one. Each document skips an event it already holds
     * ({@link DocumentSession#forUpdate}), so a redelivered event lists nothing twice.
     */
    static void list(DocumentSession session, String agendaId, EventContext context) {
        Document known = session.find(LIST, listed(agendaId));
        if (known != null && known.containsKey("number")) {
            return;
        }
        Document listed = session.forUpdate(LIST, listed(agendaId), context);
        Document head = session.forUpdate(LIST, HEAD, context);
        if (listed == null || head == null) {
            return;
        }
        long number = head.get("count", 0L) + 1;
        head.put("count", number);
        listed.put("number", number);
        Document bucket = session.forUpdate(LIST, bucket(number), context);
        if (bucket != null) {
            Document agendas = bucket.get("agendas", Document.class);
            if (agendas == null) {
                agendas = new Document();
                bucket.put("agendas", agendas);
            }
            agendas.put(Long.toString(number), agendaId);
        }
    }
}
