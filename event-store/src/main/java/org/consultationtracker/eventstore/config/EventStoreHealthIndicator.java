package org.consultationtracker.eventstore.config;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Up when the store answers a ping; says which store (embedded here, joined, or external) without credentials. */
public class EventStoreHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;
    private final StoreConnection connection;

    public EventStoreHealthIndicator(MongoDatabase database, StoreConnection connection) {
        super("The event store is unreachable");
        this.database = database;
        this.connection = connection;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        database.runCommand(new Document("ping", 1));
        builder.up()
               .withDetail("uri", connection.redactedUri())
               .withDetail("hostedHere", connection.isHostedHere())
               .withDetail("database", database.getName());
    }
}
