package org.consultationtracker.command.lookup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.consultationtracker.eventstore.engine.MongoCommitStorageEngine;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A command-side instance for the crash test: appends units of work and brings the lookup up to date after each, as
 * the service does around every command, forever, printing one line per unit done, until the test kills it with
 * SIGKILL somewhere in the middle of an append or of a lookup write.
 */
public final class CrashingLookupWriter {

    static final Instant AT = Instant.parse("2021-06-12T10:00:00Z");

    private CrashingLookupWriter() {
    }

    public static void main(String[] args) {
        try (MongoClient client = MongoClients.create(args[0])) {
            MongoDatabase database = client.getDatabase(args[1]);
            MongoCommitStorageEngine engine = StoreWithLookup.engine(database, Duration.ofSeconds(10));
            LookupCatchUp catchUp = new LookupCatchUp(engine, database, new MongoLookupStore(database),
                    Duration.ofSeconds(5), new AggregateCache(100));
            for (int unit = 0; ; unit++) {
                String id = String.valueOf(unit);
                engine.appendEvents(events(new ConsultationStarted("c-" + id, "Consultation " + id, "Q", AT),
                        new StakeholderGroupDefined("c-" + id, "g-" + id, "Group " + id, AT),
                        new ConversationScheduled("agenda", "p-" + id, 1, "room-" + id, List.of("ana"), Wording.plain("Q"), AT)));
                catchUp.catchUp();
                if (unit % 2 == 1) {
                    engine.appendEvents(events(new ProposalWithdrawn("agenda", "p-" + id, "merged", AT)));
                    catchUp.catchUp();
                }
                System.out.println("acknowledged " + id);
                System.out.flush();
            }
        }
    }

    private static List<EventMessage<?>> events(Object... payloads) {
        return List.of(payloads).stream().<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList();
    }
}
