package org.consultationtracker.eventstore.conformance;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;

import java.util.UUID;

/**
 * The MongoDB a conformance run talks to: the URI in system property {@code conformance.mongodb.uri} (any real
 * MongoDB), or else an in-memory embedded server on a free port of 127.0.0.1 started for the test class. Each test
 * gets a fresh database so runs never see each other's events.
 */
public final class StoreUnderTest implements AutoCloseable {

    private final EmbeddedMongoStore embedded;
    private final String uri;
    private final MongoClient client;

    public StoreUnderTest() {
        String configured = System.getProperty("conformance.mongodb.uri", "");
        if (configured.isBlank()) {
            embedded = EmbeddedMongoStore.startInMemory();
            uri = embedded.uri();
        } else {
            embedded = null;
            uri = configured;
        }
        client = MongoClients.create(uri);
    }

    public String uri() {
        return uri;
    }

    public MongoClient client() {
        return client;
    }

    public MongoDatabase freshDatabase() {
        return client.getDatabase("conformance_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
