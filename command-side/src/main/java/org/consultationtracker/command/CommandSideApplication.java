package org.consultationtracker.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/**
 * The command side: REST API → command bus → aggregates → event store. Its configuration file is
 * {@code command-side.yml} (not {@code application.yml}) so that it and the query side can run in one JVM.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Also used by tests that start the service next to the query side. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(Map.of("spring.config.name", "command-side"));
    }
}
