package org.consultationtracker.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One address in front of several instances of a service, as nginx's {@code upstream} with {@code proxy_next_upstream}
 * does it (docker/two-query-sides/nginx.conf): requests go round-robin to the instances; an instance that cannot be
 * reached is marked down for a while and the request goes to the next one, so a killed instance costs no failed
 * request. Only a failure to connect is retried for writes (the request never reached the instance); reads are
 * retried on any I/O failure. Every answer names the instance that gave it in {@code X-Upstream}.
 * <p>
 * Built on the JDK's HttpServer and HttpClient, so the system tests need no proxy installed; bound to 127.0.0.1.
 */
final class RoundRobinProxy implements AutoCloseable {

    static final String UPSTREAM_HEADER = "X-Upstream";

    /** Hop-by-hop headers, and those the JDK's client sets itself and refuses to be given. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length", "host", "expect");
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final List<URI> upstreams;
    private final Duration downFor;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                                .connectTimeout(Duration.ofSeconds(2))
                                                .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger next = new AtomicInteger();
    private final Map<URI, Long> downUntil = new ConcurrentHashMap<>();
    private final Map<URI, AtomicLong> answered = new ConcurrentHashMap<>();
    private final AtomicLong retried = new AtomicLong();

    /**
     * @param upstreams the instances, e.g. {@code http://127.0.0.1:41234}
     * @param downFor   how long an instance that could not be reached is skipped
     */
    RoundRobinProxy(List<URI> upstreams, Duration downFor) throws IOException {
        this.upstreams = List.copyOf(upstreams);
        this.downFor = downFor;
        upstreams.forEach(upstream -> answered.put(upstream, new AtomicLong()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(workers);
        server.start();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers given by each instance through this proxy. */
    long answeredBy(URI upstream) {
        return answered.get(upstream).get();
    }

    /** Requests that an instance could not take and that went to another one. */
    long retried() {
        return retried.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            IOException last = null;
            for (int tried = 0; tried < upstreams.size(); tried++) {
                URI upstream = pick();
                try {
                    // The whole answer is read before anything is sent on, so a failure half way can still be retried.
                    HttpResponse<byte[]> response = client.send(request(exchange, upstream, method, body),
                                                                HttpResponse.BodyHandlers.ofByteArray());
                    answered.get(upstream).incrementAndGet();
                    respond(exchange, upstream, response);
                    return;
                } catch (IOException e) {
                    last = e;
                    downUntil.put(upstream, System.nanoTime() + downFor.toNanos());
                    if (!IDEMPOTENT.contains(method) && !(e instanceof ConnectException)) {
                        break; // a write may have reached the instance: sending it again could apply it twice
                    }
                    retried.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] problem = ("no instance answered: " + last).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(502, problem.length);
            exchange.getResponseBody().write(problem);
        }
    }

    /** The next instance in turn that is not marked down; if all are, the next in turn (it may be back). */
    private URI pick() {
        long now = System.nanoTime();
        for (int i = 0; i < upstreams.size(); i++) {
            URI candidate = upstreams.get(Math.floorMod(next.getAndIncrement(), upstreams.size()));
            Long until = downUntil.get(candidate);
            if (until == null || until - now < 0) {
                return candidate;
            }
        }
        return upstreams.get(Math.floorMod(next.getAndIncrement(), upstreams.size()));
    }

    private static HttpRequest request(HttpExchange exchange, URI upstream, String method, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                                                 .timeout(Duration.ofSeconds(30))
                                                 .method(method, body.length == 0
                                                         ? HttpRequest.BodyPublishers.noBody()
                                                         : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        return request.header("X-Forwarded-For", client).build();
    }

    private static void respond(HttpExchange exchange, URI upstream, HttpResponse<byte[]> response)
            throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.getResponseHeaders().set(UPSTREAM_HEADER, upstream.getAuthority());
        byte[] body = response.body();
        boolean bodiless = body.length == 0 || response.statusCode() == 204 || response.statusCode() == 304
                || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), bodiless ? -1 : body.length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
