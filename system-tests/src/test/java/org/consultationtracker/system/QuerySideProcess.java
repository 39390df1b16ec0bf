package org.consultationtracker.system;

import org.consultationtracker.query.QuerySideApplication;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A query-side service in a JVM of its own, on the test's classpath: for the system tests that run several on one
 * store and kill one of them. Its output goes to a file, whose tail a failed wait prints.
 */
final class QuerySideProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    private final Process process;
    private final int port;
    private final Path output;

    private QuerySideProcess(String name, Process process, int port, Path output) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Starts one on 127.0.0.1:{@code port}, writing its output to {@code query-side-<name>.log} in {@code outputs};
     * {@code arguments} are the service's own (store, keys, users, ...).
     */
    static QuerySideProcess start(String name, int port, Path outputs, List<String> arguments) throws IOException {
        Path output = outputs.resolve("query-side-" + name + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                // Two JVMs beside the build on a small shared machine: a modest heap, serial GC, and C1 only (it
                // compiles far less while the services start; they process thousands of events, not millions).
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true",
                "-cp", System.getProperty("java.class.path"), QuerySideApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new QuerySideProcess(name, process, port, output);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI uri(String path) {
        return base().resolve(path);
    }

    String authority() {
        return base().getAuthority();
    }

    /** Token owners are the JVM's name, {@code pid@host}. */
    boolean owns(String owner) {
        return owner != null && owner.startsWith(process.pid() + "@");
    }

    int holds(List<TokenSegment> segments) {
        return (int) segments.stream().filter(segment -> owns(segment.owner())).count();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void awaitAnswering(Waiting waiting, Duration timeout) throws Exception {
        waiting.await("query side " + name + " to answer", timeout, () -> {
            checkAlive();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health"))
                                                                 .timeout(Duration.ofSeconds(5)).GET().build(),
                                                      HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        });
    }

    void checkAlive() {
        if (!process.isAlive()) {
            fail("query side %s exited with %d; its output ends with:%n%s", name, process.exitValue(), tail(40));
        }
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}, ...) to the JVM. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -%s %d: %s", signal, process.pid(), new String(kill.getInputStream().readAllBytes()))
                .isTrue();
    }

    /** SIGKILL on Linux: no shutdown hooks, nothing released, batches cut off wherever they are. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    /** What a failed wait prints about each instance. */
    static String describe(List<QuerySideProcess> instances) {
        StringBuilder text = new StringBuilder();
        for (QuerySideProcess instance : instances) {
            text.append(String.format("instance %s %s; its output ends with:%n%s%n", instance.name,
                                      instance.isAlive() ? "is running" : "has exited", instance.tail(40)));
        }
        return text.toString();
    }
}
