package org.consultationtracker.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commands per second through the command API of a running tracker, measured as the scale benchmark measures them:
 * closed-loop clients each recording key points ({@code POST /api/conversations/{id}/key-points}, one event each,
 * a fresh {@code Idempotency-Key} per request) as the note-taker, counting only the 201s (events stored). The
 * conversations are those of the "Create" dataset, which {@code ./run} imports on its first start; each client
 * cycles through them from its own offset, so two clients rarely write to one conversation at once (when they do,
 * the command side serialises them per aggregate, as it does for people).
 *
 * <pre>
 * ./run   # in another terminal: starts everything and imports the dataset on the first start
 * ./mvnw -q -pl benchmarks -am -DskipTests -Prun-benchmark verify \
 *   -Dexec.mainClass=org.consultationtracker.benchmarks.CommandThroughputBenchmark \
 *   -Dexec.args="[--command-api http://127.0.0.1:8081] [--user notetaker:notetaker-dev] [--clients 1,16,64]
 *                [--seconds 20] [--warmup 10] [--pids STORE,COMMAND,QUERY]"
 * </pre>
 *
 * <p>Prints one line per client count: commands stored per second, p50 and p99 latency, and anything that was not a
 * 201; with {@code --pids} also the CPU time each of those processes spent per stored command. Reusable: {@link #measure} runs one closed loop against a signed-in token.
 */
public final class CommandThroughputBenchmark {

    /** One closed-loop run: events stored per second, latency percentiles, and the failures by kind. */
    public record Result(int clients, double seconds, long stored, double p50Millis, double p99Millis,
                         Map<String, Long> failures) {

        public double perSecond() {
            return stored / seconds;
        }

        @Override
        public String toString() {
            return String.format("%3d clients: %6.0f commands stored/s  p50 %6.1f ms  p99 %7.1f ms  (%d in %.0f s)%s",
                    clients, perSecond(), p50Millis, p99Millis, stored, seconds,
                    failures.isEmpty() ? "" : "  failures " + failures);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String api = "http://127.0.0.1:8081";
        String user = "notetaker:notetaker-dev";
        List<Integer> clientCounts = List.of(1, 16, 64);
        double seconds = 20;
        double warmup = 10;
        Path dataset = Path.of("importer/src/main/resources/dataset/create-open-space.json");
        List<Long> pids = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--command-api" -> api = args[++i].replaceAll("/+$", "");
                case "--user" -> user = args[++i];
                case "--clients" -> clientCounts = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--dataset" -> dataset = Path.of(args[++i]);
                case "--pids" -> pids = Arrays.stream(args[++i].split(",")).map(Long::parseLong).toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<String> conversations = conversationsOf(dataset);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = signIn(http, api, user);
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("command API %s, %d conversations of the dataset, load average %s%n", api,
                conversations.size(), AuthenticationBenchmark.loadAverage());
        measure(http, api, token, conversations, clientCounts.stream().max(Integer::compare).orElse(16), warmup,
                run + "-warmup");
        for (int clients : clientCounts) {
            Map<Long, Long> before = cpuNanos(pids);
            Result result = measure(http, api, token, conversations, clients, seconds, run + "-" + clients);
            Map<Long, Long> after = cpuNanos(pids);
            StringBuilder cpu = new StringBuilder();
            for (long pid : pids) {
                cpu.append(String.format("  pid %d %.2f ms", pid,
                        (after.get(pid) - before.get(pid)) / 1e6 / Math.max(1, result.stored())));
            }
            System.out.println(result + (pids.isEmpty() ? "" : "\n      CPU per stored command:" + cpu));
        }
        System.out.printf("load average after: %s%n", AuthenticationBenchmark.loadAverage());
    }

    /**
     * CPU time so far (all threads) of each process: on a shared machine other processes take wall time from a
     * measurement, not the services' CPU time, so CPU per command says what the 2 cores could do alone.
     */
    static Map<Long, Long> cpuNanos(List<Long> pids) {
        Map<Long, Long> cpu = new TreeMap<>();
        for (long pid : pids) {
            cpu.put(pid, ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration())
                    .map(Duration::toNanos).orElse(0L));
        }
        return cpu;
    }

    /** The conversation ids of a dataset file of the importer's schema. */
    static List<String> conversationsOf(Path dataset) throws IOException {
        List<String> ids = new ArrayList<>();
        JSON.readTree(dataset.toFile()).path("conversations").forEach(c -> ids.add(c.path("id").asText()));
        if (ids.isEmpty()) {
            throw new IllegalStateException(dataset + " lists no conversations");
        }
        return ids;
    }

    /** Signs in once ({@code POST /api/tokens}); every request of the run carries the token. */
    public static String signIn(HttpClient http, String api, String user) throws IOException, InterruptedException {
        int colon = user.indexOf(':');
        String body = JSON.createObjectNode().put("username", user.substring(0, colon))
                .put("password", user.substring(colon + 1)).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = response.statusCode() == 201 ? JSON.readTree(response.body()) : null;
        if (answer == null || !answer.hasNonNull("accessToken")) {
            throw new IllegalStateException("POST /api/tokens answered " + response.statusCode() + ": "
                    + response.body());
        }
        return answer.get("accessToken").asText();
    }

    /**
     * Runs {@code clients} closed loops for {@code seconds}, each recording key points with ids starting with
     * {@code run} (unique per call, so nothing is answered from the idempotency store).
     */
    public static Result measure(HttpClient http, String api, String token, List<String> conversations, int clients,
                                 double seconds, String run) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong stored = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        long[][] latencies = new long[clients][];
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int count = 0;
                for (long i = 0; System.nanoTime() < deadline; i++) {
                    String conversation = conversations.get((int) ((client * 7L + i) % conversations.size()));
                    String keyPointId = "bench-" + run + "-" + client + "-" + i;
                    String body = "{\"keyPointId\":\"" + keyPointId + "\",\"kind\":\"OBSERVATION\",\"text\":"
                            + "\"A point recorded while the command benchmark ran (" + i + ").\"}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/conversations/"
                                    + conversation + "/key-points"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", keyPointId)
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                    long sent = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status == 201) {
                            stored.incrementAndGet();
                        } else {
                            failures.merge("HTTP " + status, 1L, Long::sum);
                        }
                    } catch (IOException e) {
                        failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (count == mine.length) {
                        mine = Arrays.copyOf(mine, count * 2);
                    }
                    mine[count++] = System.nanoTime() - sent;
                }
                latencies[client] = Arrays.copyOf(mine, count);
            }, "command-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double took = (System.nanoTime() - started) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(clients, took, stored.get(), percentile(all, 50), percentile(all, 99),
                new TreeMap<>(failures));
    }

    private static double percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
