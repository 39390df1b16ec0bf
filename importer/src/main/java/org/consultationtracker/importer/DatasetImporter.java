package org.consultationtracker.importer;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays the "Create" Open Space dataset through the command API, the path a live event takes: consultation,
 * session, participants, framing question, grid, proposals, schedule, rounds (start, join, key points, summaries),
 * themes, report sections with their citations, publication. Every request has a deterministic id and
 * {@code Idempotency-Key}, so running it again stores nothing new. See docs/dataset.md ("Importing").
 *
 * <pre>
 * java -jar importer/target/importer-0.1.0-SNAPSHOT-exec.jar [--command-api http://127.0.0.1:8081]
 *      [--user admin:admin-dev] [--dataset path.json] [--event-date 2000-01-01] [--parallel 4] [--quiet]
 * </pre>
 */
public final class DatasetImporter {

    /** @param parallel how many requests may be in flight at once (never two for one aggregate) */
    public record Options(URI commandApi, String user, String password, Path dataset, LocalDate eventDate,
                          boolean quiet, int parallel) {

        public static final int DEFAULT_PARALLEL = 4;

        public static Options defaults() {
            return new Options(URI.create("http://127.0.0.1:8081"), "admin", "admin-dev", null,
                    AssumedTimeline.DEFAULT_EVENT_DATE, false, DEFAULT_PARALLEL);
        }

        public Options withCommandApi(URI uri) {
            return new Options(uri, user, password, dataset, eventDate, quiet, parallel);
        }

        public Options quietly() {
            return new Options(commandApi, user, password, dataset, eventDate, true, parallel);
        }
    }

    /**
     * @param requests  requests sent (one per planned step)
     * @param recorded  requests the command side handled now
     * @param replayed  requests it had already handled in an earlier run (answered from its idempotency store)
     */
    public record Result(int requests, int recorded, int replayed, Map<String, Integer> requestsByKind,
                         Duration took) {
    }

    private DatasetImporter() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(usage());
            return;
        }
        try {
            Result result = run(options, System.err);
            System.out.printf("Imported the dataset through %s: %d requests, %d recorded now, %d already recorded"
                            + " by an earlier run, in %.1f s.%n", options.commandApi(), result.requests(),
                    result.recorded(), result.replayed(), result.took().toMillis() / 1000.0);
            System.out.println("Agenda: " + ImportPlan.AGENDA_ID + ", consultation: " + ImportPlan.CONSULTATION_ID
                    + ", report: " + ImportPlan.REPORT_ID);
        } catch (CommandApiClient.ImportFailed | IllegalArgumentException | IllegalStateException e) {
            System.err.println();
            System.err.println("Import stopped. " + e.getMessage());
            System.err.println("Nothing half-done is lost: run the importer again to continue where it stopped.");
            System.exit(1);
        }
    }

    /** Imports; progress goes to {@code progress} unless {@code options.quiet()}. */
    public static Result run(Options options, PrintStream progress) {
        Dataset dataset = options.dataset() == null ? Dataset.bundled() : Dataset.read(options.dataset());
        Integer hours = dataset.session().duration() == null ? null : dataset.session().duration().hours();
        if (hours == null) {
            throw new IllegalArgumentException("the dataset states no session duration to lay the timetable out in");
        }
        ImportPlan plan = new ImportPlan(dataset, new AssumedTimeline(options.eventDate(), hours));
        CommandApiClient client = new CommandApiClient(options.commandApi(), options.user(), options.password());
        ProgressBar bar = new ProgressBar(progress, plan.steps().size(), !options.quiet(), System.console() != null);
        long started = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        bar.update(0, "starting");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.parallel()), runnable -> {
            Thread thread = new Thread(runnable, "dataset-importer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (List<List<ImportPlan.Step>> phase : plan.phases()) {
                List<Future<?>> lanes = new ArrayList<>();
                for (List<ImportPlan.Step> lane : phase) {
                    lanes.add(pool.submit(() -> {
                        for (ImportPlan.Step step : lane) {
                            if (Thread.currentThread().isInterrupted()) {
                                return;
                            }
                            if (client.send(step).replayed()) {
                                replayed.incrementAndGet();
                            }
                            int now = done.incrementAndGet();
                            synchronized (bar) {
                                bar.update(now, step.label());
                            }
                        }
                    }));
                }
                awaitAll(lanes);
            }
        } finally {
            pool.shutdownNow();
        }
        bar.finish();
        return new Result(done.get(), done.get() - replayed.get(), replayed.get(), plan.countsByKind(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Waits for every lane of a phase; the first failure cancels the rest and is thrown. */
    private static void awaitAll(List<Future<?>> lanes) {
        try {
            for (Future<?> lane : lanes) {
                lane.get();
            }
        } catch (ExecutionException e) {
            lanes.forEach(lane -> lane.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            lanes.forEach(lane -> lane.cancel(true));
            Thread.currentThread().interrupt();
            throw new CommandApiClient.ImportFailed("interrupted");
        }
    }

    /** @return null when help was asked for */
    static Options parse(String[] args) {
        Options defaults = Options.defaults();
        URI api = defaults.commandApi();
        String user = defaults.user();
        String password = defaults.password();
        Path dataset = null;
        LocalDate date = defaults.eventDate();
        boolean quiet = false;
        int parallel = defaults.parallel();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--quiet", "-q" -> quiet = true;
                case "--command-api" -> api = URI.create(value(args, ++i, arg));
                case "--user" -> {
                    String value = value(args, ++i, arg);
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("--user takes name:password");
                    }
                    user = value.substring(0, colon);
                    password = value.substring(colon + 1);
                }
                case "--dataset" -> dataset = Path.of(value(args, ++i, arg));
                case "--parallel" -> {
                    try {
                        parallel = Integer.parseInt(value(args, ++i, arg));
                    } catch (NumberFormatException e) {
                        parallel = 0;
                    }
                    if (parallel < 1 || parallel > 32) {
                        throw new IllegalArgumentException("--parallel takes a number from 1 to 32");
                    }
                }
                case "--event-date" -> {
                    try {
                        date = LocalDate.parse(value(args, ++i, arg));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--event-date takes a date like 2000-01-01");
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return new Options(api, user, password, dataset, date, quiet, parallel);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return """
                Usage: java -jar importer-exec.jar [options]
                  --command-api URL   the command side (default http://127.0.0.1:8081)
                  --user NAME:PASS    an ADMIN or FACILITATOR user (default admin:admin-dev); use the same one
                                      for every run, idempotency keys are remembered per user
                  --dataset PATH      a dataset file (default: the bundled create-open-space.json)
                  --event-date DATE   the assumed event date (default 2000-01-01; the report gives none)
                  --parallel N        requests in flight at once, never two for one aggregate (default 4)
                  --quiet             no progress bar
                Replays the dataset through the command API; running it again stores nothing new.""";
    }
}
