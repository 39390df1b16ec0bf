package org.consultationtracker.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.consultationtracker.command.ActionNotPermitted;
import org.consultationtracker.command.DomainRuleViolation;
import org.consultationtracker.command.participant.privacy.ParticipantGone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The one mapping from failures to {@code application/problem+json}: 400 bad input (each field and why), 403 not
 * yours, 404 unknown aggregate, 409 concurrent conflicting write, 422 a domain rule, 500 anything else (without
 * internals). The command was not applied in any of these cases.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** One invalid field of a request. */
    record FieldProblem(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), messageOf(error)))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                errors.size() + " field(s) are invalid; nothing was recorded.");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            @NonNull HandlerMethodValidationException e, @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                errors.size() + " parameter(s) are invalid; nothing was recorded.");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A body Jackson could not map. The answer names the field and the reason in the API's terms, never Jackson's
     * message, which would expose internal class names.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        if (!(e.getMostSpecificCause() instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                    "The body is not valid JSON; nothing was recorded."));
        }
        String field = fieldPath(mapping.getPath());
        String reason;
        if (mapping instanceof UnrecognizedPropertyException) {
            reason = "is not a property of this request";
        } else if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            reason = "must be one of " + Arrays.toString(enumValues(invalid.getTargetType()))
                    + ", not " + invalid.getValue();
        } else if (mapping instanceof InvalidFormatException invalid) {
            reason = "has an invalid value: " + invalid.getValue();
        } else {
            reason = "has the wrong type";
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                "Field " + field + " " + reason + "; nothing was recorded.");
        problem.setProperty("errors", List.of(new FieldProblem(field, reason)));
        return ResponseEntity.badRequest().body(problem);
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** The values as clients write them (honouring {@code @JsonProperty} on constants, e.g. "open-space"). */
    private static Object[] enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(constant -> {
            try {
                JsonProperty name = enumType.getField(((Enum<?>) constant).name()).getAnnotation(JsonProperty.class);
                return name != null ? name.value() : ((Enum<?>) constant).name();
            } catch (NoSuchFieldException impossible) {
                return ((Enum<?>) constant).name();
            }
        }).toArray();
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(ConstraintViolationException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleBroken(DomainRuleViolation e) {
        return respond(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Rule broken", e.getMessage()));
    }

    @ExceptionHandler(ActionNotPermitted.class)
    ResponseEntity<ProblemDetail> notPermitted(ActionNotPermitted e) {
        return respond(problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "Not found",
                "There is no " + e.getAggregateIdentifier() + " here (or it has not been started)."));
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        return respond(problem(HttpStatus.CONFLICT, "Conflict",
                "Somebody else changed or created this at the same moment; reload and try again."));
    }

    @ExceptionHandler(ParticipantGone.class)
    ResponseEntity<ProblemDetail> gone(ParticipantGone e) {
        return respond(problem(HttpStatus.GONE, "Gone", e.getMessage()));
    }

    /** Distributed command buses wrap the handler's exception; unwrap it so the mapping stays the same. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> wrapped(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DomainRuleViolation violation) {
            return ruleBroken(violation);
        }
        if (cause instanceof ActionNotPermitted notPermitted) {
            return notPermitted(notPermitted);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return notFound(notFound);
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
            return conflict((RuntimeException) cause);
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure while handling a request", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side and the outcome is unknown. Retry with the same Idempotency-Key."));
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static String messageOf(FieldError error) {
        String message = error.getDefaultMessage();
        return message == null ? "is invalid" : message;
    }
}
