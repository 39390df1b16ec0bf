package org.consultationtracker.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded store and the query side as child processes, started from the built jars exactly as {@code ./run}
 * starts them (same launcher, same environment variables), so that each one's CPU time is its own. Everything is on
 * 127.0.0.1, on free ports, over a fresh temporary data directory that is deleted at the end. Closing stops the
 * query side first and the store last, as {@code ./run} does; a process that does not stop is killed with its
 * descendants. A shutdown hook does the same on Ctrl-C.
 */
final class ServiceProcesses implements AutoCloseable {

    static final String COMMAND_JAR = "command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar";
    static final String QUERY_JAR = "query-side/target/query-side-0.1.0-SNAPSHOT-exec.jar";
    static final String STORE_MAIN = "org.consultationtracker.eventstore.embedded.EmbeddedStoreMain";
    static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    /** One started child: its process, port and log file. */
    record Child(String name, Process process, int port, Path log, List<String> command) {

        long pid() {
            return process.pid();
        }

        /** CPU time (user + system, all threads) the process has used so far, -1 when unknown. */
        long cpuNanos() {
            return cpuNanos(process.toHandle());
        }

        static long cpuNanos(ProcessHandle handle) {
            return handle.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }

        /**
         * CPU time so far of each of the process's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"), by
         * thread id, from /proc/&lt;pid&gt;/task; empty where that is unavailable.
         */
        Map<Long, Long> compilerThreadNanos() {
            Map<Long, Long> compilers = new java.util.HashMap<>();
            try (Stream<Path> tasks = Files.list(Paths.get("/proc", Long.toString(pid()), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String name = Files.readString(task.resolve("comm")).trim();
                        if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                            continue;
                        }
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                        compilers.put(Long.parseLong(task.getFileName().toString()), ticks * NANOS_PER_TICK);
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Map.of();
            }
            return compilers;
        }

        /**
         * JIT compiler CPU between two {@link #compilerThreadNanos()} samples. A compiler thread started in between
         * counts whole; one that ended in between (the JVM retires idle compiler threads) counts nothing after the
         * first sample, so its last stretch stays in the process's other CPU.
         */
        static long compilerNanosBetween(Map<Long, Long> before, Map<Long, Long> after) {
            long nanos = 0;
            for (Map.Entry<Long, Long> thread : after.entrySet()) {
                nanos += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            }
            return nanos;
        }
    }

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private final Path root;
    private final Path dataDirectory;
    private final String masterKey;
    private volatile boolean keepData;
    private final Thread shutdownHook;
    private Child store;
    /** A store this process hosts (in memory), used instead of a store child when set. */
    private int hostedStorePort;
    private Child command;
    private Child query;
    private boolean closed;

