package org.consultationtracker.benchmarks;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.consultationtracker.benchmarks.EventStoreBenchmark.Kind;
import org.consultationtracker.benchmarks.EventStoreBenchmark.Options;
import org.consultationtracker.benchmarks.EventStoreBenchmark.Result;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns the measurements into the stdout table and docs/benchmarks/event-store.md. Only measured numbers go in. */
final class Report {

    private Report() {
    }

    // ---------------------------------------------------------------------------------------------------- the table

    static String row(Result r) {
        return String.format(Locale.ROOT, "%s | %s | fill %s ev/s | append %s ev/s (%s commits/s) | read %s ev/s"
                                     + " | load median %s ms p95 %s ms%s", Stats.count(r.size), r.kind.id,
                             Stats.rate(r.fillRate()), Stats.rate(r.appendRate()), Stats.rate(r.commitRate()),
                             Stats.rate(r.readRate()), Stats.millis(r.loadMedian()), Stats.millis(r.loadP95()),
                             notes(r).isEmpty() ? "" : " | " + notes(r));
    }

    static String table(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("| Stored events | Contender | Appends, 16 writers (events/s) | Appends (commits/s) "
                           + "| Append latency p50 / p95 (ms) | Tracking read from 0 (events/s) "
                           + "| Aggregate load median (ms) | Aggregate load p95 (ms) | Fill (events/s, not a target) "
                           + "| Other processes' CPU | Notes |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            out.append("| ").append(Stats.count(r.size))
               .append(" | ").append(r.name)
               .append(" | ").append(Stats.rate(r.appendRate()))
               .append(" | ").append(Stats.rate(r.commitRate()))
               .append(" | ").append(Stats.millis(Stats.percentile(r.appendLatencies, 50))).append(" / ")
               .append(Stats.millis(Stats.percentile(r.appendLatencies, 95)))
               .append(" | ").append(Stats.rate(r.readRate()))
               .append(" | ").append(Stats.millis(r.loadMedian()))
               .append(" | ").append(Stats.millis(r.loadP95()))
               .append(" | ").append(Stats.rate(r.fillRate()))
               .append(" | ").append(percent(r.otherProcessesShare))
               .append(" | ").append(notes(r).isEmpty() ? "" : notes(r))
               .append(" |\n");
        }
        return out.toString();
    }

    /** Every round of every phase, so the reader sees the spread behind the reported (best) figure. */
    static String rounds(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("| Stored events | Contender | Append rounds (events/s) | Read rounds (events/s) "
                           + "| Load rounds, median (ms) |\n");
        out.append("|---:|---|---|---|---|\n");
        for (Result r : results) {
            out.append("| ").append(Stats.count(r.size))
               .append(" | ").append(r.name)
               .append(" | ").append(String.join(", ", r.appendRounds))
               .append(" | ").append(String.join(", ", r.readRounds))
               .append(" | ").append(String.join(", ", r.loadRounds))
               .append(" |\n");
        }
        return out.toString();
    }

