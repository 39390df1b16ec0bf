package org.consultationtracker.boundary;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An {@code application/problem+json} body (RFC 9457) written without Spring, for the places that answer before any
 * controller advice can: the servlet container's error valve, the firewall, servlet filters and the error page. Same
 * shape as the controllers' problems: type, title, status, detail and, for rejected input, {@code errors} naming each
 * field and its rule.
 */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    /** How much of the request's path (or a rejected id) a problem repeats. */
    public static final int MAX_ECHOED = 100;

    /**
     * The problem's {@code instance}: the current request's path, cut to {@value #MAX_ECHOED} characters (never
     * through a %-escape) - Spring would repeat the whole path, however long. Left as it is when already set, or when
     * there is no current request.
     */
    public static ProblemDetail withShortInstance(ProblemDetail problem) {
        if (problem.getInstance() == null
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            String path = request.getRequest().getRequestURI();
            if (path != null && path.length() > MAX_ECHOED) {
                String cut = path.substring(0, MAX_ECHOED);
                int escape = cut.lastIndexOf('%');
                problem.setInstance(URI.create((escape >= cut.length() - 2 ? cut.substring(0, escape) : cut) + "..."));
            }
        }
        return problem;
    }

    public static String body(int status, String title, String detail, List<FieldProblem> errors) {
        StringBuilder json = new StringBuilder(256).append("{\"type\":\"about:blank\",\"title\":");
        string(json, title).append(",\"status\":").append(status).append(",\"detail\":");
        string(json, detail);
        if (errors != null && !errors.isEmpty()) {
            json.append(",\"errors\":[");
            for (int i = 0; i < errors.size(); i++) {
                json.append(i == 0 ? "{\"field\":" : ",{\"field\":");
                string(json, errors.get(i).field()).append(",\"message\":");
                string(json, errors.get(i).message()).append('}');
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    /** Writes the problem unless the response is already committed (then nothing more can be said). */
    public static void write(HttpServletResponse response, int status, String title, String detail,
                             List<FieldProblem> errors) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] bytes = body(status, title, detail, errors).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    private static StringBuilder string(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) || (c >= 0x7F && c <= 0x9F)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
