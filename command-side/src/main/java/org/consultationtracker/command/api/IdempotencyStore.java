package org.consultationtracker.command.api;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The MongoDB collection {@code idempotency_keys}: one document per user and key ({@code _id = user:key}). The unique
 * {@code _id} makes claiming a key atomic on the embedded server and on MongoDB alike, so two concurrent requests with
 * the same key cannot both go through.
 */
@Component
class IdempotencyStore {

    static final String COLLECTION = "idempotency_keys";
    /** How long a claim may stay incomplete before it counts as abandoned; far above any request's duration. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final MongoCollection<Document> keys;

    IdempotencyStore(MongoDatabase database) {
        this.keys = database.getCollection(COLLECTION);
    }

    /**
     * @return false when somebody already holds this key. A claim left incomplete for longer than {@link #LEASE} is
     * taken over: its request was killed mid-way (a completed one is never taken over), and without this its key
     * would answer "in progress" for ever.
     */
    boolean claim(String id, String requestHash) {
        Instant now = Instant.now();
        try {
            keys.insertOne(new Document("_id", id).append("requestHash", requestHash).append("completed", false)
                    .append("claimedAt", now.toString()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document held = keys.find(Filters.eq("_id", id)).first();
        if (held == null || held.getBoolean("completed", false) || !(held.get("claimedAt") instanceof String since)
                || Instant.parse(since).plus(LEASE).isAfter(now)) {
            return false;
        }
        // Compare-and-set on the stale claim's time: of two takers, one wins.
        return keys.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("completed", false),
                        Filters.eq("claimedAt", since)),
                Updates.combine(Updates.set("requestHash", requestHash), Updates.set("claimedAt", now.toString())))
                .getModifiedCount() == 1;
    }

    Optional<IdempotentRequest> find(String id) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", id)).first()).map(doc -> new IdempotentRequest(
                doc.getString("requestHash"), doc.getBoolean("completed", false),
                doc.getInteger("status", 0), doc.getString("contentType"), doc.getString("location"),
                doc.getString("body")));
    }

    void complete(String id, int status, String contentType, String location, String body) {
        keys.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("completed", true),
                Updates.set("status", status), Updates.set("contentType", contentType),
                Updates.set("location", location), Updates.set("body", body)));
    }

    /** A failed first attempt recorded nothing, so the key is freed for an honest retry. */
    void release(String id) {
        keys.deleteOne(Filters.eq("_id", id));
    }

    record IdempotentRequest(String requestHash, boolean completed, int status, String contentType, String location,
                             String body) {
    }
}
