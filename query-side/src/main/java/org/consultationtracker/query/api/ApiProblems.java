package org.consultationtracker.query.api;

import org.consultationtracker.boundary.FieldProblem;
import org.consultationtracker.boundary.JsonProblems;
import org.consultationtracker.boundary.ProblemJson;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.UnknownId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;

/**
 * The one mapping from exceptions to {@code application/problem+json}: unknown ids are 404, unusable parameters are 400
 * naming the parameter and why (in {@code parameter}, and in {@code errors} as every rejection at the edge does). Spring
 * MVC's own errors (wrong method, missing parameter, ...) come out the same way. A problem never repeats a rejected
 * value, and repeats an unknown id and the request's path ({@code instance}) only up to {@link #MAX_ECHOED}
 * characters: either may be huge.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    static final int MAX_ECHOED = ProblemJson.MAX_ECHOED;

    @ExceptionHandler(UnknownId.class)
    ResponseEntity<ProblemDetail> unknownId(UnknownId e) {
        String id = e.id() == null || e.id().length() <= MAX_ECHOED ? e.id() : e.id().substring(0, MAX_ECHOED) + "...";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                id == null ? "Nothing found" : "No " + e.kind() + " with id '" + id + "'");
        problem.setTitle("Not found");
        problem.setProperty("kind", e.kind());
        problem.setProperty("id", id);
        return respond(problem);
    }

    @ExceptionHandler(NotYourData.class)
    ResponseEntity<ProblemDetail> notYourData(NotYourData e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        return respond(problem);
    }

    @ExceptionHandler(InvalidFilter.class)
    ResponseEntity<ProblemDetail> invalidFilter(InvalidFilter e) {
        return badParameter(e.parameter(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == int.class || type == Integer.class || type == long.class || type == Long.class
                ? "a decimal integer" : type == null ? "of another type" : article(type.getSimpleName()) + " "
                + type.getSimpleName();
        return badParameter(e.getName(), "must be " + expected);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status,
                                                                          WebRequest request) {
        ProblemDetail problem = bad(e.getParameterName(), "is required");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        FieldProblem field = JsonProblems.of(e);
        ProblemDetail problem = bad(field.field(), field.message());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** @param rule what the parameter must be, without its name ("must be between 1 and 500") */
    static ResponseEntity<ProblemDetail> badParameter(String parameter, String rule) {
        return respond(bad(parameter, rule));
    }

    private static ProblemDetail bad(String parameter, String rule) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'" + parameter + "' " + rule);
        problem.setTitle("Invalid parameter");
        problem.setProperty("parameter", parameter);
        problem.setProperty("errors", List.of(new FieldProblem(parameter, rule)));
        return ProblemJson.withShortInstance(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(ProblemJson.withShortInstance(problem));
    }

    private static String article(String word) {
        return "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
    }
}
