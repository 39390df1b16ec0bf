package org.consultationtracker.query.replay;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.HeadPosition;
import org.consultationtracker.query.readmodel.MongoDocumentSession;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.replay.ReplayStatus.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;

/**
 * Rebuilds a read model blue/green while the service keeps answering from the current generation.
 * <ol>
 *   <li>Reserve generation g+1 and replay the whole stream into it with the production projection, writing in bulk
 *   every {@code flush-every} events.</li>
 *   <li>Once caught up, take the model's write lock (live batches hold the read lock from first load to commit), read
 *   the few events appended meanwhile, and flip the pointer to g+1. From then on queries read g+1 and the live
 *   processor writes g+1; events it had not applied yet are skipped document by document (their position is already
 *   in each document), events after the flip are applied as usual.</li>
 *   <li>Drop the collections of g.</li>
 * </ol>
 * The live processor's token is never reset, so there is no window in which the model is empty or behind.
 */
@Service
public class Replays implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final EventStorageEngine engine;
    private final HeadPosition storeHead;
    private final MongoDatabase database;
    private final Generations generations;
    private final ReplayProperties properties;
    private final Map<ReadModel, Projection> projections = new EnumMap<>(ReadModel.class);
    private final Map<String, ReplayStatus> statuses = new ConcurrentHashMap<>();
    private final Map<ReadModel, ReplayStatus> latestByModel = new ConcurrentHashMap<>();
    private final Map<ReadModel, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock = Clock.systemUTC();

    public Replays(EventStorageEngine engine, HeadPosition storeHead, MongoDatabase database, Generations generations,
                   ReplayProperties properties, List<Projection> projections, MeterRegistry meters) {
        this.engine = engine;
        this.storeHead = storeHead;
        this.database = database;
        this.generations = generations;
        this.properties = properties;
        projections.forEach(projection -> this.projections.put(projection.model(), projection));
        for (ReadModel model : ReadModel.values()) {
            Gauge.builder("consultation.replay.progress", () -> latest(model, ReplayStatus::progress))
                 .description("Share of the stream a rebuild of the read model has applied (0..1)")
                 .tag("readModel", model.id()).register(meters);
            Gauge.builder("consultation.replay.position", () -> latest(model, s -> (double) s.position()))
                 .tag("readModel", model.id()).register(meters);
            Gauge.builder("consultation.replay.head", () -> latest(model, s -> (double) s.headPosition()))
                 .tag("readModel", model.id()).register(meters);
            Gauge.builder("consultation.replay.events.per.second", () -> latest(model, ReplayStatus::eventsPerSecond))
                 .tag("readModel", model.id()).register(meters);
        }
    }

    private double latest(ReadModel model, java.util.function.ToDoubleFunction<ReplayStatus> value) {
        ReplayStatus status = latestByModel.get(model);
        return status == null ? 0 : value.applyAsDouble(status);
    }

    /** Starts a rebuild in the background; a second request for a model being rebuilt gets the running one. */
    public synchronized ReplayStatus start(ReadModel model) {
        ReplayStatus current = latestByModel.get(model);
        if (current != null && (current.state() == State.RUNNING || current.state() == State.SWITCHING)) {
            return current;
        }
        String id = UUID.randomUUID().toString();
        ReplayStatus initial = new ReplayStatus(id, model.id(), State.RUNNING, 0, generations.active(model), 0, 0,
                                                headPosition(), 0, null, 0, clock.instant(), null, null, null);
        update(model, initial);
        running.put(model, executor.submit(() -> run(id, model)));
        return initial;
    }

    /** Runs a rebuild in the calling thread (command line, benchmark, tests). */
    public ReplayStatus rebuild(ReadModel model) {
        ReplayStatus started = start(model);
        try {
            running.get(model).get();
        } catch (Exception e) {
            throw new IllegalStateException("Rebuild of " + model.id() + " was interrupted", e);
        }
        return status(started.id()).orElseThrow();
    }

    public Optional<ReplayStatus> status(String id) {
        return Optional.ofNullable(statuses.get(id));
    }

    public List<ReplayStatus> all() {
        List<ReplayStatus> all = new ArrayList<>(statuses.values());
        all.sort(Comparator.comparing(ReplayStatus::startedAt).reversed());
        return all;
    }

    private void run(String id, ReadModel model) {
        Projection projection = projections.get(model);
        long replaced = generations.active(model);
        long generation = generations.reserveNext(model);
        Instant started = clock.instant();
        Progress progress = new Progress(id, model, generation, replaced, started);
        try {
            dropGeneration(model, generation); // leftovers of an earlier, interrupted rebuild
            MongoDocumentSession session = new MongoDocumentSession(database, model, generation);
            TrackingToken token = catchUp(null, projection, session, progress);
            Lock lock = generations.lock(model).writeLock();
            lock.lock();
            try {
                progress.state = State.SWITCHING;
                token = catchUp(token, projection, session, progress);
                generations.activate(model, generation);
            } finally {
                lock.unlock();
            }
            dropGeneration(model, replaced);
            String hash = ContentHash.of(database, model, generation);
            progress.finish(State.COMPLETED, hash, null);
            log.info("Rebuilt read model {} into generation {} ({} events, {} events/s); now serving it; hash {}",
                     model.id(), generation, progress.applied, Math.round(progress.rate()), hash);
        } catch (RuntimeException e) {
            log.error("Rebuild of read model {} failed; generation {} stays active", model.id(), replaced, e);
            progress.finish(State.FAILED, null, e.toString());
        }
    }

    /** Applies every event after {@code token} until the stream has nothing more; returns the last token. */
    private TrackingToken catchUp(TrackingToken token, Projection projection, MongoDocumentSession session,
                                  Progress progress) {
        boolean more = true;
        while (more) {
            more = false;
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                while (iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    projection.apply(event.getPayload(), EventContext.of(event, event.trackingToken()), session);
                    token = event.trackingToken();
                    more = true;
                    if (++progress.sinceFlush >= properties.flushEvery()) {
                        session.flush();
                        session.evictCache();
                        progress.sinceFlush = 0;
                    }
                    progress.applied(token.position().orElse(0));
                }
            }
            session.flush();
            progress.sinceFlush = 0;
        }
        return token;
    }

    private void dropGeneration(ReadModel model, long generation) {
        for (String collection : model.collections()) {
            database.getCollection(Generations.physicalName(model, collection, generation)).drop();
        }
    }

    private long headPosition() {
        return storeHead.current();
    }

    private void update(ReadModel model, ReplayStatus status) {
        statuses.put(status.id(), status);
        latestByModel.put(model, status);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** Mutable progress of one running rebuild; published as immutable {@link ReplayStatus} snapshots. */
    private final class Progress {
        private final String id;
        private final ReadModel model;
        private final long generation;
        private final long replaced;
        private final Instant started;
        private final long startedNanos = System.nanoTime();
        private State state = State.RUNNING;
        private long applied;
        private long position;
        private long head;
        private int sinceFlush;
        private long lastPublished;
        private long lastLogged = System.nanoTime();

        private Progress(String id, ReadModel model, long generation, long replaced, Instant started) {
            this.id = id;
            this.model = model;
            this.generation = generation;
            this.replaced = replaced;
            this.started = started;
            this.head = headPosition();
            publish(null, null, null);
        }

        void applied(long reached) {
            applied++;
            position = reached;
            long now = System.nanoTime();
            if (now - lastPublished > 500_000_000L) {
                head = Math.max(headPosition(), position);
                publish(null, null, null);
                lastPublished = now;
            }
            if (now - lastLogged > properties.logEvery().toNanos()) {
                ReplayStatus status = latestByModel.get(model);
                log.info("Rebuilding {}: position {} of {} ({}%), {} events/s, about {} s left", model.id(),
                         position, head, Math.round(status.progress() * 100), Math.round(status.eventsPerSecond()),
                         status.etaSeconds() == null ? "?" : status.etaSeconds());
                lastLogged = now;
            }
        }

        double rate() {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            return seconds <= 0 ? 0 : applied / seconds;
        }

        void finish(State finalState, String hash, String error) {
            state = finalState;
            head = Math.max(head, position);
            publish(clock.instant(), hash, error);
        }

        private void publish(Instant finished, String hash, String error) {
            double rate = rate();
            long left = Math.max(0, head - position);
            Long eta = rate > 0 ? Math.round(left / rate) : null;
            double share = head == 0 ? (state == State.COMPLETED ? 1 : 0) : Math.min(1, (double) position / head);
            update(model, new ReplayStatus(id, model.id(), state, generation, replaced, applied, position, head, rate,
                                           eta, state == State.COMPLETED ? 1 : share, started, finished, hash,
                                           error));
        }
    }
}
