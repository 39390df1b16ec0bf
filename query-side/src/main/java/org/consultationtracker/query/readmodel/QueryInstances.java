package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * The query-side instances sharing one store, so that they share the processors' segments fairly. Each instance
 * records a heartbeat in {@value #COLLECTION}; an instance may claim at most its share of a processor's segments
 * (rounded up) among the instances seen alive. When another instance starts, the others release their surplus
 * segments for it to claim; when one dies, its heartbeat stops, the others' share grows, and once its claims time out
 * in the token store they take its segments over.
 */
@Component
public class QueryInstances implements DisposableBean {

    static final String COLLECTION = "query_instances";
    private static final Logger log = LoggerFactory.getLogger(QueryInstances.class);

    private final MongoCollection<Document> instances;
    private final String id = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Duration heartbeat;
    private final Duration deadAfter;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "query-instance-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int alive = 1;
    private final Map<String, SegmentCount> segmentCounts = new ConcurrentHashMap<>();

    public QueryInstances(MongoDatabase database,
                          @Value("${consultation.processing.heartbeat:2s}") Duration heartbeat,
                          @Value("${consultation.processing.instance-dead-after:10s}") Duration deadAfter) {
        this.instances = database.getCollection(COLLECTION);
        this.heartbeat = heartbeat;
        this.deadAfter = deadAfter;
        beat();
        beats.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many of a processor's {@code segments} this instance may hold now. */
    public int share(int segments) {
        return Math.max(1, (segments + alive - 1) / alive);
    }

    /**
     * This instance's share of the processor's segments as the token store counts them; the count is read again at
     * most every ten seconds (the coordinator asks far more often, and segments are only split or merged by hand).
     * While the store holds no tokens for the processor yet, the share is 1 and nothing is remembered: Axon asks once
     * while it builds the processor, before its first start creates the tokens, and remembering "no segments" then
     * would hold every instance to one segment for the first ten seconds of processing.
     */
    public int share(String processor, ToIntFunction<String> segmentsInStore) {
        long now = System.nanoTime();
        SegmentCount known = segmentCounts.get(processor);
        if (known == null || now - known.readAtNanos() > 10_000_000_000L) {
            int counted = segmentsInStore.applyAsInt(processor);
            if (counted <= 0) {
                return 1;
            }
            known = new SegmentCount(counted, now);
            segmentCounts.put(processor, known);
        }
        return share(known.segments());
    }

    private record SegmentCount(int segments, long readAtNanos) {
    }

    public int alive() {
        return alive;
    }

    private void beat() {
        try {
            instances.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("seenAt", new Date()),
                    new ReplaceOptions().upsert(true));
            Date since = new Date(System.currentTimeMillis() - deadAfter.toMillis());
            alive = (int) Math.max(1, instances.countDocuments(Filters.gte("seenAt", since)));
        } catch (RuntimeException e) {
            log.warn("Query-side instance heartbeat failed; keeping the last count of {} instances", alive, e);
        }
    }

    /** A stopping instance leaves at once, so the others take its segments without waiting for it to seem dead. */
    @Override
    public void destroy() {
        beats.shutdownNow();
        try {
            instances.deleteOne(Filters.eq("_id", id));
        } catch (RuntimeException e) {
            // the heartbeat simply stops; the others notice after the timeout
        }
    }
}
