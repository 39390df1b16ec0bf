package org.consultationtracker.query.replay;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.consultationtracker.query.parking.ModelEvent;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingSequences;
import org.consultationtracker.query.readmodel.ContentHash;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModelIndexes;
import org.consultationtracker.query.readmodel.HeadPosition;
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
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.function.ToDoubleFunction;

/**
 * Rebuilds read models blue/green while the service keeps answering from the current generation.
 * <ol>
 *   <li>Reserve generation g+1 of each model and replay the whole stream into it with the production projections
 *   ({@link RebuildSession}: documents held in memory, written behind in bulk every {@code flush-every} events while
 *   the stream is read ahead by {@link ReadAhead}). Several models rebuild in one pass over the stream.</li>
 *   <li>Once caught up, take the models' write locks (live batches hold a read lock from first load to commit), read
 *   the few events appended meanwhile, and flip the pointers to g+1. From then on queries read g+1 and the live
 *   processors write g+1; events a live processor had not applied yet are skipped document by document (each
 *   document carries the position of the last event applied to it), later events are applied as usual.</li>
 *   <li>Drop the collections of g.</li>
 * </ol>
 * The live processors' tokens are never reset, so no model is ever empty or behind while it rebuilds.
 */
@Service
public class Replays implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final EventStorageEngine engine;
    private final HeadPosition storeHead;
    private final MongoDatabase database;
    private final Generations generations;
    private final ReadModelIndexes indexes;
    private final ReplayProperties properties;
    private final Map<ReadModel, Projection> projections = new EnumMap<>(ReadModel.class);
    private final Map<String, ReplayStatus> statuses = new ConcurrentHashMap<>();
    /** Rebuild ids in the order they started: number n is {@code startOrder.get(n - 1)}. */
    private final List<String> startOrder = new ArrayList<>();
    private final Map<ReadModel, String> latestByModel = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(daemons("read-model-rebuild"));
    private final Clock clock = Clock.systemUTC();
    private final ParkedEvents parkedEvents;
    private final ParkingSequences sequences;
    /** Models asked to be rebuilt again (a parked event retried or evicted) while a rebuild of them was running. */
    private final Set<ReadModel> followUps = EnumSet.noneOf(ReadModel.class);

    public Replays(EventStorageEngine engine, HeadPosition storeHead, MongoDatabase database, Generations generations,
                   ReplayProperties properties, List<Projection> projections, MeterRegistry meters,
                   ParkedEvents parkedEvents, ParkingSequences sequences, ReadModelIndexes indexes) {
        this.engine = engine;
        this.indexes = indexes;
        this.storeHead = storeHead;
        this.database = database;
        this.generations = generations;
        this.properties = properties;
        this.parkedEvents = parkedEvents;
        this.sequences = sequences;
        projections.forEach(projection -> this.projections.put(projection.model(), projection));
        for (ReadModel model : ReadModel.values()) {
            gauge(meters, "consultation.replay.progress", model, ReplayStatus::progress,
                  "Share of the stream the latest rebuild of the read model has applied (0..1)");
            gauge(meters, "consultation.replay.position", model, status -> status.position(),
                  "Stream position the latest rebuild has applied");
            gauge(meters, "consultation.replay.head", model, status -> status.headPosition(),
                  "Head position of the store when the latest rebuild last looked");
            gauge(meters, "consultation.replay.events.per.second", model, ReplayStatus::eventsPerSecond,
                  "Events per second of the latest rebuild");
        }
    }

    private void gauge(MeterRegistry meters, String name, ReadModel model, ToDoubleFunction<ReplayStatus> value,
                       String description) {
        Gauge.builder(name, () -> latest(model).map(value::applyAsDouble).orElse(0.0))
             .description(description).tag("readModel", model.id()).register(meters);
    }

    /** The status of the latest rebuild that included {@code model}, if any. */
    private Optional<ReplayStatus> latest(ReadModel model) {
        return Optional.ofNullable(latestByModel.get(model)).map(statuses::get);
    }

    public ReplayStatus start(ReadModel model) {
        return start(List.of(model));
    }

    /**
     * Starts rebuilding the models in one pass over the stream, in the background. If any of them is already being
     * rebuilt, that running rebuild is returned instead.
     */
    public synchronized ReplayStatus start(Collection<ReadModel> models) {
        Set<ReadModel> set = EnumSet.copyOf(models);
        for (ReadModel model : set) {
            Optional<ReplayStatus> current = latest(model);
            if (current.isPresent() && !current.get().finished()) {
                return current.get();
            }
        }
        String id = UUID.randomUUID().toString();
        Progress progress = new Progress(id, set);
        startOrder.add(id);
        set.forEach(model -> latestByModel.put(model, id));
        running.put(id, executor.submit(() -> run(progress)));
        return statuses.get(id);
    }

    /**
     * Rebuilds {@code model} once more from now on: at once, or - if a rebuild of it is running, which may have passed
     * the event that made the request - again as soon as that one has finished. Returns the running or started rebuild.
     */
    public synchronized ReplayStatus startAgain(ReadModel model) {
        Optional<ReplayStatus> current = latest(model);
        if (current.isPresent() && !current.get().finished()) {
            followUps.add(model);
            return current.get();
        }
        return start(model);
    }

    private synchronized void startFollowUps() {
        if (!followUps.isEmpty()) {
            Set<ReadModel> again = EnumSet.copyOf(followUps);
            followUps.clear();
            start(again);
        }
    }

    /** Runs a rebuild and waits for it (command line, benchmark, tests). */
    public ReplayStatus rebuild(Collection<ReadModel> models) {
        ReplayStatus started = start(models);
        try {
            running.get(started.id()).get();
        } catch (Exception e) {
            throw new IllegalStateException("Rebuild " + started.id() + " was interrupted", e);
        }
        return status(started.id()).orElseThrow();
    }

    public ReplayStatus rebuild(ReadModel model) {
        return rebuild(List.of(model));
    }

    public Optional<ReplayStatus> status(String id) {
        return Optional.ofNullable(statuses.get(id));
    }

    /** A page of rebuilds; {@code next} is the number to ask {@code after} for, null on the last page. */
    public record Page(List<ReplayStatus> replays, Long after, int size, Long next, long totalReplays) {
    }

    public static final int MAX_PAGE_SIZE = 100;

    /**
     * The rebuilds this instance started, newest first: those numbered below {@code after} (null: from the newest),
     * at most {@code size}. Rebuilds are numbered 1, 2, 3… in the order they started here.
     */
    public Page page(Long after, int size) {
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(startOrder);
        }
        long below = after == null ? ids.size() + 1L : Math.min(after, ids.size() + 1L);
        long downTo = Math.max(1, below - size);
        List<ReplayStatus> replays = new ArrayList<>();
        for (long number = below - 1; number >= downTo; number--) {
            replays.add(statuses.get(ids.get((int) number - 1)));
        }
        return new Page(replays, after, size, downTo > 1 && below > 1 ? downTo : null, ids.size());
    }

    private void run(Progress progress) {
        Map<ReadModel, ModelRebuild> sessions = new EnumMap<>(ReadModel.class);
        ExecutorService writers = Executors.newFixedThreadPool(properties.writers(),
                                                               daemons("read-model-rebuild-writer"));
        try {
            for (ReadModel model : progress.models) {
                long generation = generations.reserveNext(model);
                progress.replaced.put(model.id(), generations.active(model));
                progress.generations.put(model.id(), generation);
                dropGeneration(model, generation); // leftovers of an earlier, interrupted rebuild
                indexes.declare(model, generation);
                sessions.put(model, new ModelRebuild(projections.get(model),
                        new RebuildSession(database, model, generation, writers, properties.heldDocuments()),
                        generation, parkedEvents.freshState(model)));
            }
            TrackingToken token = catchUp(null, sessions, progress);
            List<Lock> locks = new ArrayList<>();
            for (ReadModel model : progress.models) { // EnumSet order: every rebuild locks in the same order
                Lock lock = generations.lock(model).writeLock();
                lock.lock();
                locks.add(lock);
            }
            try {
                progress.state = State.SWITCHING;
                catchUp(token, sessions, progress);
                sessions.values().forEach(rebuild -> parkedEvents.record(rebuild.parked()));
                for (ReadModel model : progress.models) {
                    generations.activate(model, progress.generations.get(model.id()));
                }
                progress.switched();
            } finally {
                locks.forEach(Lock::unlock);
            }
            for (ReadModel model : progress.models) {
                parkedEvents.supersede(model, progress.generations.get(model.id()), progress.id);
                dropGeneration(model, progress.replaced.get(model.id()));
                long rebuilt = progress.generations.get(model.id());
                String hash = ContentHash.of(database, model, rebuilt);
                progress.hashes.put(model.id(), hash);
                // Kept with the generation, so reading a model's state never hashes it again.
                generations.recordHash(model, rebuilt, hash, java.time.Instant.now());
            }
            progress.finish(State.COMPLETED, null);
            Map<String, String> writes = new LinkedHashMap<>();
            sessions.forEach((model, rebuild) -> writes.put(model.id(), rebuild.session().documentsWritten()
                    + " written, " + rebuild.session().documentsLoaded() + " reloaded, "
                    + rebuild.parked().size() + " parked or held"));
            log.info("Rebuilt {} into generations {} ({} events, {} events/s; documents {}); now serving them; "
                             + "hashes {}", progress.ids(), progress.generations, progress.applied,
                     Math.round(progress.rate()), writes, progress.hashes);
        } catch (RuntimeException e) {
            log.error("Rebuild of {} failed; generations {} stay active", progress.ids(), progress.replaced, e);
            progress.finish(State.FAILED, e.toString());
            progress.generations.forEach((model, generation) -> {
                if (!generation.equals(progress.replaced.get(model))) {
                    ReadModel.byId(model).ifPresent(m -> parkedEvents.discardGeneration(m, generation));
                }
            });
        } finally {
            writers.shutdownNow();
            startFollowUps();
        }
    }

    /**
     * Applies every event after {@code token} until the stream has nothing more, with every changed document stored
     * when it returns; returns the last token. The stream is read ahead on another thread, and changed documents are
     * handed to the writers every {@code flush-every} events without waiting for them.
     */
    private TrackingToken catchUp(TrackingToken token, Map<ReadModel, ModelRebuild> sessions, Progress progress) {
        boolean more = true;
        while (more) {
            more = false;
            try (ReadAhead stream = ReadAhead.from(engine, token)) {
                for (List<TrackedEventMessage<?>> batch = stream.next(); batch != null; batch = stream.next()) {
                    for (TrackedEventMessage<?> event : batch) {
                        sessions.forEach((model, rebuild) ->
                                rebuild.apply(ModelEvent.of(model, event, event.trackingToken(), sequences)));
                        token = event.trackingToken();
                        more = true;
                        if (++progress.sinceFlush >= properties.flushEvery()) {
                            sessions.values().forEach(ModelRebuild::writeBehind);
                            progress.sinceFlush = 0;
                        }
                        progress.applied(token.position().orElse(0));
                    }
                }
            }
            sessions.values().forEach(ModelRebuild::flush);
            progress.sinceFlush = 0;
        }
        return token;
    }

    /** Rebuild threads never keep the JVM alive (the command line exits through Spring when it is done). */
    private static java.util.concurrent.ThreadFactory daemons(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void dropGeneration(ReadModel model, long generation) {
        Set<String> existing = database.listCollectionNames().into(new java.util.HashSet<>());
        for (String collection : model.collections()) {
            String name = Generations.physicalName(model, collection, generation);
            if (existing.contains(name)) {
                database.getCollection(name).drop();
            }
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** Mutable progress of one running rebuild, published as immutable {@link ReplayStatus} snapshots. */
    private final class Progress {
        private final String id;
        private final Set<ReadModel> models;
        private final Instant started = clock.instant();
        private final long startedNanos = System.nanoTime();
        private final Map<String, Long> generations = new LinkedHashMap<>();
        private final Map<String, Long> replaced = new LinkedHashMap<>();
        private final Map<String, String> hashes = new LinkedHashMap<>();
        private volatile State state = State.RUNNING;
        private Instant switchedAt;
        private long applied;
        private long position;
        private long head;
        private int sinceFlush;
        private long lastPublished;
        private long lastLogged = System.nanoTime();

        private Progress(String id, Set<ReadModel> models) {
            this.id = id;
            this.models = models;
            this.head = storeHead.current();
            publish(null, null);
        }

        List<String> ids() {
            return models.stream().map(ReadModel::id).toList();
        }

        void applied(long reached) {
            applied++;
            position = reached;
            long now = System.nanoTime();
            if (now - lastPublished > 500_000_000L) {
                head = Math.max(storeHead.current(), position);
                publish(null, null);
                lastPublished = now;
            }
            if (now - lastLogged > properties.logEvery().toNanos()) {
                ReplayStatus status = statuses.get(id);
                log.info("Rebuilding {}: position {} of {} ({}%), {} events/s, about {} s left", ids(), position,
                         head, Math.round(status.progress() * 100), Math.round(status.eventsPerSecond()),
                         status.etaSeconds() == null ? "?" : status.etaSeconds());
                lastLogged = now;
            }
        }

        double rate() {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            return seconds <= 0 ? 0 : applied / seconds;
        }

        void switched() {
            switchedAt = clock.instant();
            publish(null, null);
        }

        void finish(State finalState, String error) {
            state = finalState;
            head = Math.max(head, position);
            publish(clock.instant(), error);
        }

        private void publish(Instant finished, String error) {
            double rate = rate();
            long left = Math.max(0, head - position);
            Long eta = rate > 0 ? Math.round(left / rate) : null;
            double share = state == State.COMPLETED ? 1 : head == 0 ? 0 : Math.min(1, (double) position / head);
            statuses.put(id, new ReplayStatus(id, ids(), state, copy(generations), copy(replaced),
                                              applied, position, head, rate, eta, share, started, switchedAt, finished,
                                              copy(hashes), error));
        }

        private static <V> Map<String, V> copy(Map<String, V> map) {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
    }
}
