package org.consultationtracker.command.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.consultationtracker.boundary.FieldProblem;
import org.consultationtracker.boundary.ProblemJson;
import org.consultationtracker.command.api.IdempotencyStore.IdempotentRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes writes safe to retry. A request with an {@code Idempotency-Key} header is remembered per user with a hash of
 * its method, path and body; a retry with the same key and request gets the first successful response again and
 * dispatches nothing; the same key with a different request is refused (422); a retry while the first is still being
 * handled gets 409. Only successful responses are kept: a failed attempt recorded nothing and may simply be retried.
 * Runs after Spring Security, so keys are scoped to the authenticated user.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String KEY_ATTRIBUTE = IdempotencyFilter.class.getName() + ".key";
    private static final int MAX_KEY_LENGTH = 200;
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1," + MAX_KEY_LENGTH + "}");
    static final String KEY_RULE = "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters (no spaces)";

    private final IdempotencyStore store;
    private final ObjectMapper objectMapper;

    IdempotencyFilter(IdempotencyStore store, ObjectMapper objectMapper) {
        this.store = store;
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getHeader(HEADER) == null || !request.getRequestURI().startsWith("/api/")
                || !("POST".equals(method) || "PUT".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).strip();
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            ProblemJson.write(response, HttpStatus.BAD_REQUEST.value(), "Invalid Idempotency-Key",
                    "The Idempotency-Key header is malformed; nothing was recorded.",
                    List.of(new FieldProblem(HEADER, KEY_RULE)));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String requestHash = hash(request.getMethod(), request.getRequestURI(), body);
        String id = user.getName() + ":" + key;

        if (!store.claim(id, requestHash)) {
            Optional<IdempotentRequest> first = store.find(id);
            if (first.isPresent()) {
                answerRetry(first.get(), requestHash, key, response);
                return;
            }
            // Released between our claim and our read: the first attempt failed, so this one may proceed.
            if (!store.claim(id, requestHash)) {
                problem(response, HttpStatus.CONFLICT, "Request in progress",
                        "A request with Idempotency-Key " + key + " is being handled; retry shortly.");
                return;
            }
        }
        request.setAttribute(KEY_ATTRIBUTE, key);
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean succeeded = false;
        try {
            chain.doFilter(new BodyReplayingRequest(request, body), recorded);
            succeeded = recorded.getStatus() >= 200 && recorded.getStatus() < 300;
            if (succeeded) {
                store.complete(id, recorded.getStatus(), recorded.getContentType(),
                        recorded.getHeader(HttpHeaders.LOCATION),
                        new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8));
            }
        } finally {
            if (!succeeded) {
                store.release(id);
            }
            recorded.copyBodyToResponse();
        }
    }

    private void answerRetry(IdempotentRequest first, String requestHash, String key, HttpServletResponse response)
            throws IOException {
        if (!first.requestHash().equals(requestHash)) {
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
                    "Idempotency-Key " + key + " was first used for a different request; use a new key.");
        } else if (!first.completed()) {
            problem(response, HttpStatus.CONFLICT, "Request in progress",
                    "A request with Idempotency-Key " + key + " is being handled; retry shortly.");
        } else {
            response.setStatus(first.status());
            response.setHeader("Idempotent-Replayed", "true");
            if (first.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, first.location());
            }
            if (first.contentType() != null) {
                response.setContentType(first.contentType());
            }
            response.getOutputStream().write(first.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    private static String hash(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JVM specification", e);
        }
    }

    /** The body was read to hash it; the controller reads this copy. */
    private static final class BodyReplayingRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BodyReplayingRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
