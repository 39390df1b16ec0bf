package org.consultationtracker.command.api;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Copies actor, role and idempotency key from each command onto the events it causes. Axon's auto-configuration
 * registers its {@link MessageOriginProvider} only when no other {@link CorrelationDataProvider} exists, so declaring
 * ours would silently drop correlation and trace ids; both are declared here.
 */
@Configuration(proxyBeanMethods = false)
public class CorrelationConfiguration {

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(CommandDispatch.ACTOR, CommandDispatch.ROLE,
                CommandDispatch.IDEMPOTENCY_KEY);
    }
}
