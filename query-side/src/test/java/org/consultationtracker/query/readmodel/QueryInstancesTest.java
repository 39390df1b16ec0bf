package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class QueryInstancesTest {

    private EmbeddedMongoStore store;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void startStore() {
        store = EmbeddedMongoStore.startInMemory();
        client = MongoClients.create(store.uri());
        database = client.getDatabase("instances");
    }

    @AfterEach
    void stopStore() {
        client.close();
        store.close();
    }

    @Test
    void aProcessorWithoutTokensYetIsNotHeldToOneSegmentOnceItsTokensExist() {
        QueryInstances instances = new QueryInstances(database, Duration.ofSeconds(2), Duration.ofSeconds(10));
        try {
            AtomicInteger tokens = new AtomicInteger();

            // Axon asks while it builds the processor, before its first start creates the tokens...
            assertThat(instances.share("participants", name -> tokens.get())).isEqualTo(1);
            tokens.set(4);

            // ...and again when it claims segments, a moment later: the instance alone may hold all four.
            assertThat(instances.share("participants", name -> tokens.get())).isEqualTo(4);
        } finally {
            instances.destroy();
        }
    }

    @Test
    void twoLiveInstancesMayEachHoldHalfTheSegmentsRoundedUp() {
        QueryInstances first = new QueryInstances(database, Duration.ofSeconds(2), Duration.ofSeconds(10));
        QueryInstances second = new QueryInstances(database, Duration.ofSeconds(2), Duration.ofSeconds(10));
        try {
            assertThat(second.alive()).isEqualTo(2);
            assertThat(second.share("participants", name -> 4)).isEqualTo(2);
            assertThat(second.share("audit-trail", name -> 1)).isEqualTo(1);
            assertThat(second.share("agenda", name -> 3)).isEqualTo(2);
        } finally {
            first.destroy();
            second.destroy();
        }
    }
}
