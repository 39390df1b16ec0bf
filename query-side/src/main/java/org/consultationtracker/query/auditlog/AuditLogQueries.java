package org.consultationtracker.query.auditlog;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.security.CurrentReader;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * Searches the audit log; entries come in stream order (position). Entries of anonymous contributions carry no actor
 * or role unless the reader is an admin ({@link CurrentReader}), and a search by actor finds them only for an admin,
 * so the filter cannot be used to tie an account to an anonymous contribution either.
 */
@Service
public class AuditLogQueries {

    public static final int MAX_PAGE_SIZE = 500;

    /**
     * Every filter is optional; {@code from} and {@code to} bound the recorded time (inclusive, exclusive).
     * {@code page} counts from 0.
     */
    public record SearchAuditLog(String sessionId, String conversationId, String participantId, String actor,
                                 String eventType, Instant from, Instant to, int page, int size) {
    }

    /**
     * @param anonymous an anonymous contribution: {@code actor} and {@code role} are null unless the reader is admin
     * @param erasure   for a {@code ParticipantErased}: who asked for it and why; null for every other event
     */
    public record Entry(long position, String eventId, String eventType, String actor, String role,
                        Instant occurredAt, Instant recordedAt, String aggregateId, String sessionId,
                        String conversationId, List<String> participantIds, Map<String, Object> ids,
                        boolean anonymous, ErasureRequest erasure) {
    }

    /**
     * @param requestedBy THE_PARTICIPANT, ON_THEIR_BEHALF, or NOT_RECORDED (erased before this was asked)
     */
    public record ErasureRequest(String requestedBy, String reason, String requestReference) {
    }

    public record Page(List<Entry> entries, int page, int size, long totalEntries, int totalPages) {
    }

    private final ReadModelStore store;
    private final EventTypes eventTypes;

    public AuditLogQueries(ReadModelStore store, EventTypes eventTypes) {
        this.store = store;
        this.eventTypes = eventTypes;
    }

    @QueryHandler
    public Page handle(SearchAuditLog query) {
        validate(query);
        boolean identifyAnonymous = CurrentReader.mayIdentifyAnonymousContributors();
        List<Bson> filters = new ArrayList<>();
        if (query.sessionId() != null) {
            filters.add(Filters.eq("sessionId", query.sessionId()));
        }
        if (query.conversationId() != null) {
            filters.add(Filters.eq("conversationId", query.conversationId()));
        }
        if (query.participantId() != null) {
            filters.add(Filters.eq("participantIds", query.participantId()));
        }
        if (query.actor() != null) {
            filters.add(Filters.eq("actor", query.actor()));
            if (!identifyAnonymous) {
                filters.add(Filters.ne("anonymous", true));
            }
        }
        if (query.eventType() != null) {
            filters.add(Filters.eq("eventType", query.eventType()));
        }
        if (query.from() != null) {
            filters.add(Filters.gte("recordedAt", Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt("recordedAt", Date.from(query.to())));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        var collection = store.collection(ReadModel.AUDIT_LOG, AuditLogProjection.ENTRIES);
        long total = collection.countDocuments(filter);
        List<Entry> entries = new ArrayList<>();
        for (Document entry : collection.find(filter).sort(Sorts.ascending("position"))
                                        .skip(query.page() * query.size()).limit(query.size())) {
            boolean anonymous = entry.getBoolean("anonymous", false);
            boolean showActor = !anonymous || identifyAnonymous;
            entries.add(new Entry(entry.get("position", Number.class).longValue(), entry.getString("_id"),
                                  entry.getString("eventType"), showActor ? entry.getString("actor") : null,
                                  showActor ? entry.getString("role") : null,
                                  instant(entry, "occurredAt"), instant(entry, "recordedAt"),
                                  entry.getString("aggregateId"), entry.getString("sessionId"),
                                  entry.getString("conversationId"), strings(entry, "participantIds"),
                                  entry.get("ids", Document.class), anonymous, erasureIn(entry)));
        }
        return new Page(entries, query.page(), query.size(), total,
                        (int) ((total + query.size() - 1) / query.size()));
    }

    private static ErasureRequest erasureIn(Document entry) {
        Document erasure = entry.get("erasure", Document.class);
        return erasure == null ? null : new ErasureRequest(erasure.getString("requestedBy"),
                                                           erasure.getString("reason"),
                                                           erasure.getString("requestReference"));
    }

    private void validate(SearchAuditLog query) {
        if (query.page() < 0) {
            throw new InvalidFilter("page", "must be 0 or more (pages count from 0)");
        }
        if (query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw new InvalidFilter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if ((long) query.page() * query.size() > Integer.MAX_VALUE) {
            throw new InvalidFilter("page", "is too far: page × size must stay below " + Integer.MAX_VALUE);
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new InvalidFilter("to", "must be after 'from'");
        }
        if (query.eventType() != null && !eventTypes.names().contains(query.eventType())) {
            throw new InvalidFilter("eventType", "is not an event type; known types: " + eventTypes.names());
        }
    }
}
