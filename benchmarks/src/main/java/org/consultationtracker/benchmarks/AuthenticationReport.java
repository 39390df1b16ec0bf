package org.consultationtracker.benchmarks;

import org.consultationtracker.benchmarks.AuthenticationBenchmark.Idle;
import org.consultationtracker.benchmarks.AuthenticationBenchmark.Measurement;
import org.consultationtracker.benchmarks.AuthenticationBenchmark.Phase;
import org.consultationtracker.benchmarks.AuthenticationBenchmark.Run;
import org.consultationtracker.benchmarks.AuthenticationBenchmark.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Turns the authentication benchmark's measurements into the stdout tables and docs/benchmarks/authentication.md. */
final class AuthenticationReport {

    private AuthenticationReport() {
    }

    // ---------------------------------------------------------------------------------------------- the figures

    private static List<Measurement> of(Run run, Phase phase, Scenario scenario, int clients) {
        return run.measurements.stream()
                               .filter(m -> m.phase == phase && m.scenario == scenario && m.clients == clients)
                               .toList();
    }

    private static double median(List<Measurement> measurements, ToDoubleFunction<Measurement> metric) {
        List<Double> values = new ArrayList<>();
        for (Measurement m : measurements) {
            double value = metric.applyAsDouble(m);
            if (!Double.isNaN(value)) {
                values.add(value);
            }
        }
        return Stats.percentile(values, 50);
    }

    /** Median over rounds of the query side CPU per request, net of idle, with or without the JIT threads. */
    static double queryCpu(Run run, Phase phase, Scenario scenario, int clients, boolean withoutJit) {
        Idle idle = run.idle(phase);
        return median(of(run, phase, scenario, clients), m -> queryCpu(m, idle, withoutJit));
    }

    private static double queryCpu(Measurement m, Idle idle, boolean withoutJit) {
        return withoutJit ? m.queryMillisPerRequestWithoutJit(idle) : m.queryMillisPerRequest(idle);
    }

    /**
     * Per round, the scenario's query side CPU per request minus the static floor's in the same round and at the
     * same client count (the two ran seconds apart); the medians and range of those differences.
     */
    static List<Double> beyondFloor(Run run, Phase phase, Scenario scenario, int clients, boolean withoutJit) {
        Idle idle = run.idle(phase);
        List<Double> differences = new ArrayList<>();
        for (Measurement m : of(run, phase, scenario, clients)) {
            of(run, phase, Scenario.STATIC, clients).stream().filter(f -> f.round == m.round).findFirst()
                    .ifPresent(floor -> {
                        double d = queryCpu(m, idle, withoutJit) - queryCpu(floor, idle, withoutJit);
                        if (!Double.isNaN(d)) {
                            differences.add(d);
                        }
                    });
        }
        return differences;
    }

    private static double maxOther(List<Measurement> measurements) {
        return measurements.stream().mapToDouble(m -> m.otherShare).filter(v -> !Double.isNaN(v)).max()
                           .orElse(Double.NaN);
    }

