package org.consultationtracker.command.lookup;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Rebuilds the lookup from the whole event stream when the service starts against a store that has events but an
 * empty lookup (a new deployment of the command side, or the collection was dropped on purpose). The subscribing
 * processor keeps it current from then on. Replaying is safe to repeat: every handler sets values by key.
 */
@Component
class LookupReplay implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LookupReplay.class);

    private final EventStore eventStore;
    private final MongoDatabase database;
    private final List<AnnotationEventHandlerAdapter> handlers;

    LookupReplay(EventStore eventStore, MongoDatabase database, ConsultationDirectory consultations,
                 ParticipantDirectory participants, Timetable timetable, CitableRecords citableRecords) {
        this.eventStore = eventStore;
        this.database = database;
        this.handlers = List.of(new AnnotationEventHandlerAdapter(consultations),
                new AnnotationEventHandlerAdapter(participants), new AnnotationEventHandlerAdapter(timetable),
                new AnnotationEventHandlerAdapter(citableRecords));
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (database.getCollection(MongoLookupStore.COLLECTION).countDocuments() > 0) {
            return;
        }
        long replayed = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    if (handler.canHandle(event)) {
                        handler.handle(event);
                    }
                }
                replayed++;
            }
        }
        if (replayed > 0) {
            log.info("Rebuilt the command-side lookup from {} stored events", replayed);
        }
    }
}
