package org.consultationtracker.eventstore.engine;

import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.consultationtracker.eventstore.engine.CommitLayout.ID;
import static org.consultationtracker.eventstore.engine.CommitLayout.POSITIONS;

/**
 * Reads the commits (and void markers) covering a window of positions with two unique-key lookups: the commits that
 * start inside the window by {@code _id}, and, when the window starts inside a commit, that one commit by a single
 * {@code positions} key.
 *
 * <p>Why not one {@code positions: {$in: window}}: the embedded server answers a {@code $in} over a multikey index
 * with the document once per matching key, so a 100-event commit would come back 100 times. Commits hold
 * consecutive positions, so only the commit holding the window's first position can start before the window.
 */
public final class CommitWindows {

    private CommitWindows() {
    }

    public static <T extends BsonDocument> List<T> covering(MongoCollection<T> commits, long first, int count) {
        List<T> found = commits.find(in(ID, positionRange(first, count))).into(new ArrayList<>());
        boolean firstIsAStart = found.stream().anyMatch(commit -> commit.getInt64(ID).getValue() == first);
        if (!firstIsAStart) {
            T holdingFirst = commits.find(eq(POSITIONS, first)).first();
            if (holdingFirst != null) {
                found.add(holdingFirst);
            }
        }
        return found;
    }

    public static List<Long> positionRange(long first, int count) {
        List<Long> positions = new ArrayList<>(count);
        for (long p = first; p < first + count; p++) {
            positions.add(p);
        }
        return positions;
    }
}
