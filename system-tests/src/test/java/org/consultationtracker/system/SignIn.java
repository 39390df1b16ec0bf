package org.consultationtracker.system;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs a user in once per service (POST /api/tokens) and hands out the {@code Authorization} header value, as any API
 * client does: the password is checked at sign-in, never per request.
 */
public final class SignIn {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ISSUED = new ConcurrentHashMap<>();

    private SignIn() {
    }

    /** A development user (password {@code <name>-dev}) on the service at {@code base}, e.g. http://127.0.0.1:1234. */
    public static String bearer(String base, String user) {
        return bearer(base, user, user + "-dev");
    }

    public static String bearer(String base, String user, String password) {
        return ISSUED.computeIfAbsent(base + " " + user, key -> "Bearer " + token(base, user, password));
    }

    /** Forgets the tokens issued by one service (after it was restarted on a new store, for example). */
    public static void forget(String base) {
        ISSUED.keySet().removeIf(key -> key.startsWith(base + " "));
    }

    private static String token(String base, String user, String password) {
        try {
            String body = JSON.createObjectNode().put("username", user).put("password", password).toString();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("sign-in of " + user + " at " + base + " answered "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).path("accessToken").asText();
        } catch (IOException e) {
            throw new IllegalStateException("sign-in of " + user + " at " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing in", e);
        }
    }
}
