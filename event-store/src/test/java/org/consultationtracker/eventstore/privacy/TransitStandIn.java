package org.consultationtracker.eventstore.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for HashiCorp Vault's Transit secrets engine, for tests: {@code POST /v1/<mount>/encrypt/<name>} and
 * {@code /decrypt/<name>} as Vault documents them for an {@code aes256-gcm96} key — token in {@code X-Vault-Token}
 * (403 "permission denied" otherwise), base64 {@code plaintext} and {@code associated_data}, ciphertext
 * {@code vault:v<version>:<base64 of nonce, ciphertext and tag>}, key versions that rotate while older ones keep
 * decrypting, 400 with {@code errors} for an unknown key or a ciphertext that fails authentication. Not Vault: only
 * what the key vault uses, on 127.0.0.1 and a free port.
 */
final class TransitStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/v1/([^/]+)/(encrypt|decrypt)/([^/]+)");
    private static final Pattern CIPHERTEXT = Pattern.compile("vault:v(\\d+):(.+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String mount;
    private final String token;
    private final Map<String, List<byte[]>> keyVersions = new ConcurrentHashMap<>();
    final AtomicInteger decrypts = new AtomicInteger();

    TransitStandIn(String mount, String token) throws IOException {
        this.mount = mount;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code vault write transit/keys/<name>}, or {@code .../rotate} when it exists: a new latest version. */
    synchronized void rotate(String name) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        keyVersions.computeIfAbsent(name, n -> new ArrayList<>()).add(key);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        try {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches() || !path.group(1).equals(mount)) {
                answer(exchange, 404, errors("no handler for route '" + exchange.getRequestURI().getPath() + "'"));
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
                answer(exchange, 403, errors("permission denied"));
                return;
            }
            List<byte[]> versions = keyVersions.get(path.group(3));
            if (versions == null) {
                answer(exchange, 400, errors("encryption key not found"));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            byte[] associatedData = Base64.getDecoder().decode(body.path("associated_data").asText(""));
            if (path.group(2).equals("encrypt")) {
                encrypt(exchange, versions, body, associatedData);
            } else {
                decrypts.incrementAndGet();
                decrypt(exchange, versions, body, associatedData);
            }
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, errors("failed to base64-decode: " + e.getMessage()));
        } catch (GeneralSecurityException e) {
            answer(exchange, 400, errors("cipher: message authentication failed"));
        }
    }

    private void encrypt(HttpExchange exchange, List<byte[]> versions, JsonNode body, byte[] associatedData)
            throws IOException, GeneralSecurityException {
        byte[] plaintext = Base64.getDecoder().decode(body.path("plaintext").asText());
        int version;
        byte[] key;
        synchronized (this) {
            version = versions.size();
            key = versions.get(version - 1);
        }
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        ObjectNode data = JSON.createObjectNode()
                .put("ciphertext", "vault:v" + version + ":" + Base64.getEncoder().encodeToString(out))
                .put("key_version", version);
        answer(exchange, 200, envelope(data));
    }

    private void decrypt(HttpExchange exchange, List<byte[]> versions, JsonNode body, byte[] associatedData)
            throws IOException, GeneralSecurityException {
        Matcher ciphertext = CIPHERTEXT.matcher(body.path("ciphertext").asText(""));
        if (!ciphertext.matches()) {
            answer(exchange, 400, errors("invalid ciphertext: no prefix"));
            return;
        }
        int version = Integer.parseInt(ciphertext.group(1));
        if (version < 1 || version > versions.size()) {
            answer(exchange, 400, errors("invalid key version"));
            return;
        }
        byte[] in = Base64.getDecoder().decode(ciphertext.group(2));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(versions.get(version - 1), "AES"),
                    new GCMParameterSpec(128, in, 0, 12));
        cipher.updateAAD(associatedData);
        byte[] plaintext = cipher.doFinal(in, 12, in.length - 12);
        answer(exchange, 200, envelope(JSON.createObjectNode()
                                           .put("plaintext", Base64.getEncoder().encodeToString(plaintext))));
    }

    private static ObjectNode envelope(ObjectNode data) {
        ObjectNode answer = JSON.createObjectNode().put("request_id", UUID.randomUUID().toString())
                .put("lease_id", "").put("renewable", false).put("lease_duration", 0);
        answer.set("data", data);
        answer.putNull("wrap_info");
        answer.putNull("warnings");
        answer.putNull("auth");
        return answer;
    }

    private static ObjectNode errors(String message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("errors").add(message);
        return answer;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
