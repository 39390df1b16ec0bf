package org.consultationtracker.system.fuzz;

import org.consultationtracker.system.SignIn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP/1.1 to one service, as the fuzz test needs it: any method, raw paths, raw bytes, chunked or not. */
public final class ServiceClient {

    /** What came back; {@code failure} is set when no HTTP answer came at all. */
    public record Response(int status, String contentType, String body, Exception failure) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final int port;
    private final String base;
    private final String defaultUser;

    public ServiceClient(int port, String defaultUser) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.defaultUser = defaultUser;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A development user's bearer token on this service (signed in once; passwords are {@code <name>-dev}). */
    public String authorization(String user) {
        return SignIn.bearer(base, user);
    }

    public Response send(Variant variant) {
        return send(variant.method(), variant.path(), variant.headers(), variant.body(), variant.chunked());
    }

    public Response json(String method, String path, String body, String user) {
        return send(method, path, Map.of("Authorization", authorization(user)), Variant.utf8(body), false);
    }

    /** Defaults: the default user's bearer token, and {@code Content-Type: application/json} when there is a body. */
    public Response send(String method, String path, Map<String, String> extraHeaders, byte[] body, boolean chunked) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization(defaultUser));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(extraHeaders);
        if (!isUri(path) || headers.values().stream().anyMatch(ServiceClient::beyondVisibleAscii)) {
            return raw(method, path, headers, body);
        }
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60)).method(method, publisher);
            headers.forEach((name, value) -> {
                if (value != null) {
                    request.header(name, value);
                }
            });
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Response(0, "", "", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, "", "", e);
        }
    }

    /** The HTTP client would turn such characters into '?' (or refuse them): they go out raw instead, as UTF-8. */
    private static boolean beyondVisibleAscii(String value) {
        return value != null && value.chars().anyMatch(c -> c < 0x20 || c > 0x7E);
    }

    private static boolean isUri(String path) {
        try {
            URI.create("http://127.0.0.1" + path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * For a path no URI class accepts (a malformed %-escape) or a header the HTTP client would change: the request
     * written by hand on a socket.
     */
    private Response raw(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        headers.forEach((name, value) -> {
            if (value != null) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            request.writeBytes(body);
        }
        return raw(request.toByteArray());
    }

    /**
     * Writes the bytes to a new connection and reads the answer until the server closes it (send
     * {@code Connection: close}). A chunked answer is put together again.
     */
    public Response raw(byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the server may answer and close before it read everything: read what it said
            }
            byte[] answer = socket.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ");
            int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}")
                    ? Integer.parseInt(statusLine[1]) : 0;
            String contentType = "";
            for (String line : lines) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            String body = end < 0 ? "" : text.substring(end + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunked(body);
            }
            return new Response(status, contentType, body, status == 0 ? new IOException("no status line: "
                    + (text.length() > 200 ? text.substring(0, 200) : text)) : null);
        } catch (IOException e) {
            return new Response(0, "", "", e);
        }
    }

    private static String dechunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
