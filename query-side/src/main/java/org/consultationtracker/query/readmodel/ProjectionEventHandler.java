package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.consultationtracker.query.parking.ModelEvent;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingSequences;

import java.util.Map;
import java.util.concurrent.locks.Lock;

/**
 * Feeds a processing group's events to its {@link Projection} and writes each processor batch in bulk.
 * <p>
 * One {@link LiveBatch} per processor batch (a unit-of-work resource): when the batch's last event has arrived, the
 * documents its events need are loaded in bulk, changed in memory, and written with one bulk write per collection. An
 * event the projection cannot apply is parked instead of stopping the processor (see {@link LiveBatch}).
 * The write happens inside event handling rather than in prepare-commit because the pooled processor stores its
 * token in the first prepare-commit handler: a failed write must fail the batch before the token moves.
 */
public abstract class ProjectionEventHandler {

    private final Projection projection;
    private final MongoDatabase database;
    private final Generations generations;
    private final ParkedEvents parkedEvents;
    private final ParkingSequences sequences;
    private final String batchKey;

    protected ProjectionEventHandler(Projection projection, MongoDatabase database, Generations generations,
                                     ParkedEvents parkedEvents, ParkingSequences sequences) {
        this.projection = projection;
        this.database = database;
        this.generations = generations;
        this.parkedEvents = parkedEvents;
        this.sequences = sequences;
        this.batchKey = "read-model-batch/" + projection.model().id();
    }

    /** Takes the message, not its payload: a payload that cannot be deserialized is parked, not fatal. */
    @EventHandler
    public void on(EventMessage<?> message, TrackingToken token) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        LiveBatch batch = unitOfWork.root().getOrComputeResource(batchKey, key -> open(unitOfWork));
        batch.add(ModelEvent.of(projection.model(), message, token, sequences));
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
            write(batch);
        }
    }

    /**
     * Writes the batch unless a rebuild elsewhere flipped the generation since it was loaded: the batch then fails and
     * is retried against the new generation (whose documents skip what they already hold).
     */
    private void write(LiveBatch batch) {
        long active = generations.active(projection.model());
        if (active != batch.generation()) {
            throw new GenerationSwitched(projection.model(), batch.generation(), active);
        }
        batch.write();
    }

    /** The read model's generation changed under a running batch (a rebuild in another instance finished). */
    static class GenerationSwitched extends IllegalStateException {
        GenerationSwitched(ReadModel model, long loaded, long active) {
            super("Read model " + model.id() + " switched from generation " + loaded + " to " + active
                          + " during a batch; the batch is retried against the new generation");
        }
    }

    /**
     * The processor segment this batch belongs to: the pooled processor puts it in the batch's unit of work as
     * {@code Processor[<name>]/SegmentId}. Null when not run by one (a test feeding the handler itself).
     */
    static String segmentOf(UnitOfWork<?> root) {
        for (Map.Entry<String, Object> resource : root.resources().entrySet()) {
            if (resource.getKey().startsWith("Processor[") && resource.getKey().endsWith("]/SegmentId")) {
                return String.valueOf(resource.getValue());
            }
        }
        return null;
    }

    private LiveBatch open(UnitOfWork<?> unitOfWork) {
        Lock lock = generations.lock(projection.model()).readLock();
        lock.lock();
        try {
            long generation = generations.active(projection.model());
            LiveBatch batch = new LiveBatch(projection, database, generation, parkedEvents,
                    parkedEvents.stateFor(projection.model(), generation), segmentOf(unitOfWork.root()),
                    MongoDocumentSession::new);
            unitOfWork.root().onPrepareCommit(u -> write(batch));
            unitOfWork.root().onCleanup(u -> lock.unlock());
            return batch;
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }
}