    private ServiceProcesses(Path root, Path dataDirectory, boolean keepData) {
        this.root = root;
        this.dataDirectory = dataDirectory;
        this.keepData = keepData;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.masterKey = Base64.getEncoder().encodeToString(key);
        this.shutdownHook = new Thread(this::closeQuietly, "auth-benchmark-stop-services");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Checks that the jars are built and makes the temporary data directory. */
    static ServiceProcesses prepare(Path root, boolean keepData) throws IOException {
        return prepare(root, keepData, "auth-benchmark-");
    }

    /** The same, with the temporary directory's name starting with {@code prefix}. */
    static ServiceProcesses prepare(Path root, boolean keepData, String prefix) throws IOException {
        return prepare(root, keepData, prefix, List.of(COMMAND_JAR, QUERY_JAR));
    }

    /** The same, checking only the jars that will be started. */
    static ServiceProcesses prepare(Path root, boolean keepData, String prefix, List<String> jars) throws IOException {
        for (String jar : jars) {
            if (!Files.isRegularFile(root.resolve(jar))) {
                throw new IllegalStateException(root.resolve(jar) + " is missing: build the services first ("
                                                        + "./mvnw -q -DskipTests package in " + root + ")");
            }
        }
        return new ServiceProcesses(root, Files.createTempDirectory(prefix), keepData);
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** Keeps the data directory (and the children's logs in it) after closing, e.g. after a failure. */
    void keepData() {
        keepData = true;
    }

    Child store() {
        return store;
    }

    /** The master key both services are given (base64), for data written beside them, such as participant keys. */
    String masterKey() {
        return masterKey;
    }

    /** A command side on a free port against the store, once its health endpoint answers. */
    Child startCommandSide(List<String> extraArguments) throws IOException, InterruptedException {
        return startCommandSide(COMMAND_JAR, extraArguments, Duration.ofSeconds(600));
    }

    /** The same from another build of the command side, waiting at most {@code upWithin} for its health. */
    Child startCommandSide(String jar, List<String> extraArguments, Duration upWithin)
            throws IOException, InterruptedException {
        if (command != null) {
            throw new IllegalStateException("a command side is already running");
        }
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of(java(), "-jar", jar, "--server.port=" + port,
                                                         "--server.address=127.0.0.1"));
        arguments.addAll(extraArguments);
        command = start("command-side", arguments, port);
        awaitHealth(command, upWithin);
        return command;
    }

    /** The services use a store this process hosts on {@code port} instead of a store child. */
    void useHostedStore(int port) {
        hostedStorePort = port;
    }

    /** The store process, as {@code ./run} starts it, once it listens. */
    Child startStore() throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = List.of(java(), "-Dloader.main=" + STORE_MAIN, "-cp", COMMAND_JAR, LAUNCHER);
        store = start("store", command, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!listening(port)) {
            failIfGone(store, deadline);
            Thread.sleep(200);
        }
        return store;
    }

    /** A query side on a free port against the store, with extra arguments, once its health endpoint answers. */
    Child startQuerySide(List<String> extraArguments) throws IOException, InterruptedException {
        if (query != null) {
            throw new IllegalStateException("a query side is already running");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java(), "-jar", QUERY_JAR, "--server.port=" + port,
                                                       "--server.address=127.0.0.1"));
        command.addAll(extraArguments);
        query = start("query-side", command, port);
        awaitHealth(query);
        return query;
    }

    private static void awaitHealth(Child child) throws InterruptedException {
        awaitHealth(child, Duration.ofSeconds(600));
    }

    private static void awaitHealth(Child child, Duration upWithin) throws InterruptedException {
        int port = child.port();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                      .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                        .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + upWithin.toNanos();
        while (true) {
            failIfGone(child, deadline);
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
    }

    /** Stops the query side (SIGTERM, then kill after 30 s). */
    void stopQuerySide() {
        if (query != null) {
            stop(query);
            query = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or ran
        }
    }

    private synchronized void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuerySide();
        if (command != null) {
            stop(command);
            command = null;
        }
        if (store != null) {
            stop(store);
        }
        if (!keepData) {
            deleteRecursively(dataDirectory);
        }
    }

    /** The last lines of a child's log, for an error message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private Child start(String name, List<String> command, int port) throws IOException {
        Path logs = dataDirectory.resolve("logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                                                            .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("MONGODB_URI"); // the embedded store, as ./run
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        environment.put("CONSULTATION_DATA_DIR", dataDirectory.toString());
        environment.put("CONSULTATION_STORE_PORT", Integer.toString(
                store != null ? store.port() : hostedStorePort != 0 ? hostedStorePort : port));
        // A fresh key for this run's throwaway data, for a build whose key vault needs one (ignored otherwise).
        environment.put("CONSULTATION_MASTER_KEY", masterKey);
        return new Child(name, builder.start(), port, log, command);
    }

    private static void failIfGone(Child child, long deadline) {
        if (!child.process().isAlive()) {
            throw new IllegalStateException(child.name() + " exited with status " + child.process().exitValue()
                                                    + "; the end of its log (" + child.log() + "):\n"
                                                    + tail(child.log(), 40));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(child.name() + " did not come up in time; the end of its log ("
                                                    + child.log() + "):\n" + tail(child.log(), 40));
        }
    }

    private static void stop(Child child) {
        Process process = child.process();
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println(child.name() + " did not stop in 30 s: killing it");
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
