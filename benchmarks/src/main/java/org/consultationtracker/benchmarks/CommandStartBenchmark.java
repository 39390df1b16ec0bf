package org.consultationtracker.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long the command side takes to start on a store that already holds a national consultation: the store is
 * filled with {@link NationalConsultation} through {@link StoreFill} (no command side running), then the command side
 * is started from its jar and timed from the process's start until its health endpoint answers 200. The command side
 * builds its lookup from the whole stream before it takes requests, so this is the time a service restored from its
 * events (or started beside a store filled by another instance) is unavailable.
 *
 * <p>After the start it prints the lookup's checkpoint beside the store's head and a digest of every lookup entry
 * (sorted by key, the checkpoint left out), so that two builds of the command side can be shown to build the same
 * lookup from the same events.
 *
 * <p>Options: {@code --sizes 10k,100k,1M}; {@code --store memory|file} (memory: mongo-java-server's in-memory backend
 * hosted in this JVM, which needs a heap of several GiB at 1M events, {@code MAVEN_OPTS=-Xmx8g}; file: the file-backed
 * store process {@code ./run} starts, which fills at about 1 ms of CPU per event); {@code --command-jar path} (another
 * build of the command side, such as one built from an earlier commit); {@code --up-within-seconds 1800};
 * {@code --seed}; {@code --commit-events 100}.
 */
public final class CommandStartBenchmark {

    private CommandStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);
        String storeKind = "memory";
        String jar = ServiceProcesses.COMMAND_JAR;
        Duration upWithin = Duration.ofMinutes(30);
        long seed = 20_261_130L;
        int commitEvents = 100;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--sizes" -> sizes = parseSizes(value);
                case "--store" -> storeKind = value;
                case "--command-jar" -> jar = value;
                case "--up-within-seconds" -> upWithin = Duration.ofSeconds(Long.parseLong(value));
                case "--seed" -> seed = Long.parseLong(value);
                case "--commit-events" -> commitEvents = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Path.of("").toAbsolutePath();
        if (root.endsWith("benchmarks")) {
            root = root.getParent(); // run through Maven from the module's directory
        }
        List<String> rows = new ArrayList<>();
        for (long size : sizes) {
            rows.add(measure(root, size, storeKind, jar, upWithin, seed, commitEvents));
        }
        System.out.println();
        System.out.println("| events stored | store | command side jar | started in | lookup checkpoint / head | lookup digest |");
        System.out.println("|---:|---|---|---:|---|---|");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static String measure(Path root, long size, String storeKind, String jar, Duration upWithin, long seed,
                                  int commitEvents) throws Exception {
        try (ServiceProcesses services = ServiceProcesses.prepare(root, false, "command-start-",
                List.of(jar))) {
            EmbeddedMongoStore hosted = null;
            int storePort;
            if (storeKind.equals("memory")) {
                hosted = EmbeddedMongoStore.startInMemory();
                storePort = hosted.port();
                services.useHostedStore(storePort);
            } else if (storeKind.equals("file")) {
                storePort = services.startStore().port();
            } else {
                throw new IllegalArgumentException("--store is memory or file, not " + storeKind);
            }
            try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
                MongoDatabase database = mongo.getDatabase(ScaleBenchmark.DATABASE);
                ScaleBenchmark.log("filling %,d events (%s store)", size, storeKind);
                StoreFill.Filled filled = StoreFill.fill(database, services.masterKey(), seed, size, commitEvents);
                ScaleBenchmark.log("filled %,d events in %.1f s; starting the command side from %s", filled.events(),
                        filled.seconds(), jar);
                long start = System.nanoTime();
                long storeCpuBefore = storeCpuNanos(services, hosted);
                String started;
                try {
                    ServiceProcesses.Child command = services.startCommandSide(jar, List.of(), upWithin);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    // CPU time is the machine's load-independent figure: wall time on a shared machine is not.
                    started = String.format(Locale.ROOT, "%.1f s (CPU: command side %.1f s, store %.1f s)", seconds,
                            command.cpuNanos() / 1e9, (storeCpuNanos(services, hosted) - storeCpuBefore) / 1e9);
                } catch (IllegalStateException e) {
                    ScaleBenchmark.log("the command side did not start: %s", e.getMessage());
                    started = String.format(Locale.ROOT, "not up after %.0f s", (System.nanoTime() - start) / 1e9);
                }
                ScaleBenchmark.log("%,d events: command side %s", filled.events(), started);
                // What the command side says about its start (a build that times its catch-up says how long it took).
                for (String line : java.nio.file.Files.readAllLines(services.dataDirectory()
                        .resolve("logs/command-side.log"))) {
                    if (line.contains("command-side lookup") || line.contains("Started CommandSideApplication")) {
                        ScaleBenchmark.log("  command side: %s", line);
                    }
                }
                return String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s |", filled.events(), storeKind,
                        jar, started, checkpointAndHead(database), digest(database));
            } finally {
                services.close(); // the command side before the store it writes to
                if (hosted != null) {
                    hosted.close();
                }
            }
        }
    }

    /** The store's CPU time so far: its process's, or (hosted here) this whole JVM's, which then does little else. */
    private static long storeCpuNanos(ServiceProcesses services, EmbeddedMongoStore hosted) {
        if (hosted == null) {
            return services.store().cpuNanos();
        }
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String checkpointAndHead(MongoDatabase database) {
        Document checkpoint = database.getCollection("command_lookup").find(new Document("_id", "checkpoint"))
                .first();
        Document counter = database.getCollection("sequences").find(new Document("_id", "global")).first();
        return (checkpoint == null ? "none" : String.valueOf(checkpoint.get("position"))) + " / "
                + (counter == null ? "none" : String.valueOf(counter.get("last")));
    }

    /** SHA-256 (first 16 hex digits) of every lookup entry in key order, the checkpoint left out. */
    private static String digest(MongoDatabase database) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        for (Document entry : database.getCollection("command_lookup").find().batchSize(1_000)) {
            Object id = entry.get("_id");
            if (!"checkpoint".equals(id)) {
                entries.put(String.valueOf(id), new Document(new TreeMap<>(entry)).toJson());
            }
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        entries.values().forEach(json -> sha.update(json.getBytes(StandardCharsets.UTF_8)));
        return entries.size() + " entries, " + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static List<Long> parseSizes(String value) {
        List<Long> sizes = new ArrayList<>();
        for (String size : value.split(",")) {
            String s = size.trim().toLowerCase(Locale.ROOT);
            long factor = s.endsWith("k") ? 1_000L : s.endsWith("m") ? 1_000_000L : 1L;
            sizes.add(Long.parseLong(factor == 1 ? s : s.substring(0, s.length() - 1)) * factor);
        }
        return sizes;
    }
}
