package org.consultationtracker.query.parking;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.consultationtracker.query.parking.ParkedEvent.Request;
import org.consultationtracker.query.parking.ParkedEvent.Status;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.InvalidFilter;
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
 * <p>
 * Listed by key, never by scan: each parked entry gets the next number of its read model's generation, kept in
 * {@value #SLOTS} under {@code <read model>:<generation>} (with how many entries it holds), and carries
 * {@code slot = <read model>:<generation>#<number>} under a unique index, so a page is the slots after the last one
 * shown, read with {@code $in}. Resolved entries are numbered the same way ({@value #RESOLVED_COUNTER}) and listed
 * newest first by number. Numbers come from atomic increments, so the segments of a read model (and rebuilds) that
 * park at once never share one; a number whose entry was never written (a crash in between, or a race on the same
 * event) is a gap the pages step over.
 */
@Component
public class ParkedEvents {

    public static final String PARKED = "parked_events";
    public static final String RESOLVED = "parked_events_resolved";
    public static final String EVICTED = "evicted_events";
    public static final String SLOTS = "parked_event_slots";
    static final String RESOLVED_COUNTER = "resolved";
    public static final int MAX_PAGE_SIZE = 500;
    /** The longest error text kept with a parked event: enough to recognise it; the log has the rest. */
    static final int ERROR_MAX = 1_000;

    private final MongoCollection<Document> parked;
    private final MongoCollection<Document> resolved;
    private final MongoCollection<Document> evicted;
    private final MongoCollection<Document> slots;
    private final Generations generations;

    /** A page of parked events; {@code next} is the slot to ask {@code after} for, null on the last page. */
    public record Page(List<ParkedEvent> events, String after, int size, String next) {
    }

    /** A page of resolved events, newest first; {@code next} is the number to ask {@code after} for. */
    public record ResolvedPage(List<ResolvedEvent> events, Long after, int size, Long next, long totalResolved) {
    }

    public ParkedEvents(MongoDatabase database, Generations generations) {
        this.parked = database.getCollection(PARKED);
        this.resolved = database.getCollection(RESOLVED);
        this.evicted = database.getCollection(EVICTED);
        this.slots = database.getCollection(SLOTS);
        this.generations = generations;
        parked.createIndex(new Document("slot", 1), new IndexOptions().name("slot").unique(true).sparse(true));
        resolved.createIndex(new Document("number", 1), new IndexOptions().name("number").unique(true).sparse(true));
        numberEntriesFromBefore();
    }

    /**
     * Entries recorded before they were numbered get their numbers once, at start: parked ones by read model,
     * generation and position, resolved ones in the order they were resolved. This reads both collections once.
     */
    private void numberEntriesFromBefore() {
        List<ParkedEvent> unnumbered = find(Filters.exists("slot", false));
        unnumbered.sort(Comparator.comparing(ParkedEvent::readModel).thenComparing(ParkedEvent::generation)
                                  .thenComparing(ParkedEvent::position));
        for (ParkedEvent event : unnumbered) {
            parked.updateOne(Filters.eq("_id", event.id()),
                             Updates.set("slot", slot(event.readModel(), event.generation(), allocate(
                                     listId(event.readModel(), event.generation())))));
            slots.updateOne(Filters.eq("_id", listId(event.readModel(), event.generation())),
                            Updates.inc("count", 1L));
        }
        List<Document> unnumberedResolved = new ArrayList<>();
        resolved.find(Filters.exists("number", false)).into(unnumberedResolved);
        unnumberedResolved.sort(Comparator.comparing(document -> document.getDate("resolvedAt")));
        for (Document document : unnumberedResolved) {
            resolved.updateOne(Filters.eq("_id", document.get("_id")),
                               Updates.set("number", allocate(RESOLVED_COUNTER)));
        }
    }

    private static String listId(String readModel, long generation) {
        return readModel + ":" + generation;
    }

    private static String slot(String readModel, long generation, long number) {
        return listId(readModel, generation) + "#" + number;
    }

    /** The next number of a list: an atomic increment, so concurrent writers never share one. */
    private long allocate(String listId) {
        Document counter = slots.findOneAndUpdate(Filters.eq("_id", listId), Updates.inc("next", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return counter.get("next", Number.class).longValue();
    }

    private Document counter(String listId) {
        return slots.find(Filters.eq("_id", listId)).first();
    }

    private static long number(Document counter, String field) {
        Number value = counter == null ? null : counter.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** What a live batch of {@code model}, writing {@code generation}, must not apply. */
    public ParkingState stateFor(ReadModel model, long generation) {
        ParkingState state = new ParkingState(evictedPositions(model));
        List<ParkedEvent> entries = new ArrayList<>();
        long last = number(counter(listId(model.id(), generation)), "next");
        for (long from = 0; from < last; from += MAX_PAGE_SIZE) {
            entries.addAll(bySlot(model.id(), generation, from, Math.min(last, from + MAX_PAGE_SIZE)));
        }
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
            if (parked.find(Filters.eq("_id", event.id())).first() != null) {
                continue;
            }
            String list = listId(event.readModel(), event.generation());
            Document document = toDocument(event).append("slot", slot(event.readModel(), event.generation(),
                                                                      allocate(list)));
            List<Bson> onInsert = new ArrayList<>();
            document.forEach((key, value) -> {
                if (!"_id".equals(key)) {
                    onInsert.add(Updates.setOnInsert(key, value));
                }
            });
            UpdateResult written = parked.updateOne(Filters.eq("_id", event.id()), Updates.combine(onInsert),
                    new UpdateOptions().upsert(true));
            if (written.getUpsertedId() != null) {
                slots.updateOne(Filters.eq("_id", list), Updates.inc("count", 1L));
            }
        }
    }

    /**
     * Events the read models currently hold back (in the generations queries read), a page at a time: read model by
     * read model (in the order of {@link ReadModel}), each in the order its events were parked. {@code after} is the
     * slot of the last event of the previous page ({@code <read model>:<number>}), null for the first page.
     */
    public Page current(ReadModel model, String after, int size) {
        List<ReadModel> models = new ArrayList<>(model == null ? List.of(ReadModel.values()) : List.of(model));
        ReadModel from = models.get(0);
        long above = 0;
        if (after != null) {
            int colon = after.lastIndexOf(':');
            Optional<ReadModel> afterModel = colon < 0 ? Optional.empty() : ReadModel.byId(after.substring(0, colon));
            Long number = colon < 0 ? null : parseNumber(after.substring(colon + 1));
            if (afterModel.isEmpty() || number == null || number < 0 || !models.contains(afterModel.get())) {
                throw new InvalidFilter("after", "must be the 'next' of the previous page: <read model>:<number>"
                        + (model == null ? "" : " of read model " + model.id()));
            }
            from = afterModel.get();
            above = number;
        }
        List<ParkedEvent> events = new ArrayList<>();
        String next = null;
        for (ReadModel each : models.subList(models.indexOf(from), models.size())) {
            long generation = generations.active(each);
            long last = number(counter(listId(each.id(), generation)), "next");
            long upTo = Math.min(last, above + size - events.size());
            events.addAll(bySlot(each.id(), generation, above, upTo));
            if (upTo < last) {
                next = each.id() + ":" + upTo;
                break;
            }
            above = 0;
            if (events.size() == size) {
                int index = models.indexOf(each);
                if (index < models.size() - 1 && laterModelsHoldAny(models.subList(index + 1, models.size()))) {
                    next = each.id() + ":" + last;
                }
                break;
            }
        }
        return new Page(events, after, size, next);
    }

    private boolean laterModelsHoldAny(List<ReadModel> models) {
        for (ReadModel model : models) {
            if (number(counter(listId(model.id(), generations.active(model))), "next") > 0) {
                return true;
            }
        }
        return false;
    }

    private static Long parseNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The entries numbered above {@code above} up to {@code upTo} in one list, by key, in number order. */
    private List<ParkedEvent> bySlot(String readModel, long generation, long above, long upTo) {
        if (upTo <= above) {
            return List.of();
        }
        List<String> wanted = new ArrayList<>();
        for (long number = above + 1; number <= upTo; number++) {
            wanted.add(slot(readModel, generation, number));
        }
        Map<String, ParkedEvent> found = new java.util.HashMap<>();
        for (Document document : parked.find(Filters.in("slot", wanted))) {
            found.put(document.getString("slot"), fromDocument(document));
        }
        List<ParkedEvent> events = new ArrayList<>();
        for (String slot : wanted) {
            if (found.containsKey(slot)) {
                events.add(found.get(slot));
            }
        }
        return events;
    }

    /** How many events each read model holds back now, parked and held together. */
    public Map<ReadModel, Long> counts() {
        Map<ReadModel, Long> counts = new EnumMap<>(ReadModel.class);
        for (ReadModel model : ReadModel.values()) {
            counts.put(model, count(model));
        }
        return counts;
    }

    /** How many events one read model holds back now (a key lookup). */
    public long count(ReadModel model) {
        return number(counter(listId(model.id(), generations.active(model))), "count");
    }

    public Optional<ParkedEvent> find(String id) {
        return Optional.ofNullable(parked.find(Filters.eq("_id", id)).first()).map(ParkedEvents::fromDocument);
    }

    /**
     * How parked events ended, newest first: the entries numbered below {@code after} (null: from the newest), at
     * most {@code size}, read by key.
     */
    public ResolvedPage resolved(Long after, int size) {
        long total = number(counter(RESOLVED_COUNTER), "next");
        long below = after == null ? total + 1 : Math.min(after, total + 1);
        long downTo = Math.max(1, below - size);
        List<Long> wanted = new ArrayList<>();
        for (long number = below - 1; number >= downTo; number--) {
            wanted.add(number);
        }
        Map<Long, ResolvedEvent> found = new java.util.HashMap<>();
        if (!wanted.isEmpty()) {
            for (Document document : resolved.find(Filters.in("number", wanted))) {
                found.put(document.get("number", Number.class).longValue(),
                          new ResolvedEvent(fromDocument(document.get("event", Document.class)),
                                            document.getString("outcome"), document.getDate("resolvedAt").toInstant()));
            }
        }
        List<ResolvedEvent> events = new ArrayList<>();
        wanted.stream().filter(found::containsKey).forEach(number -> events.add(found.get(number)));
        return new ResolvedPage(events, after, size, downTo > 1 && !wanted.isEmpty() ? downTo : null, total);
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
                    .append("outcome", outcome).append("resolvedAt", new Date())
                    .append("number", allocate(RESOLVED_COUNTER)));
            parked.deleteOne(Filters.eq("_id", old.id()));
        }
    }

    /** Forgets what a rebuild parked in a generation it never got to serve (it failed, or was interrupted). */
    public void discardGeneration(ReadModel model, long generation) {
        parked.deleteMany(Filters.and(Filters.eq("readModel", model.id()), Filters.eq("generation", generation)));
        slots.deleteOne(Filters.eq("_id", listId(model.id(), generation)));
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
