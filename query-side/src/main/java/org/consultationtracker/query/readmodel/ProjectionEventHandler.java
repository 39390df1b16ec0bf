package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.concurrent.locks.Lock;

/**
 * Feeds a processing group's events to its {@link Projection} and writes each processor batch in bulk.
 * <p>
 * One {@link MongoDocumentSession} per batch (a unit-of-work resource): documents are loaded once per batch by key,
 * changed in memory, and written with one bulk write per collection when the batch's last event has been applied.
 * The write happens inside event handling rather than in prepare-commit because the pooled processor stores its
 * token in the first prepare-commit handler: a failed write must fail the batch before the token moves.
 */
public abstract class ProjectionEventHandler {

    private final Projection projection;
    private final MongoDatabase database;
    private final Generations generations;
    private final String sessionKey;

    protected ProjectionEventHandler(Projection projection, MongoDatabase database, Generations generations) {
        this.projection = projection;
        this.database = database;
        this.generations = generations;
        this.sessionKey = "read-model-session/" + projection.model().id();
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message, TrackingToken token) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        MongoDocumentSession session = unitOfWork.root().getOrComputeResource(sessionKey, key -> open(unitOfWork));
        projection.apply(payload, EventContext.of(message, token), session);
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            write(session);
        }
    }

    /**
     * Writes the batch unless a rebuild elsewhere flipped the generation since it was loaded: the batch then fails and
     * is retried against the new generation (whose documents skip what they already hold).
     */
    private void write(MongoDocumentSession session) {
        long active = generations.active(projection.model());
        if (active != session.generation()) {
            throw new GenerationSwitched(projection.model(), session.generation(), active);
        }
        session.flush();
    }

    /** The read model's generation changed under a running batch (a rebuild in another instance finished). */
    static class GenerationSwitched extends IllegalStateException {
        GenerationSwitched(ReadModel model, long loaded, long active) {
            super("Read model " + model.id() + " switched from generation " + loaded + " to " + active
                          + " during a batch; the batch is retried against the new generation");
        }
    }

    private MongoDocumentSession open(UnitOfWork<?> unitOfWork) {
        Lock lock = generations.lock(projection.model()).readLock();
        lock.lock();
        try {
            MongoDocumentSession session = new MongoDocumentSession(
                    database, projection.model(), generations.active(projection.model()));
            unitOfWork.root().onPrepareCommit(u -> write(session));
            unitOfWork.root().onCleanup(u -> lock.unlock());
            return session;
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }
}
