package org.consultationtracker.query.health;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.consultationtracker.query.readmodel.HeadPosition;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each segment of each read model's processor is behind the store's last event, read from the shared token store
 * (so it counts segments every instance holds, and those nobody holds), not from what this process last read. A
 * segment behind the head whose token has not moved for the stall time is stalled: its processor is retrying a batch
 * that keeps failing, or nobody holds it.
 */
@Component
public class ProcessorLag {

    /** axon-mongo's token collection and fields. */
    static final String TOKENS = "trackingtokens";

    /**
     * @param position the position the segment has processed up to (0: nothing yet)
     * @param owner    the instance holding the segment, or null when nobody does
     */
    public record SegmentLag(String processor, int segment, long position, long lag, String owner, boolean stalled) {
    }

    private final MongoCollection<Document> tokens;
    private final HeadPosition head;
    private final Serializer serializer;
    private final Map<String, Progress> lastMoves = new ConcurrentHashMap<>();
    private volatile Snapshot cached;

    private record Progress(long position, long sinceNanos) {
    }

    private record Snapshot(long takenNanos, List<SegmentLag> segments) {
    }

    public ProcessorLag(MongoDatabase database, HeadPosition head, Serializer serializer) {
        this.tokens = database.getCollection(TOKENS);
        this.head = head;
        this.serializer = serializer;
    }

    /** Every segment's lag, read at most once a second (health checks and metric scrapes share it). */
    public List<SegmentLag> segments(Duration stallAfter) {
        Snapshot snapshot = cached;
        long now = System.nanoTime();
        if (snapshot == null || now - snapshot.takenNanos() > 1_000_000_000L) {
            snapshot = new Snapshot(now, read(stallAfter, now));
            cached = snapshot;
        }
        return snapshot.segments();
    }

    private List<SegmentLag> read(Duration stallAfter, long now) {
        long headPosition = head.lastEvent();
        List<String> processors = Arrays.stream(ReadModel.values()).map(ReadModel::processingGroup).toList();
        List<SegmentLag> segments = new ArrayList<>();
        for (Document entry : tokens.find(Filters.in("processorName", processors))) {
            String processor = entry.getString("processorName");
            int segment = entry.getInteger("segment");
            long position = tokenPosition(entry, serializer);
            long lag = Math.max(0, headPosition - position);
            String key = processor + "/" + segment;
            Progress progress = lastMoves.compute(key, (k, last) ->
                    last == null || last.position() != position ? new Progress(position, now) : last);
            boolean stalled = lag > 0 && now - progress.sinceNanos() > stallAfter.toNanos();
            segments.add(new SegmentLag(processor, segment, position, lag, entry.getString("owner"), stalled));
        }
        return segments;
    }

    /** The position a token entry of axon-mongo's token store stands at (0: nothing processed yet). */
    public static long tokenPosition(Document entry, Serializer serializer) {
        Binary bytes = entry.get("token", Binary.class);
        if (bytes == null) {
            return 0;
        }
        Number timestamp = entry.get("timestamp", Number.class);
        TrackingToken token = new GenericTokenEntry<>(bytes.getData(), entry.getString("tokenType"),
                Instant.ofEpochMilli(timestamp == null ? 0 : timestamp.longValue()).toString(),
                entry.getString("owner"), entry.getString("processorName"), entry.getInteger("segment"),
                byte[].class).getToken(serializer);
        return token == null ? 0 : token.position().orElse(0);
    }
}
