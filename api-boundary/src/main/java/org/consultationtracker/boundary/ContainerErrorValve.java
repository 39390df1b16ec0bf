package org.consultationtracker.boundary;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report, as {@code application/problem+json} instead of an HTML page. It speaks for requests the
 * servlet container refuses before any application code runs (a path with {@code %2F} or {@code %00}, a malformed
 * request line or header) and for any error no other part of the service has answered. It never shows the server's
 * name, version or a stack trace.
 */
public class ContainerErrorValve extends ErrorReportValve {

    static final String PATH_RULE = "must be a well-formed path: no encoded slash or backslash (%2F, %5C), "
            + "no encoded NUL or control characters, no '..' segments above the root, no malformed %-escapes";
    static final String REQUEST_RULE = "must be a well-formed HTTP/1.1 request: request line, header names and "
            + "values, and their sizes";
    static final String HEADERS_RULE = "must be well-formed: names of token characters, values without control "
            + "characters, one Content-Length, a Transfer-Encoding this service reads, and the request line and "
            + "headers together within the size limit";
    static final String METHOD_RULE = "must be a method name of token characters";

    public ContainerErrorValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String body = problem(status, response.getMessage(), throwable, request.getContext() == null);
        try {
            response.setContentType(ProblemJson.MEDIA_TYPE);
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone: nothing more can be said
        }
    }

    /**
     * @param containerMessage what Tomcat said with the status, if anything
     * @param throwable        what Tomcat refused the request for, when it could not parse it
     */
    static String problem(int status, String containerMessage, Throwable throwable, boolean noApplication) {
        String message = containerMessage == null ? "" : containerMessage;
        String cause = throwable == null || throwable.getMessage() == null ? ""
                : throwable.getMessage().toLowerCase(Locale.ROOT);
        if (status == 400 && (cause.contains("header") || cause.contains("content-length")
                || cause.contains("transfer-encoding") || cause.contains("host"))) {
            return ProblemJson.body(status, "Bad request", "The request's headers are malformed; nothing was recorded.",
                    List.of(new FieldProblem("headers", HEADERS_RULE)));
        }
        if (status == 400 && cause.contains("method")) {
            return ProblemJson.body(status, "Bad request", "The request's method is malformed; nothing was recorded.",
                    List.of(new FieldProblem("method", METHOD_RULE)));
        }
        if (status == 400 && (message.contains("URI") || message.contains("path") || cause.contains("request target")
                || noApplication && cause.isEmpty())) {
            return ProblemJson.body(status, "Bad request", "The request's path is malformed; nothing was recorded.",
                    List.of(new FieldProblem("path", PATH_RULE)));
        }
        if (status == 400) {
            return ProblemJson.body(status, "Bad request", "The request is malformed; nothing was recorded.",
                    List.of(new FieldProblem("request", REQUEST_RULE)));
        }
        if (status == 404) {
            return ProblemJson.body(status, "Not found", "There is nothing at this path.", List.of());
        }
        return ProblemJson.body(status, HttpStatusTitles.title(status), HttpStatusTitles.detail(status), List.of());
    }
}