    private static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        if (Math.abs(millis) >= 10) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%.3f", millis);
    }

    private static String range(List<Double> values) {
        DoubleSummaryStatistics stats = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return stats.getCount() == 0 ? "n/a" : ms(stats.getMin()) + " … " + ms(stats.getMax());
    }

    /** How many times the BCrypt check's CPU the difference is, or n/a when the difference is within noise. */
    private static String timesCheaper(Run run, double beyond) {
        if (Double.isNaN(beyond) || beyond <= 0) {
            return "n/a (difference ≤ 0: within the noise)";
        }
        return String.format(Locale.ROOT, "%,.0f×", run.bcrypt.cpuMedianMillis() / beyond);
    }

    // ------------------------------------------------------------------------------------------------ the tables

    static String resultsTable(Run run) {
        StringBuilder out = new StringBuilder();
        out.append("| Query side | Clients | Request | Credentials | Query side CPU per request (ms) "
                           + "| Without JIT compiler threads (ms) | Store CPU per request (ms) | Latency p50 (ms) | Latency p99 (ms) | Requests/s "
                           + "| Errors | Other processes' CPU (max) |\n");
        out.append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Phase phase : run.completed) {
            Idle idle = run.idle(phase);
            for (int clients : run.options.clients) {
                for (Scenario scenario : phase.scenarios) {
                    List<Measurement> ms = of(run, phase, scenario, clients);
                    if (ms.isEmpty()) {
                        continue;
                    }
                    long errors = ms.stream().mapToLong(m -> m.errors).sum();
                    out.append("| ").append(phase.label)
                       .append(" | ").append(clients)
                       .append(" | ").append(scenario == Scenario.STATIC || scenario == Scenario.HEALTH
                                                     ? scenario.label + ": `" + scenario.request + "`"
                                                     : "`" + scenario.request + "`")
                       .append(" | ").append(scenario.credentialsText)
                       .append(" | ").append(ms(median(ms, m -> m.queryMillisPerRequest(idle))))
                       .append(" | ").append(ms(median(ms, m -> m.queryMillisPerRequestWithoutJit(idle))))
                       .append(" | ").append(ms(median(ms, m -> m.storeMillisPerRequest(idle))))
                       .append(" | ").append(Stats.millis(median(ms, m -> m.p50Millis)))
                       .append(" | ").append(Stats.millis(median(ms, m -> m.p99Millis)))
                       .append(" | ").append(Stats.rate(median(ms, Measurement::rate)))
                       .append(" | ").append(errors == 0 ? "0" : "**" + errors + "**: "
                               + ms.stream().map(m -> m.firstError).filter(e -> e != null).findFirst().orElse("")
                                   .replace("|", "/"))
                       .append(" | ").append(Report.percent(maxOther(ms)))
                       .append(" |\n");
                }
            }
        }
        return out.toString();
    }

    static String beyondTable(Run run) {
        StringBuilder out = new StringBuilder();
        out.append("CPU per authenticated request beyond its handler: query side CPU per request of `GET /api/me` "
                           + "minus that of the static file (floor A), per round, median over rounds, without the JIT "
                           + "compiler threads (and, for comparison, with all threads); beside it the whole "
                           + "`GET /api/me` request (Tomcat, filter chain, authentication, handler, JSON; without the "
                           + "JIT threads), which bounds the authentication part from above. BCrypt cost 10 took ")
           .append(ms(run.bcrypt.cpuMedianMillis())).append(" ms of CPU per check (what every request cost before, "
                                                                   + "with HTTP Basic)\n\n");
        out.append("| Query side | Clients | Credentials | Beyond the floor (ms CPU, median) | Range over rounds "
                           + "| Beyond the floor, all threads (ms CPU, median) | Whole request (ms CPU, median) "
                           + "| BCrypt check / beyond | BCrypt check / whole request | "
                           + String.format(Locale.ROOT, "Beyond under %.0f ms", AuthenticationBenchmark.TARGET_MS)
                           + " |\n");
        out.append("|---|---:|---|---:|---|---:|---:|---:|---:|---|\n");
        for (Phase phase : run.completed) {
            for (int clients : run.options.clients) {
                for (Scenario scenario : List.of(Scenario.ME_BEARER, Scenario.ME_COOKIE)) {
                    if (!phase.scenarios.contains(scenario)) {
                        continue;
                    }
                    List<Double> differences = beyondFloor(run, phase, scenario, clients, true);
                    if (differences.isEmpty()) {
                        continue;
                    }
                    double beyond = Stats.percentile(differences, 50);
                    double beyondAll = Stats.percentile(beyondFloor(run, phase, scenario, clients, false), 50);
                    double whole = queryCpu(run, phase, scenario, clients, true);
                    out.append("| ").append(phase.label)
                       .append(" | ").append(clients)
                       .append(" | ").append(scenario.credentialsText)
                       .append(" | ").append(ms(beyond))
                       .append(" | ").append(range(differences))
                       .append(" | ").append(ms(beyondAll))
                       .append(" | ").append(ms(whole))
                       .append(" | ").append(timesCheaper(run, beyond))
                       .append(" | ").append(timesCheaper(run, whole))
                       .append(" | ").append(beyond < AuthenticationBenchmark.TARGET_MS ? "yes" : "**no**")
                       .append(" |\n");
                }
            }
        }
        return out.toString();
    }

    /** Every measurement, so the spread behind the medians can be seen. */
    static String everyMeasurement(Run run) {
        StringBuilder out = new StringBuilder();
        out.append("| Query side | Round | Clients | Request | Requests | Wall (s) | Query side CPU (ms) "
                           + "| of which JIT compiler (ms) | Store CPU (ms) | CPU per request, net of idle (ms) "
                           + "| Without JIT (ms) | p50 (ms) | p99 (ms) "
                           + "| Other processes' CPU | Errors |\n");
        out.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : run.measurements) {
            out.append("| ").append(m.phase.label)
               .append(" | ").append(m.round)
               .append(" | ").append(m.clients)
               .append(" | ").append(m.scenario.label)
               .append(" | ").append(String.format(Locale.ROOT, "%,d", m.requests))
               .append(" | ").append(String.format(Locale.ROOT, "%.2f", m.seconds()))
               .append(" | ").append(m.queryCpuNanos < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f",
                                                                                   m.queryCpuNanos / 1e6))
               .append(" | ").append(String.format(Locale.ROOT, "%,.0f", m.queryCompilerNanos / 1e6))
               .append(" | ").append(m.storeCpuNanos < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f",
                                                                                   m.storeCpuNanos / 1e6))
               .append(" | ").append(ms(m.queryMillisPerRequest(run.idle(m.phase))))
               .append(" | ").append(ms(m.queryMillisPerRequestWithoutJit(run.idle(m.phase))))
               .append(" | ").append(Stats.millis(m.p50Millis))
               .append(" | ").append(Stats.millis(m.p99Millis))
               .append(" | ").append(Report.percent(m.otherShare))
               .append(" | ").append(m.errors)
               .append(" |\n");
        }
        return out.toString();
    }

    // -------------------------------------------------------------------------------------------- the reading

    /** One paragraph saying what the figures show, written from the figures themselves. */
    static String reading(Run run) {
        List<String> sentences = new ArrayList<>();
        List<Integer> clients = run.options.clients;
        if (run.completed.contains(Phase.REMEMBERED)) {
            List<Double> bearer = clients.stream()
                                         .map(c -> Stats.percentile(beyondFloor(run, Phase.REMEMBERED,
                                                                                Scenario.ME_BEARER, c, true), 50))
                                         .toList();
            List<Double> cookie = clients.stream()
                                         .map(c -> Stats.percentile(beyondFloor(run, Phase.REMEMBERED,
                                                                                Scenario.ME_COOKIE, c, true), 50))
                                         .toList();
            sentences.add(String.format(Locale.ROOT, "With the session remembered (the default), `GET /api/me` "
                                                + "with a bearer token cost the query side (without its JIT compiler "
                                                + "threads) %s ms of CPU more than "
                                                + "the static file, and with the session cookie %s ms (medians at "
                                                + "%s concurrent clients).", list(bearer), list(cookie),
                                        clients.stream().map(String::valueOf).collect(Collectors.joining(", "))));
            double worst = bearer.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).max()
                                 .orElse(Double.NaN);
            double worstCookie = cookie.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v))
                                       .max().orElse(Double.NaN);
            double worstBoth = Math.max(worst, worstCookie);
            sentences.add(String.format(Locale.ROOT, "One BCrypt cost-10 check, which every request paid under "
                                                + "HTTP Basic, took %s ms of CPU in the benchmark's own JVM%s.",
                                        ms(run.bcrypt.cpuMedianMillis()),
                                        worstBoth > 0 ? String.format(Locale.ROOT, ", at least %,.0f times the "
                                                + "largest of those differences", run.bcrypt.cpuMedianMillis()
                                                / worstBoth) : ""));
            if (!Double.isNaN(worstBoth)) {
                sentences.add(worstBoth < AuthenticationBenchmark.TARGET_MS
                        ? "The target, well under 2 ms of server CPU beyond the handler, is met at every client "
                                  + "count measured" + (Math.min(bearer.stream().mapToDouble(Double::doubleValue)
                                                                       .min().orElse(0),
                                                               cookie.stream().mapToDouble(Double::doubleValue)
                                                                     .min().orElse(0)) <= 0
                                ? " (a difference at or below zero means the authenticated request was not "
                                          + "measurably dearer than the static file at this noise level)." : ".")
                        : "The target, well under 2 ms of server CPU beyond the handler, is **not** met at every "
                                  + "client count (see the table); check the other processes' share first.");
            }
            List<Double> whole = clients.stream().map(c -> queryCpu(run, Phase.REMEMBERED, Scenario.ME_BEARER, c, true))
                                        .toList();
            double wholeWorst = whole.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).max()
                                     .orElse(Double.NaN);
            if (!Double.isNaN(wholeWorst) && wholeWorst > 0) {
                sentences.add(String.format(Locale.ROOT, "Counted whole (Tomcat, filter chain, authentication, "
                                                    + "handler and JSON together), the bearer `GET /api/me` cost %s "
                                                    + "ms of query side CPU, so authentication costs at most that: "
                                                    + "%,.0f times less than the BCrypt check or more.", list(whole),
                                            run.bcrypt.cpuMedianMillis() / wholeWorst));
            }
            boolean staticDearer = clients.stream().anyMatch(c -> queryCpu(run, Phase.REMEMBERED, Scenario.STATIC, c, true)
                    > queryCpu(run, Phase.REMEMBERED, Scenario.ME_BEARER, c, true));
            if (staticDearer) {
                sentences.add("Serving the static file cost more than the whole bearer `GET /api/me` at some client "
                                      + "counts (static resource handling is not free: a floor, not a zero), "
                                      + "so the difference to floor A "
                                      + "understates authentication there, and the whole-request figure is the "
                                      + "safe bound.");
            }
            double agendas = Stats.percentile(clients.stream().map(c -> queryCpu(run, Phase.REMEMBERED,
                                                                              Scenario.AGENDAS_BEARER, c, true))
                                                     .filter(v -> !Double.isNaN(v)).toList(), 50);
            double staticFloor = Stats.percentile(clients.stream().map(c -> queryCpu(run, Phase.REMEMBERED,
                                                                                  Scenario.STATIC, c, true))
                                                         .filter(v -> !Double.isNaN(v)).toList(), 50);
            sentences.add(String.format(Locale.ROOT, "For scale, the static file itself cost %s ms and "
                                                + "`GET /api/agendas` (a read-model query, on this empty store) %s ms "
                                                + "of query side CPU per request (medians over the client counts).",
                                        ms(staticFloor), ms(agendas)));
        }
        if (run.completed.contains(Phase.STORE_EVERY_REQUEST)) {
            List<Double> bearer = clients.stream()
                                         .map(c -> Stats.percentile(beyondFloor(run, Phase.STORE_EVERY_REQUEST,
                                                                                Scenario.ME_BEARER, c, true), 50))
                                         .toList();
            List<Double> store = clients.stream()
                                        .map(c -> median(of(run, Phase.STORE_EVERY_REQUEST, Scenario.ME_BEARER, c),
                                                         m -> m.storeMillisPerRequest(
                                                                 run.idle(Phase.STORE_EVERY_REQUEST))))
                                        .toList();
            List<Double> whole = clients.stream()
                                        .map(c -> queryCpu(run, Phase.STORE_EVERY_REQUEST, Scenario.ME_BEARER, c,
                                                           true))
                                        .toList();
            List<Double> remembered = clients.stream()
                                             .map(c -> queryCpu(run, Phase.REMEMBERED, Scenario.ME_BEARER, c, true))
                                             .toList();
            sentences.add(String.format(Locale.ROOT, "Reading the session from the store on every request "
                                                + "(`session-check=0s`, a second query side process measured after "
                                                + "the first), the whole bearer `GET /api/me` cost %s ms of query "
                                                + "side CPU (against %s with the session remembered) plus %s ms in "
                                                + "the store process, and its difference to the static file was %s "
                                                + "ms: the lookup the per-instance memory of a session saves is "
                                                + "small too, and no BCrypt is involved either way.",
                                        list(whole), list(remembered), list(store), list(bearer)));
        }
        double maxOther = maxOther(run.measurements);
        if (!Double.isNaN(maxOther)) {
            double medianOther = median(run.measurements, m -> m.otherShare);
            sentences.add(String.format(Locale.ROOT, "Other processes used %s of the machine's cores in the median "
                                                + "measurement and up to %s (load average %s at the start, %s at "
                                                + "the end)%s.", Report.percent(medianOther),
                                        Report.percent(maxOther), run.loadAtStart,
                                        run.loadAtEnd == null ? "n/a" : run.loadAtEnd,
                                        medianOther > 0.10 ? ": they took CPU from the clients and the services, so "
                                                + "the latencies and rates are depressed and the CPU figures noisier "
                                                + "than on a quiet machine (CPU time per request is the steadier "
                                                + "figure, since other processes take wall time but not the "
                                                + "service's CPU time)" : ", so the figures were hardly disturbed"));
        }
        return String.join(" ", sentences);
    }

    private static String list(List<Double> values) {
        return values.stream().map(AuthenticationReport::ms).collect(Collectors.joining(" / "));
    }

    // --------------------------------------------------------------------------------------------- the file

    static void write(Run run, boolean complete) {
        try {
            Path out = run.options.out;
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, markdown(run, complete), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(Run run, boolean complete) {
        AuthenticationBenchmark.Options options = run.options;
        StringBuilder md = new StringBuilder();
        md.append("# Authentication benchmark: what an authenticated request costs the server\n\n");
        md.append("Written by `org.consultationtracker.benchmarks.AuthenticationBenchmark` — every figure below "
                          + "comes from that run; rerun the command rather than editing this file.\n\n");
        if (!complete) {
            md.append("> **Incomplete run.** Measured so far: ")
              .append(run.completed.stream().map(p -> p.label).collect(Collectors.joining(", ")))
              .append(".\n\n");
        }
        if (options.note != null) {
            md.append("> Note from the person who ran it: ").append(options.note).append("\n\n");
        }
        md.append("""
                ## What the columns mean

                - **Query side CPU per request**: CPU time (user + system, all threads: request threads, JIT, GC) \
                the query side *process* used during a measurement, divided by the requests it answered, less what \
                it uses when idle over the same wall time (its event processors poll the store; see "Idle" below). \
                Read from `/proc/<pid>/stat` through `ProcessHandle.info().totalCpuDuration()`. Median over rounds.
                - **Without JIT compiler threads**: the same, less the CPU of the query side's `C1`/`C2 CompilerThread`s \
                (from `/proc/<pid>/task`), both in the measurement and in the idle figure. JIT compilation is a \
                start-up cost that goes on for minutes on a busy machine and lands in whichever measurement is \
                running; without it the figure is the steady-state cost of a request. "Beyond the floor" uses it.
                - **Store CPU per request**: the same (all threads) for the embedded store process. Both are net of an idle figure measured \
                separately, so a figure near zero can come out slightly negative: that is noise (CPU time is \
                counted in 10 ms ticks).
                - **Latency p50 / p99**: client-side time per request (send to last byte), over every request of a \
                measurement; median over rounds.
                - **Requests/s**: requests answered per second of wall time, all clients together; median over \
                rounds. Clients, services and other work share the machine's cores, so this and the latencies say \
                more about the machine than about authentication.
                - **Other processes' CPU**: share of all cores used, during a measurement, by processes other than \
                the benchmark and the two services (from `/proc/stat`); the largest over the rounds.
                - **Beyond the floor**: per round, query side CPU per request of `GET /api/me` minus that of the \
                static file measured seconds before or after it with the same number of clients; median and range \
                over rounds. Both pass the same filter chain and Tomcat, so the difference is what authenticating \
                (and the trivial handler) costs: "CPU per authenticated request beyond its handler".
                - **BCrypt check / beyond**: CPU of one BCrypt cost-10 `matches` (median, in the benchmark's JVM: \
                what every request cost under HTTP Basic) divided by the difference above.

                """);
        Instant finished = Instant.now();
        md.append("## Run\n\n");
        md.append("- Date: ").append(DateTimeFormatter.ISO_INSTANT.format(run.started.truncatedTo(ChronoUnit.SECONDS)))
          .append(" (UTC), ").append(complete ? "finished after " : "written after ")
          .append(minutes(Duration.between(run.started, finished))).append("\n");
        md.append(String.format(Locale.ROOT, "- %d rounds; %.1f s per measurement; clients %s; warm-up %.0f s per "
                                        + "query side; signed in as `%s`\n", options.rounds, options.seconds,
                                options.clients.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                                options.warmupSeconds, options.user));
        for (Phase phase : run.completed) {
            Idle idle = run.idle(phase);
            md.append(String.format(Locale.ROOT, "- Idle (%s): query side %s ms CPU/s (%s without its JIT compiler "
                                            + "threads), store %s ms CPU/s "
                                            + "(median of %d idle measurements, one per client count and round)\n", phase.label,
                                    ms(idle.queryMillisPerSecond()), ms(idle.queryWithoutJitMillisPerSecond()),
                                    ms(idle.storeMillisPerSecond()),
                                    idle.queryRates.size()));
        }
        md.append("\n## Machine\n\n");
        Runtime runtime = Runtime.getRuntime();
        md.append("- Cores: ").append(runtime.availableProcessors())
          .append(Report.cpuModel().map(m -> " (" + m + ")").orElse(""))
          .append(Report.totalMemory().map(m -> "; memory: " + m).orElse("")).append("\n");
        md.append("- OS: ").append(System.getProperty("os.name")).append(' ')
          .append(System.getProperty("os.version")).append(" (").append(System.getProperty("os.arch"))
          .append(")\n");
        md.append("- Load average: ").append(run.loadAtStart).append(" at the start, ")
          .append(run.loadAtEnd == null ? "n/a" : run.loadAtEnd).append(" at the end\n");
        md.append("- Other processes' CPU over all measurements: median ")
          .append(Report.percent(median(run.measurements, m -> m.otherShare))).append(", max ")
          .append(Report.percent(maxOther(run.measurements))).append(" of all cores\n");
        md.append("- `java -version` (the benchmark and both services):\n\n```\n").append(Report.javaVersion())
          .append("\n```\n\n");
        md.append("## Command\n\n```\n").append(Report.command(options.raw, AuthenticationBenchmark.class))
          .append("\n```\n\n");
        md.append("The services it started as child processes, from the repository root, with "
                          + "`CONSULTATION_DATA_DIR` (a fresh temporary directory), `CONSULTATION_STORE_PORT` (a free "
                          + "port), `CONSULTATION_MASTER_KEY` (fresh random, for builds whose key vault needs one) and "
                          + "`AXONIQ_UPDATE_CHECKER_DISABLED=true` set, and `MONGODB_URI` unset, as `./run` does "
                          + "(`<port>`: a free port of that run):\n\n```\n");
        if (run.storeCommand != null) {
            md.append(commandLine(run.storeCommand)).append("\n");
        }
        for (Phase phase : run.completed) {
            md.append(commandLine(run.commands.get(phase))).append("\n");
        }
        md.append("```\n\n");
        md.append(method(run));
        md.append("\n## Results\n\n");
        md.append(resultsTable(run));
        md.append("\n").append(beyondTable(run));
        md.append("\n<details><summary>Every measurement</summary>\n\n").append(everyMeasurement(run))
          .append("\n</details>\n");
        md.append("\n## What the numbers mean\n\n").append(reading(run)).append("\n");
        return md.toString();
    }

    private static String method(Run run) {
        AuthenticationBenchmark.Options options = run.options;
        StringBuilder md = new StringBuilder("## Method\n\n");
        md.append(String.format(Locale.ROOT, """
                1. **BCrypt**: in the benchmark's own JVM, before the services start, %d warm-up checks and %d \
                timed `BCryptPasswordEncoder(10).matches` of a correct password; the thread's CPU time per check, \
                median (p90 %s ms; wall-clock median %s ms).
                2. **Services**: the embedded store and the query side are started as above; the query side is \
                up when `GET /actuator/health` answers 200. The store is empty apart from the sessions.
                3. **Sign-in once** as `%s` (a development account): `POST /api/tokens` gives the access token \
                (`Authorization: Bearer ct_...`), `POST /api/session` the `ct_session` cookie. Each request kind \
                is then checked to answer 200.
                4. **Warm-up**, unreported: every request kind in turn with the largest client count, %.0f s in all.
                5. **Rounds**: each round, for each client count, first measures the services idle for %.1f s (after \
                %d ms to settle), then every request kind for %.1f s, in an order rotated by one from round to round (A B C D E, then \
                B C D E A, ...), so that every kind is measured next to every other and none always first. Every \
                figure is a median over the %d rounds.
                6. **Clients**: JDK `HttpClient`, HTTP/1.1, one shared client whose pool keeps one keep-alive \
                connection per client thread; each thread sends its next request as soon as the last one is \
                answered (closed loop), bodies are read and discarded, any answer other than 200 counts as an error. \
                The client runs in the benchmark's JVM on the same machine.

                Query side configurations, one after the other against the same store and the same sign-in:
                """, AuthenticationBenchmark.BCRYPT_WARMUP, run.bcrypt.samples(), ms(run.bcrypt.cpuP90Millis()),
                ms(run.bcrypt.wallMedianMillis()), options.user, options.warmupSeconds, options.seconds,
                AuthenticationBenchmark.IDLE_SETTLE_MILLIS, options.seconds, options.rounds));
        md.append("\n");
        for (Phase phase : options.phases()) {
            md.append("- **").append(phase.label).append("**: ").append(phase.description).append("; requests: ")
              .append(phase.scenarios.stream().map(s -> s.label).collect(Collectors.joining(", "))).append(".\n");
        }
        return md.toString();
    }

    private static String commandLine(List<String> command) {
        List<String> shown = new ArrayList<>();
        for (String part : command) {
            if (part.startsWith("--server.port=")) {
                part = "--server.port=<port>";
            } else if (part.endsWith("/bin/java")) {
                part = "java";
            }
            shown.add(part);
        }
        return String.join(" ", shown);
    }

    private static String minutes(Duration duration) {
        return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
    }
}
