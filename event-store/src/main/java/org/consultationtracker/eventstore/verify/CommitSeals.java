package org.consultationtracker.eventstore.verify;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.consultationtracker.eventstore.engine.CommitHasher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mongodb.client.model.Filters.in;
import static org.consultationtracker.eventstore.engine.CommitLayout.COMMITS_COLLECTION;
import static org.consultationtracker.eventstore.engine.CommitLayout.HASH;
import static org.consultationtracker.eventstore.engine.CommitLayout.HASH_SCHEME;
import static org.consultationtracker.eventstore.engine.CommitLayout.ID;
import static org.consultationtracker.eventstore.engine.CommitLayout.POSITIONS;

/**
 * The chain hash of the commit holding each of a few events, found by position: one {@code $in} lookup on the unique
 * {@code positions} key, so the cost follows the number of positions asked for, not the store's size. Each commit's
 * stored bytes are hashed again as the {@link ChainVerifier} does, so a reader can tell a hash that still matches
 * its commit from one whose commit was altered; the links between commits are the verifier's business.
 */
public class CommitSeals {

    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private final MongoCollection<RawBsonDocument> commits;

    public CommitSeals(MongoDatabase database) {
        this(database, COMMITS_COLLECTION);
    }

    public CommitSeals(MongoDatabase database, String commitsCollection) {
        this.commits = database.getCollection(commitsCollection, RawBsonDocument.class);
    }

    /**
     * @param commit   the commit's id: the position of its first event
     * @param hash     the hash stored with the commit (what the next commit of each of its aggregates chains to)
     * @param scheme   the hash scheme it was written under (see {@link CommitHasher})
     * @param verified whether the stored bytes still hash to {@code hash}
     */
    public record Seal(long position, long commit, String hash, int scheme, boolean verified) {
    }

    /** The seal of each position's commit; a position no commit holds (or a void marker) is absent. */
    public Map<Long, Seal> of(Collection<Long> positions) {
        List<Long> wanted = new ArrayList<>(new LinkedHashSet<>(positions));
        Map<Long, Seal> seals = new HashMap<>();
        if (wanted.isEmpty()) {
            return seals;
        }
        // The embedded server answers a $in over a multikey index once per matching key: a commit can come back
        // several times, and each copy describes the same commit.
        Map<Long, RawBsonDocument> byId = new HashMap<>();
        for (RawBsonDocument commit : commits.find(in(POSITIONS, wanted))) {
            BsonValue id = commit.get(ID);
            if (id != null && id.isNumber() && commit.containsKey(HASH)) {
                byId.putIfAbsent(id.asNumber().longValue(), commit);
            }
        }
        Set<Long> asked = new HashSet<>(wanted);
        for (Map.Entry<Long, RawBsonDocument> entry : byId.entrySet()) {
            RawBsonDocument commit = entry.getValue();
            String hash = commit.getString(HASH).getValue();
            int scheme = commit.containsKey(HASH_SCHEME) ? commit.getNumber(HASH_SCHEME).intValue()
                    : CommitHasher.LEGACY_SCHEME;
            boolean verified = hash.equals(CommitHasher.hashOfStored(commit))
                    || scheme == CommitHasher.LEGACY_SCHEME
                    && hash.equals(CommitHasher.schemeOneHash(commit.decode(CODEC)));
            for (BsonValue position : commit.getArray(POSITIONS)) {
                long p = position.asNumber().longValue();
                if (asked.contains(p)) {
                    seals.put(p, new Seal(p, entry.getKey(), hash, scheme, verified));
                }
            }
        }
        return seals;
    }
}
