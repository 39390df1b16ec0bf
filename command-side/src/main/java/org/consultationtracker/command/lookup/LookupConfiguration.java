package org.consultationtracker.command.lookup;

import org.axonframework.common.caching.Cache;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The lookup is an ordered projection with a checkpoint, written only by {@link LookupCatchUp}: at start (before the
 * web server takes requests), before a write request reaches its controller (from the web layer) or before a command
 * sent outside a request is judged, and after every command. Closing the catch-up at shutdown records its checkpoint.
 */
@Configuration(proxyBeanMethods = false)
class LookupConfiguration {

    @Bean
    LookupStore lookupStore(MongoDatabase database) {
        return new MongoLookupStore(database);
    }

    @Bean
    LookupCatchUp lookupCatchUp(EventStorageEngine events, MongoDatabase database, LookupStore store,
                                LookupProperties properties, AggregateCache aggregateCache) {
        return new LookupCatchUp(events, database, store, properties.getCatchUpWait(), aggregateCache,
                properties.getCatchUpWindow());
    }

    @Bean
    AggregateCache aggregateCache(LookupProperties properties) {
        return new AggregateCache(properties.getAggregateCacheSize());
    }

    // One view of the cache per kind of aggregate, each named in its aggregate's @Aggregate(cache = ...).

    @Bean
    Cache consultationCache(AggregateCache aggregateCache) {
        return aggregateCache.forType("Consultation");
    }

    @Bean
    Cache agendaCache(AggregateCache aggregateCache) {
        return aggregateCache.forType("Agenda");
    }

    @Bean
    Cache conversationCache(AggregateCache aggregateCache) {
        return aggregateCache.forType("Conversation");
    }

    @Bean
    Cache participantCache(AggregateCache aggregateCache) {
        return aggregateCache.forType("Participant");
    }

    @Bean
    Cache reportCache(AggregateCache aggregateCache) {
        return aggregateCache.forType("Report");
    }

    @Bean
    Cache ideaCache(AggregateCache aggregateCache) {
        return aggregateCache.forType("Idea");
    }

    @Bean
    Cache feedbackCache(AggregateCache aggregateCache) {
        return aggregateCache.forType("SessionFeedback");
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

    @Bean
    MeterBinder lookupLagGauge(LookupCatchUp catchUp) {
        return registry -> Gauge.builder("consultation.lookup.lag", catchUp, LookupConfiguration::lagOrNaN)
                .description("Positions allocated in the event store that the command-side lookup's checkpoint has "
                        + "not reached")
                .register(registry);
    }

    @Bean
    LookupHealthIndicator lookupHealthIndicator(LookupCatchUp catchUp, LookupProperties properties) {
        return new LookupHealthIndicator(catchUp, properties.getHealth().getMaxLag(),
                properties.getHealth().getMaxLagDuration(), Clock.systemUTC());
    }

    private static double lagOrNaN(LookupCatchUp catchUp) {
        try {
            return catchUp.lag();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