    /** CPU cost per unit of work: robust against other processes, which take wall time but not our CPU time. */
    static String cpu(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("| Stored events | Contender | Append CPU (µs per event) | Read CPU (µs per event) "
                           + "| Load CPU (ms per load) |\n");
        out.append("|---:|---|---:|---:|---:|\n");
        for (Result r : results) {
            out.append("| ").append(Stats.count(r.size))
               .append(" | ").append(r.name)
               .append(" | ").append(Stats.cost(r.appendCpu()))
               .append(" | ").append(Stats.cost(r.readCpu()))
               .append(" | ").append(Stats.cost(r.loadCpu()))
               .append(" |\n");
        }
        return out.toString();
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static String notes(Result r) {
        List<String> notes = new ArrayList<>();
        if (r.read != null && r.read.capped()) {
            notes.add(String.format(Locale.ROOT, "**read capped** at %d s: %,d of %,d events read",
                                    Math.round(r.readSeconds), r.read.events(), r.readExpected));
        }
        if (r.appendCapped) {
            notes.add(String.format(Locale.ROOT, "**appends capped** at %.0f s (%,d commits)", r.appendSeconds,
                                    r.appendedCommits));
        }
        if (r.loadCapped) {
            notes.add("**loads capped**: " + r.loadMillis.size() + " loads in the time cap");
        }
        if (r.loadMismatches > 0) {
            notes.add("**" + r.loadMismatches + " loads returned the wrong number of events**");
        }
        if (!r.errors.isEmpty()) {
            notes.add("errors: " + String.join("; ", r.errors).replace("|", "/"));
        }
        return String.join("; ", notes);
    }

    // -------------------------------------------------------------------------------------------------- the targets

    static String targets(List<Result> results, List<Long> sizes) {
        StringBuilder out = new StringBuilder();
        out.append("Appends: our engine against the raw driver (target: within 2x, i.e. raw / ours <= 2)\n\n");
        out.append("| Stored events | Ours (events/s) | Raw driver (events/s) | Raw / ours | Within 2x "
                           + "| CPU per event, ours / raw |\n");
        out.append("|---:|---:|---:|---:|---|---:|\n");
        for (long size : sizes) {
            Optional<Result> ours = find(results, size, Kind.OURS);
            Optional<Result> raw = find(results, size, Kind.RAW);
            if (ours.isEmpty() || raw.isEmpty()) {
                continue;
            }
            double ratio = raw.get().appendRate() / ours.get().appendRate();
            out.append("| ").append(Stats.count(size))
               .append(" | ").append(Stats.rate(ours.get().appendRate()))
               .append(" | ").append(Stats.rate(raw.get().appendRate()))
               .append(" | ").append(Stats.ratio(ratio))
               .append(" | ").append(Double.isNaN(ratio) ? "n/a" : ratio <= 2.0 ? "yes" : "**no**")
               .append(" | ").append(Stats.ratio(ours.get().appendCpu() / raw.get().appendCpu()))
               .append(" |\n");
        }
        List<Long> measured = measuredSizes(results, sizes);
        if (measured.size() < 2) {
            out.append("\nFlatness needs at least two sizes; only ").append(measured).append(" measured.\n");
            return out.toString();
        }
        long small = measured.get(0);
        long large = measured.get(measured.size() - 1);
        String label = Stats.count(large) + " / " + Stats.count(small);
        out.append("\nFlat as the store grows? Figure at ").append(Stats.count(large)).append(" divided by the figure at ")
           .append(Stats.count(small)).append(" (1.00 = perfectly flat; for rates below 1 means slower, for load "
                                                      + "times above 1 means slower; called flat within "
                                                      + FLAT_LABEL + " either way)\n\n");
        out.append("| Contender | Read events/s ").append(label).append(" | Load median ").append(label)
           .append(" | Load p95 ").append(label).append(" | Appends events/s ").append(label).append(" |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (Kind kind : Kind.values()) {
            Optional<Result> a = find(results, small, kind);
            Optional<Result> b = find(results, large, kind);
            if (a.isEmpty() || b.isEmpty()) {
                continue;
            }
            out.append("| ").append(b.get().name)
               .append(" | ").append(flatCell(a.get(), b.get(), Result::readRate, true))
               .append(" | ").append(flatCell(a.get(), b.get(), Result::loadMedian, false))
               .append(" | ").append(flatCell(a.get(), b.get(), Result::loadP95, false))
               .append(" | ").append(flatCell(a.get(), b.get(), Result::appendRate, true))
               .append(" |\n");
        }
        return out.toString();
    }

    private static final String FLAT_LABEL = "a factor of " + EventStoreBenchmark.FLAT_WITHIN;

    private static String flatCell(Result small, Result large, ToDoubleFunction<Result> metric, boolean rate) {
        double a = metric.applyAsDouble(small);
        double b = metric.applyAsDouble(large);
        double ratio = b / a;
        String figures = (rate ? Stats.rate(a) : Stats.millis(a)) + " → " + (rate ? Stats.rate(b) : Stats.millis(b));
        String verdict = verdict(ratio, rate);
        return Stats.ratio(ratio) + " (" + figures + ", " + (verdict.equals("slower") ? "**slower**" : verdict) + ")";
    }

    /** "flat" within the factor, else "faster" or "slower" (for rates higher is faster, for times lower is). */
    static String verdict(double ratio, boolean rate) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "n/a";
        }
        if (isFlat(ratio)) {
            return "flat";
        }
        return (ratio > 1) == rate ? "faster" : "slower";
    }

    static boolean isFlat(double ratio) {
        return !Double.isNaN(ratio) && ratio <= EventStoreBenchmark.FLAT_WITHIN
                && ratio >= 1 / EventStoreBenchmark.FLAT_WITHIN;
    }

    private static Optional<Result> find(List<Result> results, long size, Kind kind) {
        return results.stream().filter(r -> r.size == size && r.kind == kind).findFirst();
    }

    private static List<Long> measuredSizes(List<Result> results, List<Long> sizes) {
        return sizes.stream().filter(s -> results.stream().anyMatch(r -> r.size == s)).toList();
    }

    // ------------------------------------------------------------------------------------------ what it all means

    /** Sentences built from the measured figures only. */
    static String meaning(List<Result> results, List<Long> sizes) {
        List<Long> measured = measuredSizes(results, sizes);
        if (measured.isEmpty()) {
            return "Nothing was measured.";
        }
        long small = measured.get(0);
        long large = measured.get(measured.size() - 1);
        List<String> sentences = new ArrayList<>();

        // Appends against the raw driver.
        List<Double> ratios = perSize(results, measured, (ours, raw) -> raw.appendRate() / ours.appendRate());
        if (!ratios.isEmpty()) {
            double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            long met = ratios.stream().filter(r -> r <= 2.0).count();
            sentences.add(String.format(Locale.ROOT,
                    "With 16 writers the raw driver appended %s to %s times as many events per second as our "
                            + "engine (%s), so the \"within 2x of the raw driver\" target was met at %d of %d "
                            + "measured sizes.",
                    Stats.ratio(min), Stats.ratio(max),
                    range(results, measured, Kind.OURS, Result::appendRate, Stats::rate, "ours", "events/s")
                            + " against "
                            + range(results, measured, Kind.RAW, Result::appendRate, Stats::rate, "raw", "events/s"),
                    met, ratios.size()));
        }
        List<Double> cpuRatios = perSize(results, measured, (ours, raw) -> ours.appendCpu() / raw.appendCpu());
        if (!cpuRatios.isEmpty()) {
            sentences.add(String.format(Locale.ROOT,
                    "Measured as CPU time per appended event, which other processes do not disturb, our engine "
                            + "cost %s to %s times the raw driver's (%s).",
                    Stats.ratio(java.util.Collections.min(cpuRatios)), Stats.ratio(java.util.Collections.max(cpuRatios)),
                    range(results, measured, Kind.OURS, Result::appendCpu, Stats::cost, "ours", "µs per event")
                            + " against "
                            + range(results, measured, Kind.RAW, Result::appendCpu, Stats::cost, "raw",
                                    "µs per event")));
        }
        Optional<Result> axonSmall = find(results, small, Kind.AXON);
        Optional<Result> oursSmall = find(results, small, Kind.OURS);
        if (axonSmall.isPresent() && oursSmall.isPresent() && !Double.isNaN(axonSmall.get().appendRate())) {
            sentences.add(String.format(Locale.ROOT,
                    "axon-mongo's engine appended %s events/s at %s, %s times our engine's rate there.",
                    Stats.rate(axonSmall.get().appendRate()), Stats.count(small),
                    Stats.ratio(axonSmall.get().appendRate() / oursSmall.get().appendRate())));
        }

        if (measured.size() >= 2) {
            for (Kind kind : Kind.values()) {
                Optional<Result> a = find(results, small, kind);
                Optional<Result> b = find(results, large, kind);
                if (a.isEmpty() || b.isEmpty()) {
                    continue;
                }
                double readRatio = b.get().readRate() / a.get().readRate();
                double loadRatio = b.get().loadMedian() / a.get().loadMedian();
                double p95Ratio = b.get().loadP95() / a.get().loadP95();
                String who = switch (kind) {
                    case OURS -> "Our engine's";
                    case AXON -> "axon-mongo's";
                    case RAW -> "The raw driver's";
                };
                sentences.add(String.format(Locale.ROOT,
                        "%s tracking read went from %s events/s at %s to %s at %s (x%s, %s)%s, and its median "
                                + "aggregate load from %s ms to %s ms (x%s, %s; p95 x%s).",
                        who, Stats.rate(a.get().readRate()), Stats.count(small), Stats.rate(b.get().readRate()),
                        Stats.count(large), Stats.ratio(readRatio), verdict(readRatio, true),
                        cappedNote(a.get(), b.get()),
                        Stats.millis(a.get().loadMedian()), Stats.millis(b.get().loadMedian()),
                        Stats.ratio(loadRatio), verdict(loadRatio, false), Stats.ratio(p95Ratio)));
            }
        }

        long readProblems = results.stream().mapToLong(r -> r.readProblems).sum();
        long fullReads = results.stream().mapToLong(r -> r.completeReads).sum();
        long loadProblems = results.stream().mapToLong(r -> r.loadMismatches).sum();
        long errors = results.stream().filter(r -> !r.errors.isEmpty()).count();
        sentences.add(String.format(Locale.ROOT,
                "Of the %d whole-stream reads that ran to the end, %d delivered a different number of events than "
                        + "stored, duplicates or events out of position order; %d aggregate loads returned the wrong "
                        + "number of events; %d contender runs reported errors.",
                fullReads, readProblems, loadProblems, errors));
        double maxOther = results.stream().mapToDouble(r -> r.otherProcessesShare).filter(v -> !Double.isNaN(v))
                                 .max().orElse(Double.NaN);
        if (!Double.isNaN(maxOther)) {
            double minOther = results.stream().mapToDouble(r -> r.otherProcessesShare)
                                     .filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
            sentences.add(String.format(Locale.ROOT,
                    "Other processes used between %s and %s of the machine's CPU while contenders were measured%s; "
                            + "appends and loads ran %d rounds and reads up to %d, and the best round is reported "
                            + "(all rounds are listed above).",
                    percent(minOther), percent(maxOther),
                    maxOther < 0.05 ? ", so the figures were hardly disturbed"
                            : ", so rows measured under that load are depressed by it",
                    EventStoreBenchmark.APPEND_ROUNDS, EventStoreBenchmark.READ_ROUNDS));
        }
        return String.join(" ", sentences);
    }

    private static String cappedNote(Result a, Result b) {
        boolean capped = (a.read != null && a.read.capped()) || (b.read != null && b.read.capped());
        boolean loads = a.loadCapped || b.loadCapped;
        if (!capped && !loads) {
            return "";
        }
        return " [measured under the time cap: " + (capped ? "reads" : "") + (capped && loads ? " and " : "")
                + (loads ? "loads" : "") + " stopped early, rates are over what finished]";
    }

    /** {@code ratio(ours, raw)} at every size where both were measured, leaving out undefined ratios. */
    private static List<Double> perSize(List<Result> results, List<Long> sizes,
                                        java.util.function.BiFunction<Result, Result, Double> ratio) {
        List<Double> ratios = new ArrayList<>();
        for (long size : sizes) {
            Optional<Result> ours = find(results, size, Kind.OURS);
            Optional<Result> raw = find(results, size, Kind.RAW);
            if (ours.isPresent() && raw.isPresent()) {
                double value = ratio.apply(ours.get(), raw.get());
                if (!Double.isNaN(value)) {
                    ratios.add(value);
                }
            }
        }
        return ratios;
    }

    /** "label min–max unit" of one contender's metric over the sizes. */
    private static String range(List<Result> results, List<Long> sizes, Kind kind, ToDoubleFunction<Result> metric,
                                java.util.function.DoubleFunction<String> format, String label, String unit) {
        java.util.DoubleSummaryStatistics values = sizes.stream().map(s -> find(results, s, kind))
                                                        .flatMap(Optional::stream).mapToDouble(metric)
                                                        .filter(v -> !Double.isNaN(v)).summaryStatistics();
        if (values.getCount() == 0) {
            return label + " n/a";
        }
        return label + " " + format.apply(values.getMin()) + "–" + format.apply(values.getMax()) + " " + unit;
    }

    // ------------------------------------------------------------------------------------------------- the file

    static String markdown(List<Result> results, Options options, Instant started, boolean complete) {
        StringBuilder md = new StringBuilder();
        md.append("# Event store benchmark\n\n");
        md.append("Written by `org.consultationtracker.benchmarks.EventStoreBenchmark` — every figure below comes "
                          + "from that run; rerun the command rather than editing this file.\n\n");
        List<Long> measured = measuredSizes(results, options.sizes);
        List<Long> missing = options.sizes.stream().filter(s -> !measured.contains(s)
                || results.stream().filter(r -> r.size == s).count() < options.contenders.size()).toList();
        if (!complete) {
            md.append("> **Incomplete run.** This file is rewritten after every contender; the run that wrote it "
                              + "had not finished. Sizes requested: ").append(sizesText(options.sizes))
              .append("; not (fully) measured: ").append(sizesText(missing)).append(".\n\n");
        } else if (!missing.isEmpty()) {
            md.append("> Not measured: ").append(sizesText(missing)).append(".\n\n");
        }
        if (options.note != null) {
            md.append("> Note from the person who ran it: ").append(options.note).append("\n\n");
        }
        Instant finished = Instant.now();
        md.append("## Run\n\n");
        md.append("- Date: ").append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(
                  java.time.temporal.ChronoUnit.SECONDS))).append(" (UTC), ")
          .append(complete ? "finished after " : "written after ")
          .append(minutes(Duration.between(started, finished))).append("\n");
        md.append("- Sizes: ").append(sizesText(options.sizes)).append("; contenders: ")
          .append(options.contenders.stream().map(k -> k.id).collect(Collectors.joining(", "))).append("\n\n");
        md.append("## Machine\n\n");
        Runtime runtime = Runtime.getRuntime();
        md.append("- Cores available to the JVM: ").append(runtime.availableProcessors())
          .append(cpuModel().map(m -> " (" + m + ")").orElse("")).append("\n");
        md.append("- Max heap: ").append(gib(runtime.maxMemory()))
          .append(totalMemory().map(m -> "; machine memory: " + m).orElse("")).append("\n");
        md.append("- OS: ").append(System.getProperty("os.name")).append(' ')
          .append(System.getProperty("os.version")).append(" (").append(System.getProperty("os.arch"))
          .append(")\n");
        md.append("- `java -version`:\n\n```\n").append(javaVersion()).append("\n```\n\n");
        md.append("- Embedded server: mongo-java-server ").append(version(MongoServer.class))
          .append(" (memory backend ").append(version(MemoryBackend.class))
          .append("), started once with `EmbeddedMongoStore.startInMemory()` on 127.0.0.1, in the benchmark's "
                          + "JVM, reached over the wire; a fresh database per contender and size, dropped afterwards\n");
        md.append("- MongoDB Java driver ").append(version(MongoClients.class)).append("; Axon Framework ")
          .append(version(GenericDomainEventMessage.class)).append("; axon-mongo ")
          .append(version(MongoEventStorageEngine.class)).append("\n\n");
        md.append("## Command\n\n```\n").append(command(options)).append("\n```\n\n");
        md.append("JVM arguments: `").append(String.join(" ", ManagementFactory.getRuntimeMXBean()
                                                                             .getInputArguments()))
          .append("`\n\n");
        md.append("## Method\n\n");
        md.append(method(options));
        md.append("\n## Results\n\n");
        md.append(table(results));
        md.append("\nEvery round (the table above reports the best: highest rate, lowest median; a round cut short "
                          + "by the time cap counts only when it is the only one). \"GC\" is the garbage-collection time "
                          + "the JVM reported during the round: the embedded server keeps the whole store on the same "
                          + "heap, so at 1M events a collection can take a large part of a round:\n\n");
        md.append(rounds(results));
        md.append("\nCPU cost: this JVM's CPU time (benchmark client, embedded server and GC together) per unit of "
                          + "work, median over the rounds (the JVM counts CPU time in 10 ms ticks, so short rounds are "
                          + "coarse). Other processes take wall time from a row but not CPU time, so these figures "
                          + "are the steadier comparison on a shared machine:\n\n");
        md.append(cpu(results));
        md.append("\n## Targets\n\n");
        md.append(targets(results, options.sizes));
        md.append("\n## What the numbers mean\n\n");
        md.append(meaning(results, options.sizes)).append("\n");
        return md.toString();
    }

    private static String method(Options options) {
        int appendCommits = EventStoreBenchmark.WRITERS * options.appendAggregatesPerWriter
                * EventStoreBenchmark.APPEND_COMMITS_PER_AGGREGATE;
        return String.format(Locale.ROOT, """
                For each size, and for each contender on its own fresh database of the same server, in this order:

                1. **Fill** the store to exactly the size by appending through the contender (%d threads; aggregates \
                of %d–%d events, each appended in commits of 1–%d events; payload: a key-point record with about \
                100 characters of text, actor and role in metadata, Jackson serializer from \
                `EventSerialization.serializer()`). Filled events carry recording times spread one per %d ms over the \
                past, as in a store that grew over time (only axon-mongo's engine reads by timestamp). Not a target.
                2. **Tracking read** of the whole stream from position 0: `readEvents(null, false)`, then again from \
                the last token until a read delivers nothing; every event is counted and its identifier checked \
                for duplicates; payloads are not deserialized. The raw driver reads `_id $in` windows of 100 \
                positions. Repeated (at most %d whole reads) until the phase has run %d s; the fastest is reported.
                3. **Aggregate loads**: %d warm-up loads (at most 5 s), then %d timed loads of random filled \
                aggregates (10–20 events): `engine.readEvents(aggregateId)` iterated to the end with sequence \
                numbers checked; the raw driver does one `streamKeys $in` lookup of 100 keys. Median and p95 in ms. \
                %d rounds; the round with the lowest median is reported.
                4. **Appends** with exactly %d concurrent writers on the filled store: each writer creates %d new \
                aggregates of %d commits × %d events (%,d commits, %,d events per round), events built before the \
                clock starts. Events/s = events stored / wall time from start to the last writer's finish. %d \
                rounds, each on new aggregates (so the store grows by that much per round); the fastest is reported.

                "Other processes' CPU" is the share of all cores that processes other than the benchmark used during \
                the measured phases (from /proc/stat): the machine is shared, and this says how disturbed a row may be.

                Before the measured sizes, an unreported warm-up round (%s) runs every contender once at that \
                size, appending for %d s instead of five rounds, so the first measured size is not the one paying \
                for JIT compilation.

                Contenders: **ours** = `MongoCommitStorageEngine` (default batch size 100); **axon-mongo** = \
                axon-mongo 4.12.0 `MongoEventStorageEngine` with its default DocumentPerEvent strategy, \
                `DefaultMongoTemplate.builder().mongoDatabase(client, dbName)`, `ensureIndexes()` called; \
                **raw** = the MongoDB Java driver inserting one document per commit with our engine's shape and \
                unique indexes (`positions`, `streamKeys`), positions from an in-process counter, no hash \
                computation, no concurrency handling — the floor.

                Time caps per measured phase: %d s for axon-mongo's engine, %d s for the others. A capped phase \
                reports the rate over what it finished and says so in the Notes column.
                """,
                options.fillThreads, Workload.MIN_EVENTS_PER_AGGREGATE, Workload.MAX_EVENTS_PER_AGGREGATE,
                Workload.MAX_FILL_COMMIT, EventStoreBenchmark.FILL_TIMESTAMP_STEP_MILLIS,
                EventStoreBenchmark.READ_ROUNDS, EventStoreBenchmark.READ_REPEAT_BUDGET_SECONDS,
                EventStoreBenchmark.LOAD_WARMUP, options.loads, EventStoreBenchmark.LOAD_ROUNDS,
                EventStoreBenchmark.WRITERS, options.appendAggregatesPerWriter,
                EventStoreBenchmark.APPEND_COMMITS_PER_AGGREGATE, EventStoreBenchmark.APPEND_EVENTS_PER_COMMIT,
                appendCommits, appendCommits * EventStoreBenchmark.APPEND_EVENTS_PER_COMMIT,
                EventStoreBenchmark.APPEND_ROUNDS,
                options.warmup > 0 ? Stats.count(options.warmup) + " events" : "disabled for this run",
                options.warmupAppendSeconds,
                options.axonCapSeconds, options.capSeconds);
    }

    // ---------------------------------------------------------------------------------------------- environment

    /** The command as it was typed, reconstructed from the launcher (Maven wrapper or plain java). */
    static String command(Options options) {
        return command(options.raw, EventStoreBenchmark.class);
    }

    /** The command as it was typed, for any benchmark of this module given its raw arguments. */
    static String command(List<String> rawArgs, Class<?> benchmark) {
        String javaCommand = System.getProperty("sun.java.command", "");
        String launcher = "org.codehaus.plexus.classworlds.launcher.Launcher";
        String args = rawArgs.stream().map(Report::quoteIfNeeded).collect(Collectors.joining(" "));
        if (javaCommand.startsWith(launcher)) {
            // bin/mvn itself prepends --enable-native-access=ALL-UNNAMED to MAVEN_OPTS: show what was typed.
            String mavenOpts = Optional.ofNullable(System.getenv("MAVEN_OPTS")).orElse("")
                                       .replace("--enable-native-access=ALL-UNNAMED", "").trim();
            String goals = javaCommand.substring(launcher.length()).trim();
            // The launcher sees -Dexec.args=... already unquoted: print it quoted again.
            int exec = goals.indexOf("-Dexec.args=");
            if (exec >= 0) {
                goals = goals.substring(0, exec) + "-Dexec.args=\"" + args + "\"";
            }
            return "cd " + EventStoreBenchmark.projectRoot() + " && "
                    + (mavenOpts.isEmpty() ? "" : "MAVEN_OPTS=\"" + mavenOpts + "\" ") + "./mvnw " + goals;
        }
        return "java " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + " -cp <benchmarks classpath> " + benchmark.getName() + " " + args;
    }

    private static String quoteIfNeeded(String arg) {
        return arg.matches("[A-Za-z0-9_,./:=-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    static String javaVersion() {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor(10, TimeUnit.SECONDS) && !output.isEmpty()) {
                return output;
            }
        } catch (IOException e) {
            // fall through to the system properties
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    static String version(Class<?> type) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try {
            String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
            Matcher matcher = Pattern.compile("-(\\d+(\\.\\d+)+[^/]*?)\\.jar$").matcher(location);
            if (matcher.find()) {
                return matcher.group(1);
            }
        } catch (RuntimeException e) {
            // unknown
        }
        return "(unknown version)";
    }

    static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Paths.get("/proc/cpuinfo")).stream()
                        .filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).trim())
                        .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<String> totalMemory() {
        try {
            return Files.readAllLines(Paths.get("/proc/meminfo")).stream()
                        .filter(line -> line.startsWith("MemTotal:"))
                        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                        .map(Report::gib)
                        .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static String minutes(Duration duration) {
        return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
    }

    private static String sizesText(List<Long> sizes) {
        return sizes.isEmpty() ? "none" : sizes.stream().map(Stats::count).collect(Collectors.joining(", "));
    }
}
