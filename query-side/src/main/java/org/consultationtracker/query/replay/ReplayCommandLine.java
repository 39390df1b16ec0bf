package org.consultationtracker.query.replay;

import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --replay=<read-model>[,<read-model>...]} (or {@code --replay=all}): rebuild them in one pass over the
 * stream, print the result and exit.
 * Usually run with {@code --spring.main.web-application-type=none} next to (or instead of) a serving instance.
 */
@Component
class ReplayCommandLine implements ApplicationRunner {

    private final Replays replays;
    private final ConfigurableApplicationContext context;

    ReplayCommandLine(Replays replays, ConfigurableApplicationContext context) {
        this.replays = replays;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!arguments.containsOption("replay")) {
            return;
        }
        List<ReadModel> models = new ArrayList<>();
        for (String value : arguments.getOptionValues("replay")) {
            for (String id : value.split(",")) {
                if (id.isBlank() || id.equals("all")) {
                    models.addAll(List.of(ReadModel.values()));
                } else {
                    models.add(ReadModel.byId(id.trim()).orElseThrow(() -> new IllegalArgumentException(
                            "--replay: unknown read model '" + id + "'; known: " + ReadModel.ids())));
                }
            }
        }
        ReplayStatus status = replays.rebuild(models);
        System.out.printf("%s: %s, generations %s, %d events, %.0f events/s, hashes %s%n", status.readModels(),
                          status.state(), status.generations(), status.eventsApplied(), status.eventsPerSecond(),
                          status.contentHashes());
        boolean failed = status.state() != ReplayStatus.State.COMPLETED;
        int code = failed ? 1 : 0;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }
}
