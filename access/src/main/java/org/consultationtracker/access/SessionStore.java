package org.consultationtracker.access;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sessions and access tokens, held in the store (collection {@code access_sessions}) so they survive a restart and
 * every instance of either service accepts them. A token is 32 random bytes; the store keeps only its SHA-256, so a
 * copy of the database signs nobody in. Checking a token costs a hash and, at most once per
 * {@code sessionCheck} per instance, a key lookup: no password hash per request.
 *
 * <p>A session ends when unused for {@code idleTimeout}, {@code absoluteTimeout} after sign-in, or at sign-out. The
 * instance that signs out forgets the session at once; others within {@code sessionCheck}, when they next read it.
 * Each read takes the account's roles from the configuration as it is now, so a changed or removed account counts
 * from the next restart, not from the next sign-in.
 */
final class SessionStore {

    static final String COLLECTION = "access_sessions";
    /** Every token this service issues starts so; a bearer token without it is an external provider's. */
    static final String TOKEN_PREFIX = "ct_";
    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_REMEMBERED = 50_000;
    /** Idle expiry is pushed forward in the store at most this often, not on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** How the client holds it: a browser cookie (needs the CSRF token for writes) or a bearer token. */
    enum Kind { BROWSER, BEARER }

    /** A live session: who, its CSRF token (browser sessions), and when it ends. */
    record Session(String id, Account account, Kind kind, String csrfToken, Instant createdAt,
                   Instant idleExpiresAt, Instant absoluteExpiresAt) {

        Instant expiresAt() {
            return idleExpiresAt.isBefore(absoluteExpiresAt) ? idleExpiresAt : absoluteExpiresAt;
        }
    }

    /** A newly opened session and the token to hand to the client (shown once, never stored). */
    record Opened(String token, Session session) {
    }

    private record Remembered(Session session, Instant readAt) {
    }

    private final MongoCollection<Document> sessions;
    private final AccessProperties properties;
    private final Clock clock;
    private final Function<Account, Optional<Account>> accounts;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();

    SessionStore(MongoDatabase database, AccessProperties properties, Clock clock) {
        this(database, properties, clock, Optional::of);
    }

    /**
     * @param accounts the account a stored session speaks for, as it is now (roles re-read from the configuration),
     *                 or none when it no longer exists: its sessions end
     */
    SessionStore(MongoDatabase database, AccessProperties properties, Clock clock,
                 Function<Account, Optional<Account>> accounts) {
        this.sessions = database.getCollection(COLLECTION);
        this.properties = properties;
        this.clock = clock;
        this.accounts = accounts;
        try {
            sessions.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
            sessions.createIndex(Indexes.ascending("username"));
        } catch (RuntimeException e) {
            log.debug("indexes on {} not created: {}", COLLECTION, e.toString());
        }
    }

    Opened open(Account account, Kind kind) {
        String token = TOKEN_PREFIX + randomText();
        Instant now = clock.instant();
        Session session = new Session(hash(token), account, kind, kind == Kind.BROWSER ? randomText() : null, now,
                now.plus(properties.idleTimeout()), now.plus(properties.absoluteTimeout()));
        sessions.insertOne(new Document("_id", session.id())
                .append("username", account.username())
                .append("roles", List.copyOf(account.roles()))
                .append("participantId", account.participantId())
                .append("issuer", account.issuer())
                .append("kind", kind.name())
                .append("csrf", session.csrfToken())
                .append("createdAt", Date.from(now))
                .append("lastUsedAt", Date.from(now))
                .append("idleExpiresAt", Date.from(session.idleExpiresAt()))
                .append("absoluteExpiresAt", Date.from(session.absoluteExpiresAt()))
                .append("expiresAt", Date.from(session.expiresAt())));
        return new Opened(token, session);
    }

    /** The live session this token opens, if any. */
    Optional<Session> resolve(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String id = hash(token);
        Instant now = clock.instant();
        Remembered known = remembered.get(id);
        if (known != null && known.readAt().plus(properties.sessionCheck()).isAfter(now)) {
            if (known.session().expiresAt().isAfter(now)) {
                return Optional.of(known.session());
            }
            remembered.remove(id);
            return Optional.empty();
        }
        Document doc = sessions.find(Filters.eq("_id", id)).first();
        if (doc == null) {
            remembered.remove(id);
            return Optional.empty();
        }
        Session session = session(doc);
        Optional<Account> account = accounts.apply(session.account());
        if (!session.expiresAt().isAfter(now) || account.isEmpty()) {
            if (account.isEmpty()) {
                log.info("session of {} ended: the account is no longer configured", session.account().username());
            }
            remembered.remove(id);
            sessions.deleteOne(Filters.eq("_id", id));
            return Optional.empty();
        }
        session = new Session(session.id(), account.get(), session.kind(), session.csrfToken(), session.createdAt(),
                session.idleExpiresAt(), session.absoluteExpiresAt());
        if (doc.getDate("lastUsedAt").toInstant().plus(TOUCH_EVERY).isBefore(now)) {
            session = touch(session, now);
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear(); // a crude bound: the next requests read the store again
        }
        remembered.put(id, new Remembered(session, now));
        return Optional.of(session);
    }

    /** Sign-out: the session ends here at once, and on other instances when they next read it. */
    boolean close(String sessionId) {
        remembered.remove(sessionId);
        return sessions.deleteOne(Filters.eq("_id", sessionId)).getDeletedCount() > 0;
    }

    private Session touch(Session session, Instant now) {
        Instant idle = now.plus(properties.idleTimeout());
        Session touched = new Session(session.id(), session.account(), session.kind(), session.csrfToken(),
                session.createdAt(), idle, session.absoluteExpiresAt());
        sessions.updateOne(Filters.eq("_id", session.id()), Updates.combine(
                Updates.set("lastUsedAt", Date.from(now)), Updates.set("idleExpiresAt", Date.from(idle)),
                Updates.set("expiresAt", Date.from(touched.expiresAt()))));
        return touched;
    }

    private static Session session(Document doc) {
        List<String> roles = doc.getList("roles", String.class, List.of());
        Account account = new Account(doc.getString("username"), Set.copyOf(roles), doc.getString("participantId"),
                doc.getString("issuer"));
        return new Session(doc.getString("_id"), account, Kind.valueOf(doc.getString("kind")), doc.getString("csrf"),
                doc.getDate("createdAt").toInstant(), doc.getDate("idleExpiresAt").toInstant(),
                doc.getDate("absoluteExpiresAt").toInstant());
    }

    private String randomText() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
