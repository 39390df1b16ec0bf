package org.consultationtracker.command.api;

import com.mongodb.client.MongoDatabase;
import org.consultationtracker.command.InMemoryMongo;
import org.consultationtracker.command.participant.privacy.WordsProtection;
import org.consultationtracker.command.security.SecurityConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What the web-layer tests run for real around the controllers: security with the development users of
 * command-side.yml, the idempotency filter over an in-memory MongoDB, the problem mapping and command dispatch.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfiguration.class, IdempotencyStore.class, CommandDispatch.class, OccurrenceTime.class, IdsInUse.class,
        WordsProtection.class})
class WebLayerTestConfiguration {

    @Bean(destroyMethod = "close")
    InMemoryMongo inMemoryMongo() {
        return new InMemoryMongo();
    }

    @Bean
    MongoDatabase mongoDatabase(InMemoryMongo mongo) {
        return mongo.database("web-layer-test");
    }
}
