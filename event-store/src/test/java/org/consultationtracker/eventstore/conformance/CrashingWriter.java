package org.consultationtracker.eventstore.conformance;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.EventMessage;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * A writer process for the crash test: appends units of work of five events each, forever, printing one line per
 * acknowledged unit, until the test kills it with SIGKILL somewhere in the middle of a write.
 */
public final class CrashingWriter {

    public static final int EVENTS_PER_UNIT = 5;

    private CrashingWriter() {
    }

    public static void main(String[] args) {
        String uri = args[0];
        String database = args[1];
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                    .database(client.getDatabase(database))
                    .eventSerializer(EventSerialization.serializer())
                    .snapshotSerializer(EventSerialization.serializer())
                    .build();
            for (int unit = 0; ; unit++) {
                String aggregate = "unit-" + unit;
                List<EventMessage<?>> events = new ArrayList<>();
                for (int i = 0; i < EVENTS_PER_UNIT; i++) {
                    events.add(Probe.note(aggregate, i));
                }
                engine.appendEvents(events);
                System.out.println("acknowledged " + aggregate);
                System.out.flush();
            }
        }
    }
}
