package org.consultationtracker.importer;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;


/**
 * Sends one planned request to the command API with its {@code Idempotency-Key}. Retrying is safe by the API's design
 * (a retry of a succeeded request is answered from the first response and dispatches nothing; a failed attempt
 * recorded nothing), so the client retries what may be transient: no connection, 409 "request in progress" or a
 * concurrent write, 5xx. Anything else stops the import with the API's answer, as does the one 409 that is not
 * transient: a publication refused for quotes without the speaker's consent ({@code quotedWithoutConsent}).
 */
final class CommandApiClient {

    /** How one request ended: {@code replayed} when the API had seen it before and recorded nothing new. */
    record Outcome(int status, boolean replayed, String body) {
    }

    static final class ImportFailed extends RuntimeException {
        ImportFailed(String message) {
            super(message);
        }
    }

    private static final int ATTEMPTS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String user;
    private final String password;
    /** The bearer token of one sign-in, shared by the parallel senders; renewed once if it ends mid-import. */
    private volatile String token;

    CommandApiClient(URI base, String user, String password) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base.toString().replaceAll("/+$", "");
        this.user = user;
        this.password = password;
    }

    /** Signs in once (POST /api/tokens): the password is checked there, not on each of the import's requests. */
    private synchronized String token(String expired) {
        if (token != null && !token.equals(expired)) {
            return token;
        }
        String credentials = JSON.createObjectNode().put("username", user).put("password", password).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials, StandardCharsets.UTF_8)).build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    token = JSON.readTree(response.body()).path("accessToken").asText(null);
                    if (token == null) {
                        throw new ImportFailed("sign-in answered without a token: " + response.body());
                    }
                    return token;
                }
                if (response.statusCode() < 500 || attempt == ATTEMPTS) {
                    throw new ImportFailed("Signing in as " + user + " failed: HTTP " + response.statusCode() + " "
                            + response.body() + ". Check --user.");
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new ImportFailed("no answer from " + base + " to sign in (" + e + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportFailed("interrupted while signing in");
            }
            sleep(Math.min(5_000L, 100L << attempt));
        }
    }

    Outcome send(ImportPlan.Step step) {
        String body = step.body() == null ? null : step.body().toString();
        String bearer = token(null);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + step.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json")
                .header("Idempotency-Key", step.idempotencyKey());
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(step.method(), publisher);

        String lastProblem = null;
        int lastStatus = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.setHeader("Authorization", "Bearer " + bearer)
                                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 401 && attempt < ATTEMPTS) {
                    bearer = token(bearer); // the session ended (idle or absolute timeout): sign in again
                    continue;
                }
                if (status >= 200 && status < 300) {
                    boolean replayed = response.headers().firstValue("Idempotent-Replayed")
                            .map("true"::equalsIgnoreCase).orElse(false);
                    return new Outcome(status, replayed, response.body());
                }
                lastProblem = "HTTP " + status + " " + response.body();
                lastStatus = status;
                if ((status != 409 && status < 500) || refusedForConsent(status, response.body())) {
                    throw new ImportFailed(failure(step, lastProblem, status));
                }
            } catch (IOException e) {
                lastProblem = "no answer from " + base + " (" + e + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportFailed("interrupted while " + step.label());
            }
            sleep(Math.min(5_000L, 100L << attempt));
        }
        throw new ImportFailed(failure(step, lastProblem, lastStatus) + " (gave up after " + ATTEMPTS + " attempts)");
    }

    /** Waiting does not give a speaker's consent: the report must be changed or published with overrides. */
    static boolean refusedForConsent(int status, String body) {
        return status == 409 && body != null && body.contains("\"quotedWithoutConsent\"");
    }

    private static String failure(ImportPlan.Step step, String problem, int status) {
        String hint = switch (status) {
            case 401, 403 -> " Check --user: it needs the ADMIN or FACILITATOR role.";
            case 409 -> problem.contains("\"quotedWithoutConsent\"")
                    ? " The report quotes participants who have not consented to be quoted; see quotedWithoutConsent."
                    : " Idempotency keys are remembered per user: re-run with the --user of the first import.";
            case 422 -> " If the command API already holds an import of a different version of the dataset (the same"
                    + " Idempotency-Key for a different request), import into a fresh store.";
            default -> "";
        };
        return "Failed while " + step.label() + ": " + step.method() + " " + step.path() + " (Idempotency-Key "
                + step.idempotencyKey() + ") answered " + problem + "." + hint;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailed("interrupted");
        }
    }
}
