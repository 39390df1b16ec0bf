package org.consultationtracker.command.lookup;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The lookup is an ordered projection with a checkpoint, written only by {@link LookupCatchUp}: at start (before the
 * web server takes requests), around every command, and (from the web layer) before a write request reads it.
 */
@Configuration(proxyBeanMethods = false)
class LookupConfiguration {

    @Bean
    LookupStore lookupStore(MongoDatabase database) {
        return new MongoLookupStore(database);
    }

    @Bean
    LookupCatchUp lookupCatchUp(EventStorageEngine events, MongoDatabase database, LookupStore store,
                                LookupProperties properties) {
        return new LookupCatchUp(events, database, store, properties.getCatchUpWait());
    }

    /** Runs once every singleton exists, before any lifecycle starts: before the web server takes requests. */
    @Bean
    SmartInitializingSingleton lookupCatchUpAtStart(LookupCatchUp catchUp) {
        return catchUp::catchUpAtStart;
    }

    /** Axon's Spring Boot auto-configuration puts every command handler interceptor bean on the command bus. */
    @Bean
    CatchUpAroundCommands catchUpAroundCommands(LookupCatchUp catchUp) {
        return new CatchUpAroundCommands(catchUp);
    }
}
