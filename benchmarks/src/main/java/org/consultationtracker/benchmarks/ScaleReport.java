package org.consultationtracker.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes docs/benchmarks/scale.md from the measured sizes; the targets beside the figures, misses marked. */
final class ScaleReport {

    static final double P99_GROWTH_TARGET = 1.5;
    static final double READS_TARGET = 2_000;
    static final double COMMANDS_TARGET = 1_000;
    static final double REPLAY_TARGET = 0.8;
    static final long PROJECTED_EVENTS = 25_000_000L;
    static final int TARGET_CLIENTS = 16;
    private static final String MISS = "**MISS**";
    private static final String MET = "met";

    private ScaleReport() {
    }

    static void write(Path out, ScaleBenchmark.Options options, List<ScaleBenchmark.SizeRun> runs, boolean complete)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Scale benchmark\n\n");
        if (!complete) {
            md.append("**Incomplete run**: sizes still to measure when this was written: ")
              .append(options.sizes.subList(runs.size(), options.sizes.size())).append(".\n\n");
        }
        if (options.note != null) {
            md.append("> ").append(options.note).append("\n\n");
        }
        md.append("Written by `org.consultationtracker.benchmarks.ScaleBenchmark` on ")
          .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" — ")
          .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
          .append(String.format(Locale.ROOT, "%.0f GiB", totalMemoryGib())).append(" RAM, Java ")
          .append(System.getProperty("java.version")).append(". Arguments: `")
          .append(options.commandLine.isBlank() ? "(defaults)" : options.commandLine).append("`. ")
          .append("How to run it and what each column means: [README.md](README.md#run-the-scale-benchmark). ")
          .append("Never edit these figures by hand: rerun.\n\n");
        targets(md, runs);
        sizes(md, runs);
        replay(md, runs);
        endpoints(md, runs);
        throughput(md, runs);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
    }

    private static void targets(StringBuilder md, List<ScaleBenchmark.SizeRun> runs) {
        md.append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
        ScaleBenchmark.SizeRun first = runs.get(0);
        ScaleBenchmark.SizeRun last = runs.get(runs.size() - 1);
        if (runs.size() > 1) {
            List<String> misses = new ArrayList<>();
            double worst = 0;
            String worstName = "";
            for (Map.Entry<String, ScaleBenchmark.Latency> endpoint : last.endpoints.entrySet()) {
                ScaleBenchmark.Latency small = first.endpoints.get(endpoint.getKey());
                if (small == null) {
                    continue;
                }
                double growth = endpoint.getValue().p99() / small.p99();
                if (growth > worst) {
                    worst = growth;
                    worstName = endpoint.getKey();
                }
                if (growth > P99_GROWTH_TARGET) {
                    misses.add("`" + endpoint.getKey() + "` " + Stats.ratio(growth) + "×");
                }
            }
            md.append("| every endpoint's p99 at ").append(Stats.count(last.size)).append(" within ")
              .append(P99_GROWTH_TARGET).append("× of its p99 at ").append(Stats.count(first.size)).append(" | ")
              .append(misses.size()).append(" of ").append(last.endpoints.size()).append(" over; worst `")
              .append(worstName).append("` ").append(Stats.ratio(worst)).append("×")
              .append(misses.isEmpty() ? "" : ": " + String.join(", ", misses)).append(" | ")
              .append(misses.isEmpty() ? MET : MISS).append(" |\n");
        }
        for (ScaleBenchmark.SizeRun run : runs) {
            throughputTarget(md, run, "authenticated reads", READS_TARGET, "reads/s");
            throughputTarget(md, run, "commands", COMMANDS_TARGET, "commands/s (one event stored each)");
        }
        for (ScaleBenchmark.SizeRun run : runs) {
            double ratio = run.floor.seconds() / run.replay.servedSeconds();
            md.append("| replay ≥ ").append(REPLAY_TARGET).append("× its floor at ").append(Stats.count(run.size))
              .append(" (the target is set at 1M) | ").append(Stats.ratio(ratio)).append("× | ")
              .append(ratio >= REPLAY_TARGET ? MET : MISS).append(" |\n");
        }
        md.append("| a 25M-event rebuild, projected | ").append(projection(runs)).append(" | |\n\n");
    }

    private static void throughputTarget(StringBuilder md, ScaleBenchmark.SizeRun run, String kindStart,
                                         double target, String unit) {
        for (Map.Entry<String, List<ClosedLoop.Result>> kind : run.throughput.entrySet()) {
            if (!kind.getKey().startsWith(kindStart)) {
                continue;
            }
            for (ClosedLoop.Result result : kind.getValue()) {
                if (result.clients() == TARGET_CLIENTS) {
                    md.append("| ≥ ").append(Stats.rate(target)).append(' ').append(unit).append(" with ")
                      .append(TARGET_CLIENTS).append(" clients at ").append(Stats.count(run.size)).append(" | ")
                      .append(Stats.rate(result.perSecond())).append(floors(run)).append(" | ")
                      .append(result.perSecond() >= target ? MET : MISS).append(" |\n");
                }
            }
        }
    }

    /**
     * The floors measured in the same run with as many clients, beside a throughput figure: a target above the raw
     * driver's key lookup cannot be met by any read or write that makes one round trip to the store.
     */
    private static String floors(ScaleBenchmark.SizeRun run) {
        List<String> floors = new ArrayList<>();
        for (Map.Entry<String, List<ClosedLoop.Result>> kind : run.throughput.entrySet()) {
            if (!kind.getKey().startsWith("floor")) {
                continue;
            }
            for (ClosedLoop.Result result : kind.getValue()) {
                if (result.clients() == TARGET_CLIENTS) {
                    floors.add(kind.getKey().replaceFirst("^floor: ", "") + " " + Stats.rate(result.perSecond()));
                }
            }
        }
        return floors.isEmpty() ? "" : " (same run and clients: " + String.join("; ", floors) + ")";
    }

    /** Least squares of log(seconds) on log(events) over the measured sizes: seconds = a × events^b. */
    static String projection(List<ScaleBenchmark.SizeRun> runs) {
        if (runs.size() < 2) {
            return "n/a (needs two sizes)";
        }
        int n = runs.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (ScaleBenchmark.SizeRun run : runs) {
            double x = Math.log(run.filled.events());
            double y = Math.log(run.replay.servedSeconds());
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double a = Math.exp((sy - b * sx) / n);
        double seconds = a * Math.pow(PROJECTED_EVENTS, b);
        double linear = runs.get(n - 1).replay.servedSeconds() / runs.get(n - 1).filled.events() * PROJECTED_EVENTS;
        return String.format(Locale.ROOT, "%,.0f s (%.1f min) from the fit seconds = %.3g × events^%.2f over %d "
                                          + "sizes; a straight line through the largest size gives %,.0f s",
                             seconds, seconds / 60, a, b, n, linear);
    }

    private static void sizes(StringBuilder md, List<ScaleBenchmark.SizeRun> runs) {
        md.append("## Sizes\n\n| events | commits | sessions | conversations | participants | key points | ")
          .append("sections | fill (s) | command side up (s) | query side up (s) | read models current, live ")
          .append("catch-up from the query side's start (s) | whole size (s) |\n")
          .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaleBenchmark.SizeRun run : runs) {
            NationalConsultation.KnownIds ids = run.filled.ids();
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d | %,d | %,d | %,d | %.1f | %.1f | %.1f | "
                                                 + "%.1f | %.0f |\n", run.filled.events(), run.filled.commits(),
                                    ids.agendas.size(), ids.conversations.size(), ids.participants.size(),
                                    ids.keyPoints.size(), ids.sections.size(), run.filled.seconds(),
                                    run.commandSideUpSeconds, run.querySideUpSeconds, run.catchUpSeconds,
                                    run.wallSeconds));
        }
        md.append('\n');
    }

    private static void replay(StringBuilder md, List<ScaleBenchmark.SizeRun> runs) {
        md.append("## Replay against its floor\n\n| events | replay: served (s) | replay: hashed too (s) | ")
          .append("replay events/s | floor: read every commit (s) | floor: insert the documents | floor total (s) | ")
          .append("replay ÷ floor |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaleBenchmark.SizeRun run : runs) {
            md.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %s | %.1f | %,d documents of %d collections "
                                                 + "in %.1f s | %.1f | %s |\n", run.filled.events(),
                                    run.replay.servedSeconds(), run.replay.finishedSeconds(),
                                    Stats.rate(run.filled.events() / run.replay.servedSeconds()),
                                    run.floor.readSeconds(), run.floor.documents(), run.floor.collections(),
                                    run.floor.insertSeconds(), run.floor.seconds(),
                                    Stats.ratio(run.floor.seconds() / run.replay.servedSeconds())));
        }
        md.append("\nProjected 25M-event rebuild: ").append(projection(runs)).append(".\n\n");
    }

    private static void endpoints(StringBuilder md, List<ScaleBenchmark.SizeRun> runs) {
        ScaleBenchmark.SizeRun first = runs.get(0);
        ScaleBenchmark.SizeRun last = runs.get(runs.size() - 1);
        md.append("## Every GET endpoint: latency (ms), ").append(first.endpoints.isEmpty() ? 0
                : first.endpoints.values().iterator().next().requests())
          .append(" requests each, one client, admin token\n\n| endpoint |");
        StringBuilder rule = new StringBuilder("|---|");
        for (ScaleBenchmark.SizeRun run : runs) {
            md.append(" p50 ").append(Stats.count(run.size)).append(" | p99 ").append(Stats.count(run.size))
              .append(" |");
            rule.append("---:|---:|");
        }
        md.append(" p99 ").append(Stats.count(last.size)).append(" ÷ p99 ").append(Stats.count(first.size))
          .append(" (≤ ").append(P99_GROWTH_TARGET).append(") | answers |\n").append(rule).append("---:|---|\n");
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(run -> names.addAll(run.endpoints.keySet()));
        for (String name : names) {
            md.append("| `").append(name).append("` |");
            String answers = "";
            for (ScaleBenchmark.SizeRun run : runs) {
                ScaleBenchmark.Latency latency = run.endpoints.get(name);
                if (latency == null) {
                    md.append(" – | – |");
                    continue;
                }
                md.append(' ').append(Stats.millis(latency.p50())).append(" | ").append(Stats.millis(latency.p99()))
                  .append(" |");
                if (latency.redirected() && !answers.contains("303")) {
                    answers += "303 to the query side, as documented; ";
                }
                if (latency.failed()) {
                    answers += MISS + " at " + Stats.count(run.size) + ": " + latency.statuses() + "; ";
                }
            }
            ScaleBenchmark.Latency small = first.endpoints.get(name);
            ScaleBenchmark.Latency large = last.endpoints.get(name);
            if (runs.size() > 1 && small != null && large != null) {
                double growth = large.p99() / small.p99();
                md.append(' ').append(Stats.ratio(growth)).append(growth > P99_GROWTH_TARGET ? " " + MISS : "")
                  .append(" |");
            } else {
                md.append(" – |");
            }
            md.append(' ').append(answers.isEmpty() ? "all 2xx" : answers).append(" |\n");
        }
        if (!first.defaulted.isEmpty()) {
            md.append("\nOptional parameters left to their defaults: ").append(String.join(", ", first.defaulted))
              .append(".\n");
        }
        md.append('\n');
    }

    private static void throughput(StringBuilder md, List<ScaleBenchmark.SizeRun> runs) {
        md.append("## Throughput\n\n");
        for (ScaleBenchmark.SizeRun run : runs) {
            md.append("### ").append(Stats.count(run.size)).append(" events\n\n")
              .append("| what | clients | per second | p50 (ms) | p99 (ms) | store + services' CPU share | ")
              .append("other processes' CPU share | failures |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
            for (Map.Entry<String, List<ClosedLoop.Result>> kind : run.throughput.entrySet()) {
                for (ClosedLoop.Result result : kind.getValue()) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.0f%% | %.0f%% | %s |\n",
                                            kind.getKey(), result.clients(), Stats.rate(result.perSecond()),
                                            Stats.millis(result.p50Millis()), Stats.millis(result.p99Millis()),
                                            100 * result.servicesCpuShare(), 100 * result.otherCpuShare(),
                                            result.failureText()));
                }
            }
            md.append(String.format(Locale.ROOT, "\nKey points stored through the command API in this size's "
                                                 + "throughput runs (warm-up included): %,d.\n\n",
                                    run.commandsStored));
        }
    }

    private static double totalMemoryGib() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
        }
        return Double.NaN;
    }
}
