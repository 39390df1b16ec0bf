package org.consultationtracker.eventstore.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The master key held by HashiCorp Vault's Transit secrets engine: the key never leaves Vault; a data key is wrapped
 * by {@code POST /v1/<mount>/encrypt/<name>} and unwrapped by {@code POST /v1/<mount>/decrypt/<name>}, with the data
 * key's id sent as {@code associated_data} (Transit's AEAD key types authenticate it, as the local master key does).
 * The wrapped key is Vault's ciphertext ({@code vault:v<version>:…}), so rotating the key inside Vault needs nothing
 * from us: older versions keep decrypting.
 *
 * <p>Every unwrap is a round trip to Vault; the configuration puts a {@link CachingMasterKey} in front of it.
 */
public final class VaultTransitMasterKey implements MasterKey {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI address;
    private final String mount;
    private final String keyName;
    private final Supplier<String> token;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param token read on every call, so a token file renewed by a Vault agent is picked up without a restart
     */
    public VaultTransitMasterKey(URI address, String mount, String keyName, Supplier<String> token, Duration timeout) {
        this.address = address;
        this.mount = mount;
        this.keyName = keyName;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String id() {
        return "vault-transit:" + mount + "/" + keyName;
    }

    @Override
    public String wrap(byte[] dataKey, String keyId) {
        ObjectNode body = JSON.createObjectNode()
                .put("plaintext", Base64.getEncoder().encodeToString(dataKey))
                .put("associated_data", associatedData(keyId));
        return call("encrypt", body, keyId).path("ciphertext").asText(null);
    }

    @Override
    public byte[] unwrap(String wrappedKey, String keyId) {
        ObjectNode body = JSON.createObjectNode()
                .put("ciphertext", wrappedKey)
                .put("associated_data", associatedData(keyId));
        String plaintext = call("decrypt", body, keyId).path("plaintext").asText(null);
        try {
            return Base64.getDecoder().decode(plaintext);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MasterKeyException("Vault's decrypt answer for key " + keyId + " holds no base64 plaintext");
        }
    }

    private static String associatedData(String keyId) {
        return Base64.getEncoder().encodeToString(keyId.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode call(String operation, ObjectNode body, String keyId) {
        URI uri = address.resolve("/v1/" + mount + "/" + operation + "/" + keyName);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("X-Vault-Token", token.get())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MasterKeyException("Vault at " + address + " cannot be reached (" + e.getClass().getSimpleName()
                                         + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MasterKeyException("interrupted while calling Vault at " + address, e);
        }
        if (response.statusCode() != 200) {
            // Vault's error bodies name the problem ("permission denied", "cipher: message authentication failed")
            // and never echo the plaintext or the token.
            throw new MasterKeyException("Vault refused to " + operation + " key " + keyId + " with transit key "
                                         + keyName + ": HTTP " + response.statusCode() + " " + errors(response.body()));
        }
        try {
            JsonNode data = JSON.readTree(response.body()).path("data");
            if (!data.isObject()) {
                throw new MasterKeyException("Vault's " + operation + " answer has no data");
            }
            return data;
        } catch (IOException e) {
            throw new MasterKeyException("Vault's " + operation + " answer is not JSON", e);
        }
    }

    private static String errors(String body) {
        try {
            return JSON.readTree(body).path("errors").toString();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return id() + " at " + address;
    }
}
