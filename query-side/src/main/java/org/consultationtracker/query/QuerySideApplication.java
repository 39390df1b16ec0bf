package org.consultationtracker.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/**
 * The query side: streaming processors tail the event store into read models in MongoDB; the query API reads them.
 * Its configuration file is {@code query-side.yml} (not {@code application.yml}) so that it and the command side can
 * run in one JVM. {@code --replay=<read-model>} rebuilds one read model and exits (see docs/replay.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuerySideApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Also used by tests that start the service next to the command side. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties(Map.of("spring.config.name", "query-side"));
    }
}
