package org.consultationtracker.command.testing;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs a development account in over HTTP once per server (POST /api/tokens) and hands out its bearer token, as an
 * API client would: the password is checked at sign-in only.
 */
public final class Tokens {

    private static final Map<String, String> ISSUED = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** Headers carrying {@code user}'s bearer token (password {@code <user>-dev}) and a JSON content type. */
    public static HttpHeaders jsonAs(TestRestTemplate http, String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token(http, user));
        return headers;
    }

    @SuppressWarnings("rawtypes")
    public static String token(TestRestTemplate http, String user) {
        return ISSUED.computeIfAbsent(http.getRootUri() + " " + user, key -> {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            ResponseEntity<Map> answer = http.postForEntity("/api/tokens", new HttpEntity<>(
                    "{\"username\":\"" + user + "\",\"password\":\"" + user + "-dev\"}", headers), Map.class);
            if (answer.getStatusCode() != HttpStatus.CREATED) {
                throw new IllegalStateException("sign-in of " + user + " failed: " + answer);
            }
            return (String) answer.getBody().get("accessToken");
        });
    }
}
