package org.consultationtracker.command.lookup;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LookupConfiguration {

    static final String PROCESSING_GROUP = "command-side-lookup";

    @Bean
    LookupStore lookupStore(MongoDatabase database) {
        return new MongoLookupStore(database);
    }

    /**
     * Subscribing, not streaming: the lookup must reflect a command's events before the command returns, or the very
     * next command (join right after the round opened) would be judged on stale facts.
     */
    @Autowired
    void registerSubscribingProcessor(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(PROCESSING_GROUP);
    }
}
