package org.consultationtracker.benchmarks;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an authenticated request costs the server (not a test). It starts the embedded store and the query side as
 * child processes from the built jars, as {@code ./run} does, signs in once (an access token and a session cookie),
 * and then measures the query side process's CPU time per request, latency and requests/s for a static file and the
 * health endpoint without credentials (the floors), {@code GET /api/me} with the token and with the cookie, and
 * {@code GET /api/agendas} with the token, with 1, 16 and 64 concurrent clients, alternating them over several
 * rounds. Beside that, the CPU time of one BCrypt cost-10 check in this JVM: what every request cost under HTTP
 * Basic. Then, optionally, the same with a query side that reads the session from the store on every request.
 * It prints a table and writes docs/benchmarks/authentication.md. See docs/benchmarks/README.md for the command.
 */
public final class AuthenticationBenchmark {

    static final int BCRYPT_COST = 10;
    static final int BCRYPT_WARMUP = 10;
    static final long IDLE_SETTLE_MILLIS = 500;
    /** The old target of the issue: an authenticated GET costs well under this much CPU beyond its handler. */
    static final double TARGET_MS = 2.0;

    /** What is requested, and with which credentials. */
    enum Scenario {
        STATIC("floor A", "GET /css/app.css", "none", "/css/app.css", Credentials.NONE),
        HEALTH("floor B", "GET /actuator/health", "none", "/actuator/health", Credentials.NONE),
        ME_BEARER("/api/me, bearer", "GET /api/me", "access token (Bearer)", "/api/me", Credentials.BEARER),
        ME_COOKIE("/api/me, cookie", "GET /api/me", "session cookie", "/api/me", Credentials.COOKIE),
        AGENDAS_BEARER("/api/agendas, bearer", "GET /api/agendas", "access token (Bearer)", "/api/agendas",
                       Credentials.BEARER);

        final String label;
        final String request;
        final String credentialsText;
        final String path;
        final Credentials credentials;

        Scenario(String label, String request, String credentialsText, String path, Credentials credentials) {
            this.label = label;
            this.request = request;
            this.credentialsText = credentialsText;
            this.path = path;
            this.credentials = credentials;
        }
    }

    enum Credentials { NONE, BEARER, COOKIE }

    /** A query side configuration under measurement. */
    enum Phase {
        REMEMBERED("session remembered", "the default: each instance reads a session from the store at most every "
                + "`consultation.access.session-check` (10 s)", List.of(),
                   List.of(Scenario.STATIC, Scenario.HEALTH, Scenario.ME_BEARER, Scenario.ME_COOKIE,
                           Scenario.AGENDAS_BEARER)),
        STORE_EVERY_REQUEST("session read on every request", "a second query side started with "
                + "`--consultation.access.session-check=0s`: the session is read from the store on every request",
                            List.of("--consultation.access.session-check=0s"),
                            List.of(Scenario.STATIC, Scenario.ME_BEARER));

        final String label;
        final String description;
        final List<String> arguments;
        final List<Scenario> scenarios;

        Phase(String label, String description, List<String> arguments, List<Scenario> scenarios) {
            this.label = label;
            this.description = description;
            this.arguments = arguments;
            this.scenarios = scenarios;
        }
    }

