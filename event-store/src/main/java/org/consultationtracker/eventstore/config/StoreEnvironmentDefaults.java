package org.consultationtracker.eventstore.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Defaults every service gets from the store module, at the lowest precedence so a service's own configuration wins.
 * The driver's cluster monitor logs each failed connection attempt with a full stack trace at INFO; an unreachable
 * store is reported once, in one line, by {@link StoreStartupFailureAnalyzer} at start and by the health indicator
 * afterwards, so the monitor is kept to warnings.
 */
public class StoreEnvironmentDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("consultation-store-defaults", Map.of(
                "logging.level.org.mongodb.driver.cluster", "WARN",
                "axon.axonserver.enabled", "false",
                "axon.serializer.general", "jackson",
                "axon.serializer.events", "jackson",
                "axon.serializer.messages", "jackson")));
    }
}
