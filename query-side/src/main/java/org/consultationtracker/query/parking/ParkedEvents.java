package org.consultationtracker.query.parking;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.consultationtracker.query.parking.ParkedEvent.Request;
import org.consultationtracker.query.parking.ParkedEvent.Status;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where parked events are kept: {@value #PARKED} holds what read models currently do not apply (per generation of
 * their collections), {@value #RESOLVED} how each parked event ended, and {@value #EVICTED} the events an admin took out
 * of a read model, with who and why. Parking is recorded idempotently (an entry is only ever created once), so a batch
 * that is retried after a failure records nothing twice.
 */
@Component
public class ParkedEvents {

    public static final String PARKED = "parked_events";
    public static final String RESOLVED = "parked_events_resolved";
    public static final String EVICTED = "evicted_events";
    /** The longest error text kept with a parked event: enough to recognise it; the log has the rest. */
    static final int ERROR_MAX = 1_000;

    private final MongoCollection<Document> parked;
    private final MongoCollection<Document> resolved;
    private final MongoCollection<Document> evicted;
    private final Generations generations;

    public ParkedEvents(MongoDatabase database, Generations generations) {
        this.parked = database.getCollection(PARKED);
        this.resolved = database.getCollection(RESOLVED);
        this.evicted = database.getCollection(EVICTED);
        this.generations = generations;
    }

    /** What a live batch of {@code model}, writing {@code generation}, must not apply. */
    public ParkingState stateFor(ReadModel model, long generation) {
        ParkingState state = new ParkingState(evictedPositions(model));
        List<ParkedEvent> entries = find(Filters.and(Filters.eq("readModel", model.id()),
                Filters.eq("generation", generation)));
        entries.stream().filter(e -> e.status() == Status.PARKED)
               .forEach(e -> state.failed(e.position(), e.sequence()));
        entries.stream().filter(e -> e.status() == Status.HELD).forEach(e -> state.held(e.position()));
        return state;
    }

    /** What a rebuild of {@code model} must not apply: only evicted events; everything parked is tried again. */
    public ParkingState freshState(ReadModel model) {
        return new ParkingState(evictedPositions(model));
    }

    /** Records newly parked or held events; an entry that exists already stays as it is. */
    public void record(Collection<ParkedEvent> events) {
        for (ParkedEvent event : events) {
            Document document = toDocument(event);
            List<Bson> onInsert = new ArrayList<>();
            document.forEach((key, value) -> {
                if (!"_id".equals(key)) {
                    onInsert.add(Updates.setOnInsert(key, value));
                }
            });
            parked.updateOne(Filters.eq("_id", event.id()), Updates.combine(onInsert),
                    new UpdateOptions().upsert(true));
        }
    }

    /** Events the read models currently hold back (in the generations queries read), oldest first. */
    public List<ParkedEvent> current(ReadModel model) {
        List<ParkedEvent> current = new ArrayList<>();
        for (ReadModel each : model == null ? List.of(ReadModel.values()) : List.of(model)) {
            current.addAll(find(Filters.and(Filters.eq("readModel", each.id()),
                    Filters.eq("generation", generations.active(each)))));
        }
        current.sort(Comparator.comparing(ParkedEvent::readModel).thenComparing(ParkedEvent::position));
        return current;
    }

    /** How many events each read model holds back now, parked and held together. */
    public Map<ReadModel, Long> counts() {
        Map<ReadModel, Long> counts = new EnumMap<>(ReadModel.class);
        for (ReadModel model : ReadModel.values()) {
            counts.put(model, count(model));
        }
        return counts;
    }

    /** How many events one read model holds back now. */
    public long count(ReadModel model) {
        return parked.countDocuments(Filters.and(Filters.eq("readModel", model.id()),
                Filters.eq("generation", generations.active(model))));
    }

    public Optional<ParkedEvent> find(String id) {
        return Optional.ofNullable(parked.find(Filters.eq("_id", id)).first()).map(ParkedEvents::fromDocument);
    }

    public List<ResolvedEvent> resolved(int limit) {
        List<ResolvedEvent> events = new ArrayList<>();
        for (Document document : resolved.find().sort(new Document("resolvedAt", -1)).limit(limit)) {
            events.add(new ResolvedEvent(fromDocument(document.get("event", Document.class)),
                    document.getString("outcome"), document.getDate("resolvedAt").toInstant()));
        }
        return events;
    }

    /** Notes an admin's request on the parked event. */
    public void request(String id, Request request) {
        parked.updateOne(Filters.eq("_id", id), Updates.push("requests", toDocument(request)));
    }

    /** Takes the event out of the read model for good, in this generation and every rebuild after it. */
    public void evict(ParkedEvent event, String by, String reason) {
        evicted.updateOne(Filters.eq("_id", event.readModel() + ":" + event.position()), Updates.combine(
                        Updates.setOnInsert("readModel", event.readModel()),
                        Updates.setOnInsert("position", event.position()),
                        Updates.setOnInsert("eventId", event.eventId()),
                        Updates.setOnInsert("eventType", event.eventType()),
                        Updates.setOnInsert("by", by),
                        Updates.setOnInsert("reason", reason),
                        Updates.setOnInsert("at", new Date())),
                new UpdateOptions().upsert(true));
    }

    public Set<Long> evictedPositions(ReadModel model) {
        Set<Long> positions = new HashSet<>();
        for (Document document : evicted.find(Filters.eq("readModel", model.id()))) {
            positions.add(document.get("position", Number.class).longValue());
        }
        return positions;
    }

    /**
     * After a rebuild of {@code model} into {@code generation} began to be served: every event parked in an earlier
     * generation is resolved - evicted, applied by the rebuild, or parked again in the new generation - and moved to the
     * record of resolved events.
     */
    public void supersede(ReadModel model, long generation, String rebuildId) {
        Map<Long, Document> evictions = new java.util.HashMap<>();
        for (Document eviction : evicted.find(Filters.eq("readModel", model.id()))) {
            evictions.put(eviction.get("position", Number.class).longValue(), eviction);
        }
        for (ParkedEvent old : find(Filters.and(Filters.eq("readModel", model.id()),
                Filters.lt("generation", generation)))) {
            String outcome;
            Document eviction = evictions.get(old.position());
            if (eviction != null) {
                outcome = "evicted by " + eviction.getString("by") + " (\"" + eviction.getString("reason")
                        + "\"); rebuild " + rebuildId + " left it out of generation " + generation;
            } else if (parked.countDocuments(Filters.eq("_id",
                    ParkedEvent.id(model.id(), generation, old.position()))) > 0) {
                outcome = "still not applied: rebuild " + rebuildId + " held it back again in generation "
                        + generation;
            } else {
                outcome = "applied by rebuild " + rebuildId + " into generation " + generation;
            }
            resolved.insertOne(new Document("_id", old.id()).append("event", toDocument(old))
                    .append("outcome", outcome).append("resolvedAt", new Date()));
            parked.deleteOne(Filters.eq("_id", old.id()));
        }
    }

    /** Forgets what a rebuild parked in a generation it never got to serve (it failed, or was interrupted). */
    public void discardGeneration(ReadModel model, long generation) {
        parked.deleteMany(Filters.and(Filters.eq("readModel", model.id()), Filters.eq("generation", generation)));
    }

    private List<ParkedEvent> find(Bson filter) {
        List<ParkedEvent> events = new ArrayList<>();
        for (Document document : parked.find(filter)) {
            events.add(fromDocument(document));
        }
        return events;
    }

    static Document toDocument(ParkedEvent event) {
        List<Document> requests = new ArrayList<>();
        event.requests().forEach(request -> requests.add(toDocument(request)));
        return new Document("_id", event.id()).append("readModel", event.readModel())
                .append("generation", event.generation()).append("position", event.position())
                .append("eventId", event.eventId()).append("eventType", event.eventType())
                .append("aggregateId", event.aggregateId()).append("sequence", event.sequence())
                .append("status", event.status().name()).append("heldBehind", event.heldBehind())
                .append("errorType", event.errorType()).append("error", event.error())
                .append("parkedAt", Date.from(event.parkedAt())).append("requests", requests);
    }

    private static Document toDocument(Request request) {
        return new Document("action", request.action()).append("by", request.by())
                .append("at", Date.from(request.at())).append("reason", request.reason())
                .append("rebuildId", request.rebuildId());
    }

    static ParkedEvent fromDocument(Document document) {
        List<Request> requests = new ArrayList<>();
        for (Document request : document.getList("requests", Document.class, List.of())) {
            requests.add(new Request(request.getString("action"), request.getString("by"),
                    request.getDate("at").toInstant(), request.getString("reason"), request.getString("rebuildId")));
        }
        Number heldBehind = document.get("heldBehind", Number.class);
        return new ParkedEvent(document.getString("_id"), document.getString("readModel"),
                document.get("generation", Number.class).longValue(), document.get("position", Number.class).longValue(),
                document.getString("eventId"), document.getString("eventType"), document.getString("aggregateId"),
                document.getString("sequence"), Status.valueOf(document.getString("status")),
                heldBehind == null ? null : heldBehind.longValue(), document.getString("errorType"),
                document.getString("error"), document.getDate("parkedAt").toInstant(), requests);
    }

    /** A parked entry for an event whose projection failed. */
    public static ParkedEvent failed(ReadModel model, long generation, ModelEvent event, Throwable error, Instant now) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        return new ParkedEvent(ParkedEvent.id(model.id(), generation, event.position()), model.id(), generation,
                event.position(), event.eventId(), event.eventType(), event.aggregateId(), event.sequence(),
                Status.PARKED, null, error.getClass().getName(),
                message.length() > ERROR_MAX ? message.substring(0, ERROR_MAX) + "…" : message, now, List.of());
    }

    /** A held entry for an event that waits behind the parked event at {@code behind}. */
    public static ParkedEvent held(ReadModel model, long generation, ModelEvent event, long behind, Instant now) {
        return new ParkedEvent(ParkedEvent.id(model.id(), generation, event.position()), model.id(), generation,
                event.position(), event.eventId(), event.eventType(), event.aggregateId(), event.sequence(),
                Status.HELD, behind, null, null, now, List.of());
    }
}