    static final class Options {
        int rounds = 5;
        double seconds = 3;
        List<Integer> clients = List.of(1, 16, 64);
        double warmupSeconds = 30;
        int bcryptSamples = 50;
        boolean storeEveryRequest = true;
        String user = "reviewer";
        boolean keepData;
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
                    case "--rounds" -> options.rounds = Integer.parseInt(require(arg, value));
                    case "--seconds" -> options.seconds = Double.parseDouble(require(arg, value));
                    case "--clients" -> options.clients = Arrays.stream(require(arg, value).split(","))
                                                                .map(String::trim).map(Integer::parseInt).toList();
                    case "--warmup-seconds" -> options.warmupSeconds = Double.parseDouble(require(arg, value));
                    case "--bcrypt-samples" -> options.bcryptSamples = Integer.parseInt(require(arg, value));
                    case "--user" -> options.user = require(arg, value);
                    case "--out" -> options.out = Paths.get(require(arg, value));
                    case "--note" -> options.note = require(arg, value);
                    case "--skip-store-every-request" -> {
                        options.storeEveryRequest = false;
                        i--;
                    }
                    case "--keep-data" -> {
                        options.keepData = true;
                        i--;
                    }
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
                }
                i++;
            }
            if (options.rounds < 1 || options.seconds <= 0 || options.clients.isEmpty()
                    || options.bcryptSamples < 1) {
                throw new IllegalArgumentException("rounds, seconds, clients and bcrypt samples must be positive\n"
                                                           + USAGE);
            }
            if (options.out == null) {
                options.out = EventStoreBenchmark.projectRoot().resolve("docs/benchmarks/authentication.md");
            }
            return options;
        }

        List<Phase> phases() {
            return storeEveryRequest ? List.of(Phase.REMEMBERED, Phase.STORE_EVERY_REQUEST)
                    : List.of(Phase.REMEMBERED);
        }

        private static String require(String arg, String value) {
            if (value == null) {
                throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
            }
            return value;
        }
    }

    static final String USAGE = """
            AuthenticationBenchmark [options]
              --rounds 5                    measured rounds; every round measures every request kind at every
                                            client count once, in an order that rotates from round to round
              --seconds 3                   length of one measurement
              --clients 1,16,64             concurrent clients (one keep-alive HTTP/1.1 connection each)
              --warmup-seconds 30           unreported warm-up per query side, spread over the request kinds
              --bcrypt-samples 50           timed BCrypt cost-10 checks (median reported)
              --skip-store-every-request    leave out the query side that reads the session on every request
              --user reviewer               development account to sign in with (password <user>-dev)
              --keep-data                   keep the temporary data directory and the services' logs
              --out PATH                    report file (default docs/benchmarks/authentication.md)
              --note TEXT                   a note printed verbatim in the report""";

    /** One measurement: one request kind, one client count, one round. */
    static final class Measurement {
        final Phase phase;
        final Scenario scenario;
        final int clients;
        final int round;
        long requests;
        long errors;
        String firstError;
        long wallNanos;
        long queryCpuNanos;
        /** Of {@link #queryCpuNanos}, what the query side's JIT compiler threads used. */
        long queryCompilerNanos;
        long storeCpuNanos;
        double otherShare = Double.NaN;
        double p50Millis = Double.NaN;
        double p99Millis = Double.NaN;

        Measurement(Phase phase, Scenario scenario, int clients, int round) {
            this.phase = phase;
            this.scenario = scenario;
            this.clients = clients;
            this.round = round;
        }

        double seconds() {
            return wallNanos / 1e9;
        }

        double rate() {
            return requests / seconds();
        }

        /** Query side CPU per request in ms, less what the process burns when idle over the same wall time. */
        double queryMillisPerRequest(Idle idle) {
            return perRequest(queryCpuNanos, idle.queryMillisPerSecond());
        }

        /** The same without the JIT compiler threads: the steady-state cost, while the JIT is still at work. */
        double queryMillisPerRequestWithoutJit(Idle idle) {
            return perRequest(queryCpuNanos < 0 ? -1 : queryCpuNanos - queryCompilerNanos,
                              idle.queryWithoutJitMillisPerSecond());
        }

        double storeMillisPerRequest(Idle idle) {
            return perRequest(storeCpuNanos, idle.storeMillisPerSecond());
        }

        private double perRequest(long cpuNanos, double idleMillisPerSecond) {
            if (requests == 0 || cpuNanos < 0) {
                return Double.NaN;
            }
            double idle = Double.isNaN(idleMillisPerSecond) ? 0 : idleMillisPerSecond * seconds();
            return (cpuNanos / 1e6 - idle) / requests;
        }
    }

    /** CPU the children use with no request in flight (event processors polling the store, heartbeats). */
    static final class Idle {
        final List<Double> queryRates = new ArrayList<>();
        final List<Double> queryWithoutJitRates = new ArrayList<>();
        final List<Double> storeRates = new ArrayList<>();

        double queryMillisPerSecond() {
            return Stats.percentile(queryRates, 50);
        }

        double queryWithoutJitMillisPerSecond() {
            return Stats.percentile(queryWithoutJitRates, 50);
        }

        double storeMillisPerSecond() {
            return Stats.percentile(storeRates, 50);
        }
    }

    /** BCrypt cost-10 {@code matches} in this JVM: CPU and wall time per check. */
    record Bcrypt(int samples, double cpuMedianMillis, double wallMedianMillis, double cpuP90Millis) {
    }

    /** Everything a run measured, for the report. */
    static final class Run {
        final Options options;
        final Instant started = Instant.now();
        final String loadAtStart = loadAverage();
        String loadAtEnd;
        Bcrypt bcrypt;
        final List<Measurement> measurements = new ArrayList<>();
        final java.util.Map<Phase, Idle> idle = new java.util.EnumMap<>(Phase.class);
        final java.util.Map<Phase, List<String>> commands = new java.util.EnumMap<>(Phase.class);
        List<String> storeCommand;
        final List<Phase> completed = new ArrayList<>();

        Run(Options options) {
            this.options = options;
        }

        Idle idle(Phase phase) {
            return idle.computeIfAbsent(phase, p -> new Idle());
        }
    }

    private AuthenticationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path root = EventStoreBenchmark.projectRoot();
        Run run = new Run(options);
        System.out.printf(Locale.ROOT, "Authentication benchmark: %d rounds of %.1f s per measurement, clients %s; "
                                  + "machine load average at start: %s%n", options.rounds, options.seconds,
                          options.clients, run.loadAtStart);

        run.bcrypt = bcrypt(options.bcryptSamples);
        System.out.printf(Locale.ROOT, "BCrypt cost %d matches, in this JVM: median %.1f ms CPU (p90 %.1f), %.1f ms "
                                  + "wall, over %d checks%n", BCRYPT_COST, run.bcrypt.cpuMedianMillis(),
                          run.bcrypt.cpuP90Millis(), run.bcrypt.wallMedianMillis(), run.bcrypt.samples());

        ServiceProcesses services = ServiceProcesses.prepare(root, options.keepData);
        try {
            ServiceProcesses.Child store = services.startStore();
            run.storeCommand = store.command();
            System.out.println("store: pid " + store.pid() + ", port " + store.port() + ", data "
                                       + services.dataDirectory());
            SignedIn signedIn = null;
            for (Phase phase : options.phases()) {
                ServiceProcesses.Child query = services.startQuerySide(phase.arguments);
                run.commands.put(phase, query.command());
                System.out.println("query side (" + phase.label + "): pid " + query.pid() + ", port " + query.port());
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(10)).build();
                String base = "http://127.0.0.1:" + query.port();
                if (signedIn == null) {
                    signedIn = signIn(client, base, options.user);
                    System.out.println("signed in once as " + options.user + ": access token and session cookie");
                }
                Target target = new Target(base, signedIn);
                for (Scenario scenario : phase.scenarios) {
                    check(client, target, scenario);
                }
                warmUp(client, target, phase, options);
                measurePhase(run, phase, client, target, query, store);
                run.completed.add(phase);
                services.stopQuerySide();
                AuthenticationReport.write(run, false);
            }
        } catch (Exception | Error e) {
            services.keepData();
            System.err.println("The benchmark stopped: " + e.getMessage());
            System.err.println("Logs kept in " + services.dataDirectory().resolve("logs"));
            services.close();
            if (!run.completed.isEmpty()) {
                run.loadAtEnd = loadAverage();
                AuthenticationReport.write(run, false);
            }
            throw e;
        }
        services.close();
        run.loadAtEnd = loadAverage();
        System.out.println();
        System.out.println(AuthenticationReport.resultsTable(run));
        System.out.println(AuthenticationReport.beyondTable(run));
        System.out.println(AuthenticationReport.reading(run));
        AuthenticationReport.write(run, true);
        System.out.println("\nWritten to " + options.out);
    }

    // ------------------------------------------------------------------------------------------------ measuring

    private static void measurePhase(Run run, Phase phase, HttpClient client, Target target,
                                     ServiceProcesses.Child query, ServiceProcesses.Child store)
            throws InterruptedException {
        Options options = run.options;
        List<Scenario> scenarios = phase.scenarios;
        for (int round = 1; round <= options.rounds; round++) {
            for (int clients : options.clients) {
                // The idle CPU is subtracted from every measurement: sample it next to them, once per group.
                measureIdle(run.idle(phase), options.seconds, query, store);
                for (int k = 0; k < scenarios.size(); k++) {
                    // Rotate the order from round to round: no request kind always runs first or last.
                    Scenario scenario = scenarios.get((k + round - 1) % scenarios.size());
                    Measurement m = measure(client, target, phase, scenario, clients, round, options.seconds,
                                            query, store);
                    run.measurements.add(m);
                    System.out.printf(Locale.ROOT, "%s | round %d | %2d clients | %-20s | %7.3f ms CPU/request "
                                              + "(without JIT %.3f, store %.3f) | p50 %6.2f ms p99 %7.2f ms | %,8.0f req/s | "
                                              + "others %s%s%n", phase.label, round, clients, scenario.label,
                                      m.queryMillisPerRequest(run.idle(phase)),
                                      m.queryMillisPerRequestWithoutJit(run.idle(phase)),
                                      m.storeMillisPerRequest(run.idle(phase)), m.p50Millis, m.p99Millis,
                                      m.rate(), Report.percent(m.otherShare),
                                      m.errors == 0 ? "" : " | " + m.errors + " errors: " + m.firstError);
                }
            }
        }
    }

    /** CPU the children use over one measurement's length with no requests. */
    private static void measureIdle(Idle idle, double seconds, ServiceProcesses.Child query,
                                    ServiceProcesses.Child store) throws InterruptedException {
        Thread.sleep(IDLE_SETTLE_MILLIS); // let the last measurement's requests, GC and compilations finish
        java.util.Map<Long, Long> jit0 = query.compilerThreadNanos();
        long q0 = query.cpuNanos();
        long s0 = store.cpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(Math.round(seconds * 1000));
        double wall = (System.nanoTime() - t0) / 1e9;
        long q1 = query.cpuNanos();
        long s1 = store.cpuNanos();
        java.util.Map<Long, Long> jit1 = query.compilerThreadNanos();
        if (q0 >= 0 && q1 >= 0) {
            idle.queryRates.add((q1 - q0) / 1e6 / wall);
            idle.queryWithoutJitRates.add((q1 - q0 - ServiceProcesses.Child.compilerNanosBetween(jit0, jit1))
                                                  / 1e6 / wall);
        }
        if (s0 >= 0 && s1 >= 0) {
            idle.storeRates.add((s1 - s0) / 1e6 / wall);
        }
    }

    private static void warmUp(HttpClient client, Target target, Phase phase, Options options)
            throws InterruptedException {
        if (options.warmupSeconds <= 0) {
            return;
        }
        double each = options.warmupSeconds / phase.scenarios.size();
        int clients = options.clients.stream().mapToInt(Integer::intValue).max().orElse(16);
        System.out.printf(Locale.ROOT, "warming up the query side (%s): %.0f s, %d clients%n", phase.label,
                          options.warmupSeconds, clients);
        long requests = 0;
        for (Scenario scenario : phase.scenarios) {
            Measurement warmup = new Measurement(phase, scenario, clients, 0);
            load(client, target.request(scenario), clients, each, warmup);
            requests += warmup.requests;
        }
        System.out.printf(Locale.ROOT, "warm-up done: %,d requests%n", requests);
    }

    private static Measurement measure(HttpClient client, Target target, Phase phase, Scenario scenario, int clients,
                                       int round, double seconds, ServiceProcesses.Child query,
                                       ServiceProcesses.Child store) throws InterruptedException {
        Measurement m = new Measurement(phase, scenario, clients, round);
        HttpRequest request = target.request(scenario);
        java.util.Map<Long, Long> jit0 = query.compilerThreadNanos();
        long q0 = query.cpuNanos();
        long s0 = store.cpuNanos();
        long own0 = MachineLoad.processCpuNanos();
        long machine0 = MachineLoad.machineBusyNanos();
        long t0 = System.nanoTime();
        long[] latencies = load(client, request, clients, seconds, m);
        m.wallNanos = System.nanoTime() - t0;
        long q1 = query.cpuNanos();
        long s1 = store.cpuNanos();
        long own1 = MachineLoad.processCpuNanos();
        long machine1 = MachineLoad.machineBusyNanos();
        java.util.Map<Long, Long> jit1 = query.compilerThreadNanos();
        m.queryCpuNanos = q0 < 0 || q1 < 0 ? -1 : q1 - q0;
        m.queryCompilerNanos = ServiceProcesses.Child.compilerNanosBetween(jit0, jit1);
        m.storeCpuNanos = s0 < 0 || s1 < 0 ? -1 : s1 - s0;
        if (machine0 >= 0 && machine1 >= 0 && own0 >= 0 && own1 >= 0 && m.queryCpuNanos >= 0
                && m.storeCpuNanos >= 0) {
            double others = (machine1 - machine0) - (own1 - own0) - m.queryCpuNanos - m.storeCpuNanos;
            double all = m.wallNanos * (double) Runtime.getRuntime().availableProcessors();
            m.otherShare = Math.max(0, Math.min(1, others / all));
        }
        Arrays.sort(latencies);
        if (latencies.length > 0) {
            m.p50Millis = percentile(latencies, 50) / 1e6;
            m.p99Millis = percentile(latencies, 99) / 1e6;
        }
        return m;
    }

    /**
     * {@code clients} threads, each sending the request over and over on the shared client (one keep-alive
     * connection per thread) until the time is up; every request is counted, the last ones included.
     *
     * @return the latency of every request, in ns
     */
    private static long[] load(HttpClient client, HttpRequest request, int clients, double seconds, Measurement m)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long[] errors = new long[clients];
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int index = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long end = deadline[0];
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    String error = null;
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            error = "HTTP " + response.statusCode() + " for " + request.uri().getPath();
                        }
                    } catch (IOException e) {
                        error = e.toString();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    long took = System.nanoTime() - start;
                    if (error != null) {
                        errors[index]++;
                        firstError.compareAndSet(null, error);
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = took;
                }
                latencies[index] = mine;
                counts[index] = n;
            }, "auth-benchmark-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        deadline[0] = System.nanoTime() + Math.round(seconds * 1e9);
        go.countDown(); // the latch publishes the deadline to the client threads
        for (Thread thread : threads) {
            thread.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            if (latencies[c] != null) {
                System.arraycopy(latencies[c], 0, all, at, counts[c]);
                at += counts[c];
            }
            m.errors += errors[c];
        }
        m.requests = total;
        m.firstError = firstError.get();
        return all;
    }

    private static double percentile(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    // ------------------------------------------------------------------------------------------ signing in, BCrypt

    record SignedIn(String accessToken, String sessionCookie) {
    }

    /** Builds the request of each scenario against one query side. */
    record Target(String base, SignedIn signedIn) {

        HttpRequest request(Scenario scenario) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + scenario.path))
                                                     .timeout(Duration.ofSeconds(60)).GET();
            switch (scenario.credentials) {
                case BEARER -> builder.header("Authorization", "Bearer " + signedIn.accessToken());
                case COOKIE -> builder.header("Cookie", signedIn.sessionCookie());
                case NONE -> {
                }
            }
            return builder.build();
        }
    }

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    /** Signs in once for a token ({@code POST /api/tokens}) and once for a cookie ({@code POST /api/session}). */
    static SignedIn signIn(HttpClient client, String base, String user) throws IOException, InterruptedException {
        String body = "{\"username\":\"" + user + "\",\"password\":\"" + user + "-dev\"}";
        HttpResponse<String> token = client.send(post(base + "/api/tokens", body),
                                                  HttpResponse.BodyHandlers.ofString());
        Matcher matcher = ACCESS_TOKEN.matcher(token.body());
        if (token.statusCode() != 201 || !matcher.find()) {
            throw new IllegalStateException("POST /api/tokens answered " + token.statusCode() + ": " + token.body());
        }
        HttpResponse<String> session = client.send(post(base + "/api/session", body),
                                                   HttpResponse.BodyHandlers.ofString());
        String cookie = session.headers().allValues("Set-Cookie").stream()
                               .filter(c -> c.startsWith("ct_session="))
                               .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                               .findFirst().orElse(null);
        if (session.statusCode() != 201 || cookie == null) {
            throw new IllegalStateException("POST /api/session answered " + session.statusCode() + " without a "
                                                    + "ct_session cookie: " + session.body());
        }
        return new SignedIn(matcher.group(1), cookie);
    }

    private static HttpRequest post(String uri, String json) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60))
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    /** One request of the scenario must answer 200, or nothing below would mean what it says. */
    private static void check(HttpClient client, Target target, Scenario scenario)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(target.request(scenario), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(scenario.request + " with credentials: " + scenario.credentialsText
                                                    + " answered " + response.statusCode() + ": "
                                                    + response.body());
        }
    }

    /** CPU and wall time of BCrypt cost-10 {@code matches} on this thread, after a warm-up. */
    static Bcrypt bcrypt(int samples) {
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(BCRYPT_COST);
        String password = "reviewer-dev";
        String hash = encoder.encode(password);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < BCRYPT_WARMUP; i++) {
            encoder.matches(password, hash);
        }
        List<Double> cpu = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            if (!encoder.matches(password, hash)) {
                throw new IllegalStateException("BCrypt did not match its own hash");
            }
            wall.add((System.nanoTime() - w0) / 1e6);
            cpu.add((threads.getCurrentThreadCpuTime() - c0) / 1e6);
        }
        return new Bcrypt(samples, Stats.percentile(cpu, 50), Stats.percentile(wall, 50),
                          Stats.percentile(cpu, 90));
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2] + " (1 / 5 / 15 min)";
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
