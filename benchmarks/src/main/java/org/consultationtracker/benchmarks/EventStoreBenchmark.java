package org.consultationtracker.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.consultationtracker.eventstore.config.EventSerialization;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Event store benchmark (not a test). In one run, on one embedded in-memory mongo-java-server, for each store size
 * and each contender (our engine, axon-mongo's engine, the raw driver) on a fresh database:
 * <ol>
 *   <li>fill the store to the size by appending (16 threads, commits of 1-5 events, aggregates of 10-20 events);</li>
 *   <li>read the whole stream from position 0 as a tracking reader (events/s);</li>
 *   <li>time loads of 200 random aggregates (median and p95 ms per load);</li>
 *   <li>time a fixed number of further appends by exactly 16 concurrent writers (events/s).</li>
 * </ol>
 * It prints a table and writes docs/benchmarks/event-store.md. See docs/benchmarks/README.md for the command.
 */
public final class EventStoreBenchmark {

    static final int WRITERS = 16;
    static final int APPEND_COMMITS_PER_AGGREGATE = 5;
    static final int APPEND_EVENTS_PER_COMMIT = 3;
    static final long FILL_TIMESTAMP_STEP_MILLIS = 10;
    static final int LOAD_WARMUP = 20;
    static final int READ_ROUNDS = 10;
    static final int LOAD_ROUNDS = 5;
    static final int APPEND_ROUNDS = 5;
    static final int READ_REPEAT_BUDGET_SECONDS = 60;
    static final double FLAT_WITHIN = 1.5;

    enum Kind {
        OURS("ours"), AXON("axon-mongo"), RAW("raw");

        final String id;

        Kind(String id) {
            this.id = id;
        }

        static Kind of(String id) {
            return Arrays.stream(values()).filter(k -> k.id.equalsIgnoreCase(id.trim())).findFirst()
                         .orElseThrow(() -> new IllegalArgumentException("unknown contender " + id
                                                                                 + " (ours, axon-mongo, raw)"));
        }
    }

    static final class Options {
        List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);
        List<Kind> contenders = List.of(Kind.OURS, Kind.AXON, Kind.RAW);
        int appendAggregatesPerWriter = 50;
        int loads = 200;
        int fillThreads = 16;
        int axonCapSeconds = 60;
        int capSeconds = 900;
        long warmup = 5_000;
        int warmupAppendSeconds = 30;
        long seed = 20_240_501L;
        Path out;
        String note;
        final List<String> raw = new ArrayList<>();

        static Options parse(String[] args) {
            Options options = new Options();
            options.raw.addAll(Arrays.asList(args));
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (arg) {
                    case "--sizes" -> options.sizes = Arrays.stream(require(arg, value).split(","))
                                                            .map(EventStoreBenchmark::parseCount).toList();
                    case "--contenders" -> options.contenders = Arrays.stream(require(arg, value).split(","))
                                                                      .map(Kind::of).toList();
                    case "--append-aggregates-per-writer" ->
                            options.appendAggregatesPerWriter = Integer.parseInt(require(arg, value));
                    case "--loads" -> options.loads = Integer.parseInt(require(arg, value));
                    case "--fill-threads" -> options.fillThreads = Integer.parseInt(require(arg, value));
                    case "--axon-cap-seconds" -> options.axonCapSeconds = Integer.parseInt(require(arg, value));
                    case "--cap-seconds" -> options.capSeconds = Integer.parseInt(require(arg, value));
                    case "--warmup" -> options.warmup = "0".equals(require(arg, value).trim()) ? 0
                            : parseCount(value);
                    case "--warmup-append-seconds" ->
                            options.warmupAppendSeconds = Integer.parseInt(require(arg, value));
                    case "--seed" -> options.seed = Long.parseLong(require(arg, value));
                    case "--out" -> options.out = Paths.get(require(arg, value));
                    case "--note" -> options.note = require(arg, value);
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
                }
                i++;
            }
            if (options.out == null) {
                options.out = projectRoot().resolve("docs/benchmarks/event-store.md");
            }
            return options;
        }

        private static String require(String arg, String value) {
            if (value == null) {
                throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
            }
            return value;
        }

        int capSeconds(Kind kind) {
            return kind == Kind.AXON ? axonCapSeconds : capSeconds;
        }
    }

    static final String USAGE = """
            EventStoreBenchmark [options]
              --sizes 10000,100000,1000000       stored-event sizes (k and M suffixes allowed)
              --contenders ours,axon-mongo,raw   which contenders to run
              --append-aggregates-per-writer 50  measured appends: each of the 16 writers creates this many
                                                 aggregates of 5 commits x 3 events
              --loads 200                        timed aggregate loads per contender and size
              --fill-threads 16                  threads filling the store (not measured)
              --axon-cap-seconds 60              time cap per measured phase for axon-mongo's engine
              --cap-seconds 900                  safety time cap per measured phase for the others
              --warmup 5000                      events per contender in an unreported warm-up round
                                                 before the measured sizes (0: none)
              --warmup-append-seconds 30         how long each contender keeps appending in it
              --seed N                           random seed
              --out PATH                         report file (default docs/benchmarks/event-store.md)
              --note TEXT                        a note printed verbatim in the report""";

    /** Everything measured for one contender at one size. */
    static final class Result {
        final long size;
        final Kind kind;
        String name;
        long filled;
        double fillSeconds = Double.NaN;
        long appendedEvents;
        long appendedCommits;
        double appendSeconds = Double.NaN;
        boolean appendCapped;
        List<Double> appendLatencies = new ArrayList<>();
        final List<Double> appendRoundRates = new ArrayList<>();
        final List<String> appendRounds = new ArrayList<>();
        final List<String> readRounds = new ArrayList<>();
        final List<String> loadRounds = new ArrayList<>();
        final List<Double> appendCpuMicrosPerEvent = new ArrayList<>();
        final List<Double> readCpuMicrosPerEvent = new ArrayList<>();
        final List<Double> loadCpuMillisPerLoad = new ArrayList<>();
        Contender.ReadOutcome read;
        double readSeconds = Double.NaN;
        long readExpected;
        final List<Double> readRoundRates = new ArrayList<>();
        int readProblems;
        int completeReads;
        List<Double> loadMillis = new ArrayList<>();
        final List<Double> loadRoundMedians = new ArrayList<>();
        boolean loadCapped;
        int loadMismatches;
        double otherProcessesShare = Double.NaN;
        final List<String> errors = new ArrayList<>();

        boolean warmup;

        Result(long size, Kind kind) {
            this.size = size;
            this.kind = kind;
        }

        double fillRate() {
            return filled / fillSeconds;
        }

        double appendRate() {
            return appendedEvents == 0 ? Double.NaN : appendedEvents / appendSeconds;
        }

        double commitRate() {
            return appendedCommits == 0 ? Double.NaN : appendedCommits / appendSeconds;
        }

        double readRate() {
            return read == null || read.events() == 0 ? Double.NaN : read.events() / readSeconds;
        }

        double loadMedian() {
            return Stats.percentile(loadMillis, 50);
        }

        double loadP95() {
            return Stats.percentile(loadMillis, 95);
        }

        /** Median over rounds of this JVM's CPU time (client, embedded server, GC) per appended event, in µs. */
        double appendCpu() {
            return Stats.percentile(appendCpuMicrosPerEvent, 50);
        }

        double readCpu() {
            return Stats.percentile(readCpuMicrosPerEvent, 50);
        }

        double loadCpu() {
            return Stats.percentile(loadCpuMillisPerLoad, 50);
        }
    }

    private final Options options;
    private final Serializer serializer = EventSerialization.serializer();
    private final List<Result> results = new ArrayList<>();
    private final Instant started = Instant.now();
    private String uri;

    private EventStoreBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new EventStoreBenchmark(options).run();
    }

    private void run() throws Exception {
        log("sizes " + options.sizes + ", contenders " + options.contenders + ", max heap "
                    + Report.gib(Runtime.getRuntime().maxMemory()) + ", report -> " + options.out);
        try (EmbeddedMongoStore store = EmbeddedMongoStore.startInMemory()) {
            uri = store.uri();
            log("embedded server (" + store.description() + ") at " + uri);
            if (options.warmup > 0) {
                log("warm-up round (not reported) at " + Stats.count(options.warmup) + " events");
                for (Kind kind : options.contenders) {
                    runOne(options.warmup, kind, "warmup_");
                }
            }
            for (long size : options.sizes) {
                for (Kind kind : options.contenders) {
                    Result result = runOne(size, kind, "");
                    results.add(result);
                    log(Report.row(result) + " | other processes' CPU " + Report.percent(result.otherProcessesShare));
                    writeReport(false);
                }
            }
        }
        writeReport(true);
        System.out.println();
        System.out.println(Report.table(results));
        System.out.println(Report.targets(results, options.sizes));
        System.out.println("Report written to " + options.out);
    }

    private void writeReport(boolean complete) throws IOException {
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, Report.markdown(results, options, started, complete));
    }

    // ------------------------------------------------------------------------------------------------------ one run

    private Result runOne(long size, Kind kind, String prefix) {
        Result result = new Result(size, kind);
        result.warmup = !prefix.isEmpty();
        String database = "bench_" + prefix + kind.id.replace('-', '_') + "_" + size;
        log("=== " + kind.id + " at " + Stats.count(size) + " events (database " + database + ")");
        Contender contender = null;
        try {
            contender = switch (kind) {
                case OURS -> EngineContender.commitEngine(uri, database, serializer);
                case AXON -> EngineContender.axonMongo(uri, database, serializer);
                case RAW -> new RawDriverContender(uri, database);
            };
            Contender measured = contender;
            result.name = measured.name();
            List<Workload.AggregatePlan> plans = Workload.plan(size, options.seed + size);
            fill(measured, plans, result);
            if (result.filled == size) {
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                log("  heap in use after fill: " + Report.gib(runtime.totalMemory() - runtime.freeMemory()));
                MachineLoad before = MachineLoad.now();
                phase(result, "read", () -> read(measured, result));
                phase(result, "load", () -> loads(measured, plans, result));
                phase(result, "append", () -> append(measured, result));
                result.otherProcessesShare = before.otherProcessesShare(MachineLoad.now());
            } else {
                result.errors.add("fill stopped at " + result.filled + " of " + size + " events; nothing measured");
            }
        } catch (Exception e) {
            result.errors.add("setup: " + describe(e));
            log("setup failed: " + describe(e));
        } finally {
            if (result.name == null) {
                result.name = kind.id;
            }
            if (contender != null) {
                contender.close();
            }
            drop(database);
        }
        return result;
    }

    private void phase(Result result, String name, Runnable phase) {
        try {
            phase.run();
        } catch (RuntimeException e) {
            result.errors.add(name + ": " + describe(e));
            log(name + " failed: " + describe(e));
        }
    }

    private void drop(String database) {
        try (MongoClient client = MongoClients.create(uri)) {
            client.getDatabase(database).drop();
        } catch (RuntimeException e) {
            log("could not drop " + database + ": " + describe(e));
        }
        System.gc();
    }

    // ------------------------------------------------------------------------------------------------------- fill

    private void fill(Contender contender, List<Workload.AggregatePlan> plans, Result result) throws Exception {
        long size = result.size;
        long[] offsets = new long[plans.size()];
        long offset = 0;
        for (int i = 0; i < plans.size(); i++) {
            offsets[i] = offset;
            offset += plans.get(i).events();
        }
        // Recorded over the past at one event per 10 ms, as a store that grew over time: the timestamps only matter
        // to axon-mongo's engine, whose tracking reads look back over a time window.
        Instant historyStart = Instant.now().minus(Duration.ofHours(1))
                                      .minusMillis(size * FILL_TIMESTAMP_STEP_MILLIS);
        AtomicInteger nextPlan = new AtomicInteger();
        AtomicLong filled = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.fillThreads);
        long start = System.nanoTime();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < options.fillThreads; t++) {
                tasks.add(pool.submit(() -> {
                    int index;
                    while (failure.get() == null && (index = nextPlan.getAndIncrement()) < plans.size()) {
                        Workload.AggregatePlan plan = plans.get(index);
                        Random random = new Random(options.seed * 1_000_003L + index);
                        long sequence = 0;
                        while (sequence < plan.events()) {
                            int count = (int) Math.min(1 + random.nextInt(Workload.MAX_FILL_COMMIT),
                                                       plan.events() - sequence);
                            Instant timestamp = historyStart.plusMillis(
                                    (offsets[index] + sequence) * FILL_TIMESTAMP_STEP_MILLIS);
                            try {
                                contender.append(Workload.commit(plan.aggregateId(), sequence, count, random,
                                                                 timestamp, FILL_TIMESTAMP_STEP_MILLIS));
                            } catch (RuntimeException e) {
                                failure.compareAndSet(null, e);
                                return;
                            }
                            sequence += count;
                            filled.addAndGet(count);
                        }
                    }
                }));
            }
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            for (Future<?> task : tasks) {
                while (true) {
                    try {
                        task.get(1, TimeUnit.SECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        if (System.nanoTime() > nextReport) {
                            double seconds = (System.nanoTime() - start) / 1e9;
                            log(String.format(Locale.ROOT, "  fill %,d / %,d events, %.0f s, %s events/s",
                                              filled.get(), size, seconds, Stats.rate(filled.get() / seconds)));
                            nextReport += TimeUnit.SECONDS.toNanos(15);
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        result.fillSeconds = (System.nanoTime() - start) / 1e9;
        result.filled = filled.get();
        if (failure.get() != null) {
            result.errors.add("fill: " + describe(failure.get()));
            log("fill failed: " + describe(failure.get()));
        }
        log(String.format(Locale.ROOT, "  filled %,d events in %.1f s (%s events/s)", result.filled,
                          result.fillSeconds, Stats.rate(result.fillRate())));
    }

    // ------------------------------------------------------------------------------------------------------- read

    private void read(Contender contender, Result result) {
        result.readExpected = result.filled;
        long phaseStart = System.nanoTime();
        long deadline = phaseStart + TimeUnit.SECONDS.toNanos(options.capSeconds(result.kind));
        long repeatUntil = phaseStart + TimeUnit.SECONDS.toNanos(READ_REPEAT_BUDGET_SECONDS);
        // Whole reads, one after the other, until a minute has passed (at most ten); the best one is reported
        // (other processes on the machine only ever slow a round down).
        long lastRoundNanos = 0;
        for (int round = 1; round <= READ_ROUNDS; round++) {
            if (round > 1 && System.nanoTime() + lastRoundNanos > deadline) {
                break; // another round would run into the time cap
            }
            long start = System.nanoTime();
            long cpuBefore = MachineLoad.processCpuNanos();
            long gcBefore = gcMillis();
            Contender.ReadOutcome outcome = contender.readAll(deadline);
            long gcSpent = gcMillis() - gcBefore;
            lastRoundNanos = System.nanoTime() - start;
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = outcome.events() / seconds;
            result.readRoundRates.add(rate);
            result.readRounds.add(Stats.rate(rate) + (gcSpent > 0 ? " (GC " + gcSpent + " ms)" : "")
                                          + (outcome.capped() ? " (capped)" : ""));
            if (!outcome.capped()) {
                result.completeReads++;
            }
            if (outcome.events() > 0) {
                result.readCpuMicrosPerEvent.add((MachineLoad.processCpuNanos() - cpuBefore) / 1e3 / outcome.events());
            }
            boolean wrong = !outcome.capped() && (outcome.events() != result.readExpected
                    || outcome.distinctEvents() != outcome.events() || outcome.outOfOrder() > 0);
            if (wrong) {
                result.readProblems++;
                result.errors.add(String.format(Locale.ROOT, "read round %d: %,d events, %,d distinct, %,d out of "
                        + "order, %,d stored", round, outcome.events(), outcome.distinctEvents(),
                        outcome.outOfOrder(), result.readExpected));
            }
            log(String.format(Locale.ROOT, "  read round %d: %,d events (%,d distinct) of %,d in %.1f s: %s "
                                      + "events/s%s", round, outcome.events(), outcome.distinctEvents(),
                              result.readExpected, seconds, Stats.rate(rate), outcome.capped() ? " (capped)" : ""));
            // A round cut short by the cap only counts when it is the only one.
            if (result.read == null || (!outcome.capped() && rate > result.readRate())) {
                result.read = outcome;
                result.readSeconds = seconds;
            }
            if (outcome.capped() || System.nanoTime() > repeatUntil) {
                break;
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------- append

    private void append(Contender contender, Result result) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.capSeconds(result.kind));
        // Five rounds on new aggregates each; the best is reported (other processes only ever slow one down).
        double lastRoundSeconds = 0;
        // The append path takes long to reach its compiled steady state (hundreds of thousands of appends), so
        // the warm-up keeps appending for a while rather than a fixed five rounds.
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupAppendSeconds);
        for (int round = 1; result.warmup ? System.nanoTime() < warmupEnd : round <= APPEND_ROUNDS; round++) {
            if (round > 1 && System.nanoTime() + (long) (lastRoundSeconds * 1e9) > deadline) {
                return; // another round would run into the time cap
            }
            AppendRound outcome = appendRound(contender, result, round, deadline);
            if (outcome == null) {
                return;
            }
            lastRoundSeconds = outcome.seconds;
            result.appendRoundRates.add(outcome.events / outcome.seconds);
            result.appendRounds.add(Stats.rate(outcome.events / outcome.seconds)
                                            + (outcome.gcMillis > 0 ? " (GC " + outcome.gcMillis + " ms)" : "")
                                            + (outcome.capped ? " (capped)" : ""));
            if (outcome.events > 0) {
                result.appendCpuMicrosPerEvent.add(outcome.cpuNanos / 1e3 / outcome.events);
            }
            log(String.format(Locale.ROOT, "  append round %d: %,d events in %,d commits with %d writers in %.2f s:"
                                      + " %s events/s, %s commits/s%s", round, outcome.events, outcome.commits,
                              WRITERS, outcome.seconds, Stats.rate(outcome.events / outcome.seconds),
                              Stats.rate(outcome.commits / outcome.seconds), outcome.capped ? " (capped)" : ""));
            // A round cut short by the cap only counts when it is the only one.
            if (result.appendedEvents == 0
                    || (!outcome.capped && outcome.events / outcome.seconds > result.appendRate())) {
                result.appendedEvents = outcome.events;
                result.appendedCommits = outcome.commits;
                result.appendSeconds = outcome.seconds;
                result.appendCapped = outcome.capped;
                result.appendLatencies = outcome.latencies;
            }
            if (outcome.capped) {
                return;
            }
        }
    }

    private record AppendRound(long events, long commits, double seconds, long cpuNanos, long gcMillis,
                               boolean capped, List<Double> latencies) {
    }

    /** Total time the JVM's collectors report so far (pauses, and for G1 the concurrent cycles it counts). */
    static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean collector
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private AppendRound appendRound(Contender contender, Result result, int round, long phaseDeadline) {
        // Prepared before the clock starts, so only storing is timed; the events carry the current time.
        List<List<List<DomainEventMessage<?>>>> work = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            // Distinct per size, round and writer, so no two writers ever create the same aggregate identifier.
            Random random = new Random(options.seed * 7_919L + result.size * 1_000_003L + round * 1_009L + w);
            List<List<DomainEventMessage<?>>> commits = new ArrayList<>();
            for (int a = 0; a < options.appendAggregatesPerWriter; a++) {
                String aggregateId = Workload.aggregateId(random);
                for (int c = 0; c < APPEND_COMMITS_PER_AGGREGATE; c++) {
                    commits.add(Workload.commit(aggregateId, (long) c * APPEND_EVENTS_PER_COMMIT,
                                                APPEND_EVENTS_PER_COMMIT, random, null, 0));
                }
            }
            work.add(commits);
        }
        CountDownLatch ready = new CountDownLatch(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong events = new AtomicLong();
        AtomicLong commits = new AtomicLong();
        AtomicBoolean capped = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<List<DomainEventMessage<?>>> mine = work.get(w);
            Thread writer = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (List<DomainEventMessage<?>> commit : mine) {
                    if (failure.get() != null) {
                        return;
                    }
                    if (System.nanoTime() > phaseDeadline) {
                        capped.set(true);
                        return;
                    }
                    long before = System.nanoTime();
                    try {
                        contender.append(commit);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    latencies.add((System.nanoTime() - before) / 1e6);
                    events.addAndGet(commit.size());
                    commits.incrementAndGet();
                }
            }, "writer-" + w);
            writers.add(writer);
            writer.start();
        }
        double seconds;
        long cpuNanos;
        long gcMillis;
        try {
            ready.await();
            long start = System.nanoTime();
            long cpuBefore = MachineLoad.processCpuNanos();
            long gcBefore = gcMillis();
            go.countDown();
            for (Thread writer : writers) {
                writer.join();
            }
            seconds = (System.nanoTime() - start) / 1e9;
            cpuNanos = MachineLoad.processCpuNanos() - cpuBefore;
            gcMillis = gcMillis() - gcBefore;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() != null) {
            result.errors.add("append round " + round + ": " + describe(failure.get()));
            log("  append round " + round + " failed: " + describe(failure.get()));
            return null;
        }
        return new AppendRound(events.get(), commits.get(), seconds, cpuNanos, gcMillis, capped.get(),
                               new ArrayList<>(latencies));
    }

    // ------------------------------------------------------------------------------------------------------ loads

    private void loads(Contender contender, List<Workload.AggregatePlan> plans, Result result) {
        List<Workload.AggregatePlan> candidates =
                plans.stream().filter(p -> p.events() >= Workload.MIN_EVENTS_PER_AGGREGATE).toList();
        Random random = new Random(options.seed + 7 * result.size);
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < LOAD_WARMUP && System.nanoTime() < warmupEnd; i++) {
            contender.load(candidates.get(random.nextInt(candidates.size())).aggregateId());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.capSeconds(result.kind));
        // Five rounds of random aggregates; the round with the lowest median is reported.
        long lastRoundNanos = 0;
        for (int round = 1; round <= LOAD_ROUNDS; round++) {
            if (round > 1 && System.nanoTime() + lastRoundNanos > deadline) {
                break; // another round would run into the time cap
            }
            long roundStart = System.nanoTime();
            List<Double> millis = new ArrayList<>();
            boolean capped = false;
            long cpuBefore = MachineLoad.processCpuNanos();
            for (int i = 0; i < options.loads; i++) {
                if (System.nanoTime() > deadline) {
                    capped = true;
                    break;
                }
                Workload.AggregatePlan plan = candidates.get(random.nextInt(candidates.size()));
                long before = System.nanoTime();
                int loaded = contender.load(plan.aggregateId());
                millis.add((System.nanoTime() - before) / 1e6);
                if (loaded != plan.events()) {
                    result.loadMismatches++;
                    if (result.loadMismatches <= 3) {
                        result.errors.add("load: aggregate " + plan.aggregateId() + " has " + plan.events()
                                                  + " events, " + loaded + " were loaded");
                    }
                }
            }
            lastRoundNanos = System.nanoTime() - roundStart;
            if (!millis.isEmpty()) {
                result.loadCpuMillisPerLoad.add((MachineLoad.processCpuNanos() - cpuBefore) / 1e6 / millis.size());
            }
            double median = Stats.percentile(millis, 50);
            result.loadRoundMedians.add(median);
            result.loadRounds.add(Stats.millis(median) + (capped ? " (capped, " + millis.size() + " loads)" : ""));
            log(String.format(Locale.ROOT, "  load round %d: %d loads, median %s ms, p95 %s ms%s", round,
                              millis.size(), Stats.millis(median), Stats.millis(Stats.percentile(millis, 95)),
                              capped ? " (capped)" : ""));
            boolean first = result.loadMillis.isEmpty();
            if (first || (!capped && (result.loadCapped || median < result.loadMedian()))) {
                result.loadMillis = millis;
                result.loadCapped = capped;
            }
            if (capped) {
                break;
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    static long parseCount(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long factor = 1;
        if (value.endsWith("k")) {
            factor = 1_000;
            value = value.substring(0, value.length() - 1);
        } else if (value.endsWith("m")) {
            factor = 1_000_000;
            value = value.substring(0, value.length() - 1);
        }
        long count = Long.parseLong(value) * factor;
        if (count < 1_000) {
            throw new IllegalArgumentException("a size must be at least 1000 events: " + text);
        }
        return count;
    }

    /** The repository root: the nearest directory up from the working directory holding benchmarks/pom.xml. */
    static Path projectRoot() {
        Path directory = Paths.get("").toAbsolutePath();
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("benchmarks/pom.xml"))) {
                return candidate;
            }
        }
        return directory;
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + message;
    }

    static void log(String message) {
        System.out.printf("%tT %s%n", System.currentTimeMillis(), message);
        System.out.flush();
    }
}
