package org.consultationtracker.access;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Failed sign-ins, counted per account name and per client address in the store (collection
 * {@code access_sign_in_failures}), so every instance of either service sees the same counts and a restart forgets
 * nothing. Too many failures within the window lock that account, or that address, out of sign-in for the lockout
 * period — even with the right password, which is the point: guessing gains nothing. A lockout ends by itself, or an
 * administrator releases it ({@code DELETE /api/sign-in-lockouts/{key}}). A successful sign-in clears its account's
 * count, never its address's: one valid account must not reset the count of an address guessing at others.
 */
final class SignInThrottle {

    static final String COLLECTION = "access_sign_in_failures";
    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** A lockout in force: which key ({@code account:<name>} or {@code address:<ip>}) and until when. */
    record Lockout(String key, String kind, String subject, Instant until, int failures) {
    }

    private final MongoCollection<Document> failures;
    private final AccessProperties.Throttle perAccount;
    private final AccessProperties.Throttle perAddress;
    private final Clock clock;

    SignInThrottle(MongoDatabase database, AccessProperties properties, Clock clock) {
        this.failures = database.getCollection(COLLECTION);
        this.perAccount = properties.accountThrottle();
        this.perAddress = properties.addressThrottle();
        this.clock = clock;
        try {
            // A real MongoDB removes forgotten counts by itself; the embedded server ignores TTL and reads skip them.
            failures.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        } catch (RuntimeException e) {
            log.debug("no TTL index on {}: {}", COLLECTION, e.toString());
        }
    }

    static String accountKey(String username) {
        return "account:" + PasswordCheck.key(username);
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** The lockout that refuses this attempt, the longest first, if any. */
    Optional<Lockout> lockoutFor(String username, String address) {
        Instant now = clock.instant();
        Lockout found = null;
        for (Document doc : failures.find(Filters.in("_id", accountKey(username), addressKey(address)))) {
            Lockout lockout = lockout(doc);
            if (lockout.until() != null && lockout.until().isAfter(now)
                    && (found == null || lockout.until().isAfter(found.until()))) {
                found = lockout;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Counts a failed attempt against both keys; the lockout it caused, if this failure was one too many. */
    Optional<Lockout> failed(String username, String address) {
        Lockout account = count(accountKey(username), "account", PasswordCheck.key(username), perAccount);
        Lockout byAddress = count(addressKey(address), "address", address, perAddress);
        return account != null ? Optional.of(account) : Optional.ofNullable(byAddress);
    }

    void succeeded(String username) {
        failures.deleteOne(Filters.eq("_id", accountKey(username)));
    }

    /** Lockouts in force now, for an administrator. */
    List<Lockout> lockouts() {
        Date now = Date.from(clock.instant());
        List<Lockout> current = new ArrayList<>();
        for (Document doc : failures.find(Filters.gt("lockedUntil", now)).sort(Sorts.ascending("_id"))) {
            current.add(lockout(doc));
        }
        return current;
    }

    /** Ends a lockout and forgets its count; false when there was none in force. */
    boolean release(String key) {
        return failures.deleteOne(Filters.and(Filters.eq("_id", key),
                Filters.gt("lockedUntil", Date.from(clock.instant())))).getDeletedCount() > 0;
    }

    private Lockout count(String key, String kind, String subject, AccessProperties.Throttle throttle) {
        Instant now = clock.instant();
        Date expires = Date.from(now.plus(max(throttle.window(), throttle.lockout())));
        Document doc = failures.findOneAndUpdate(Filters.eq("_id", key),
                Updates.combine(Updates.inc("failures", 1), Updates.set("lastFailureAt", Date.from(now)),
                        Updates.set("expiresAt", expires), Updates.setOnInsert("kind", kind),
                        Updates.setOnInsert("subject", subject), Updates.setOnInsert("windowStart", Date.from(now))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        Instant windowStart = doc.getDate("windowStart").toInstant();
        Date lockedUntil = doc.getDate("lockedUntil");
        if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
            return null; // already locked: attempts are refused before they get here
        }
        if (windowStart.plus(throttle.window()).isBefore(now)) {
            // The window has passed: this failure starts a new one.
            failures.updateOne(Filters.eq("_id", key), Updates.combine(Updates.set("failures", 1),
                    Updates.set("windowStart", Date.from(now)), Updates.unset("lockedUntil")));
            return null;
        }
        int count = doc.getInteger("failures", 1);
        if (count < throttle.maxFailures()) {
            return null;
        }
        Instant until = now.plus(throttle.lockout());
        failures.updateOne(Filters.eq("_id", key), Updates.combine(Updates.set("lockedUntil", Date.from(until)),
                Updates.set("failures", 0), Updates.set("windowStart", Date.from(now)),
                Updates.set("expiresAt", Date.from(until.plus(throttle.window())))));
        log.warn("sign-in locked for {} {} until {} after {} failed attempts", kind, subject, until, count);
        return new Lockout(key, kind, subject, until, count);
    }

    private static Lockout lockout(Document doc) {
        Date until = doc.getDate("lockedUntil");
        return new Lockout(doc.getString("_id"), doc.getString("kind"), doc.getString("subject"),
                until == null ? null : until.toInstant(), doc.getInteger("failures", 0));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
