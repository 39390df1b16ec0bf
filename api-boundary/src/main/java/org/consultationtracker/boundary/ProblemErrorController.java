package org.consultationtracker.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

import java.util.List;

/**
 * The error page every {@code sendError} of the servlet stack is forwarded to, answering as problem+json like the rest
 * of the API instead of Spring Boot's own JSON. Asked for directly ({@code GET /error}), there is nothing there: 404.
 */
@org.springframework.web.bind.annotation.RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpStatus.NOT_FOUND.value();
        String body;
        if (code == null) {
            body = ProblemJson.body(404, "Not found", "There is nothing at this path.", List.of());
        } else if (status == 400) {
            body = ProblemJson.body(status, "Bad request", "The request was refused; nothing was recorded.",
                    List.of(new FieldProblem("request", ContainerErrorValve.REQUEST_RULE)));
        } else if (status == 404) {
            body = ProblemJson.body(status, "Not found", "There is nothing at this path.", List.of());
        } else {
            body = ProblemJson.body(status, HttpStatusTitles.title(status), HttpStatusTitles.detail(status),
                    List.of());
        }
        return ResponseEntity.status(status).contentType(MediaType.valueOf(ProblemJson.MEDIA_TYPE)).body(body);
    }
}
