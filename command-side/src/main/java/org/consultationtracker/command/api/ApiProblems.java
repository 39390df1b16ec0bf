package org.consultationtracker.command.api;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.consultationtracker.boundary.BodyTooLarge;
import org.consultationtracker.boundary.FieldProblem;
import org.consultationtracker.boundary.FirewallRejections;
import org.consultationtracker.boundary.JsonProblems;
import org.consultationtracker.boundary.ProblemJson;
import org.consultationtracker.boundary.RequestBodyLimit;
import org.consultationtracker.command.ActionNotPermitted;
import org.consultationtracker.command.CorrectionRefused;
import org.consultationtracker.command.DomainRuleViolation;
import org.consultationtracker.command.UnknownRecord;
import org.consultationtracker.command.participant.privacy.ParticipantGone;
import org.consultationtracker.command.report.QuotesWithoutConsent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one mapping from failures to {@code application/problem+json}: 400 bad input (each field and the rule it broke),
 * 403 not yours, 404 unknown aggregate (or an id of another kind), 409 concurrent conflicting write or a report
 * quoting people without their consent, 413 body too large, 422 a domain rule, 500 anything else (without internals). The command was not applied in any of these cases.
 * No answer repeats a rejected value.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private static final String NOTHING_RECORDED = "; nothing was recorded.";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(error -> errors.add(fieldProblem(error)));
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(
                new FieldProblem(JsonProblems.BODY, messageOf(error))));
        return invalid(errors);
    }

    /** Path variables with constraints, and (then) the body too: Spring validates the whole method at once. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            @NonNull HandlerMethodValidationException e, @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                parameterErrors.getFieldErrors().forEach(error -> errors.add(fieldProblem(error)));
                parameterErrors.getGlobalErrors().forEach(error -> errors.add(
                        new FieldProblem(JsonProblems.BODY, messageOf(error))));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(name, messageOf(error))));
            }
        }
        return invalid(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        BodyTooLarge tooLarge = RequestBodyLimit.tooLargeIn(e);
        if (tooLarge != null) {
            ProblemDetail problem = problem(HttpStatus.PAYLOAD_TOO_LARGE, "Content too large",
                    "The request body is larger than this service accepts" + NOTHING_RECORDED);
            problem.setProperty("errors", List.of(new FieldProblem(JsonProblems.BODY,
                    BodyTooLarge.rule(tooLarge.limit()))));
            return answer(problem);
        }
        FieldProblem problem = JsonProblems.of(e);
        return invalid(List.of(problem));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(@NonNull TypeMismatchException e, @NonNull HttpHeaders headers,
                                                        @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String expected = type == int.class || type == Integer.class || type == long.class ? "an integer" : "valid";
        return invalid(List.of(new FieldProblem(name, "must be " + expected)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            @NonNull MissingServletRequestParameterException e, @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        return invalid(List.of(new FieldProblem(e.getParameterName(), "is required")));
    }

    /**
     * Spring MVC's own refusals (wrong method, media type, missing header): its problem, plus the {@code errors} member
     * every rejection of this API carries.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception e, Object body,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode status,
                                                             @NonNull WebRequest request) {
        Object problemBody = body == null && e instanceof ErrorResponse response ? response.getBody() : body;
        if (problemBody instanceof ProblemDetail problem && problem.getProperties() == null) {
            FieldProblem field = frameworkField(e);
            if (field != null) {
                problem.setProperty("errors", List.of(field));
            }
        }
        if (problemBody instanceof ProblemDetail problem) {
            ProblemJson.withShortInstance(problem);
        }
        return super.handleExceptionInternal(e, problemBody, headers, status, request);
    }

    private static FieldProblem frameworkField(Exception e) {
        if (e instanceof HttpMediaTypeNotSupportedException) {
            return new FieldProblem("Content-Type", "must be application/json");
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return new FieldProblem("Accept", "must accept application/json or application/problem+json");
        }
        if (e instanceof HttpRequestMethodNotSupportedException unsupported) {
            return new FieldProblem("method", "must be one of " + unsupported.getSupportedHttpMethods());
        }
        if (e instanceof MissingRequestHeaderException missing) {
            return new FieldProblem(missing.getHeaderName(), "is required");
        }
        return null;
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Bad request",
                "The request was refused" + NOTHING_RECORDED);
        problem.setProperty("errors", List.of(FirewallRejections.problemOf(e)));
        return respond(problem);
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleBroken(DomainRuleViolation e) {
        return respond(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Rule broken", e.getMessage()));
    }

    /**
     * Publication refused for quotes without consent: a conflict between the draft and the speakers' consents, which
     * the publisher resolves (rewrite, wait for consent, or override with a reason). Names each quote.
     */
    @ExceptionHandler(QuotesWithoutConsent.class)
    ResponseEntity<ProblemDetail> quotesWithoutConsent(QuotesWithoutConsent e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Quotes without consent", e.getMessage());
        problem.setProperty("quotedWithoutConsent", ReportController.QuoteWithoutConsentAnswer.of(e.quotes()));
        return respond(problem);
    }

    @ExceptionHandler(UnknownRecord.class)
    ResponseEntity<ProblemDetail> unknownRecord(UnknownRecord e) {
        return respond(problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage() + NOTHING_RECORDED));
    }

    @ExceptionHandler(CorrectionRefused.class)
    ResponseEntity<ProblemDetail> correctionRefused(CorrectionRefused e) {
        return respond(problem(HttpStatus.CONFLICT, "Correction refused", e.getMessage() + NOTHING_RECORDED));
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

    /**
     * The id names something of another kind (a report id where a conversation id belongs): loading it as this kind
     * fails before any state is applied, so to the caller it is simply not there.
     */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<ProblemDetail> anotherKind(IncompatibleAggregateException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "Not found",
                "The id in the path names something of another kind, or nothing; nothing was recorded."));
    }

    /** Also two moves locking the same two conversations in opposite order: Axon breaks the deadlock; retry. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class,
            LockAcquisitionFailedException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        return respond(problem(HttpStatus.CONFLICT, "Conflict",
                "Somebody else changed or created this at the same moment, or the id is already taken; "
                        + "reload and try again."));
    }

    @ExceptionHandler(IdsInUse.IdTaken.class)
    ResponseEntity<ProblemDetail> idTaken(IdsInUse.IdTaken e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Conflict", e.getMessage() + "; nothing was recorded.");
        problem.setProperty("errors", List.of(new FieldProblem(e.field(), "is already in use")));
        return respond(problem);
    }

    @ExceptionHandler(FieldRuleBroken.class)
    ResponseEntity<Object> fieldRuleBroken(FieldRuleBroken e) {
        return invalid(List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(ParticipantGone.class)
    ResponseEntity<ProblemDetail> gone(ParticipantGone e) {
        return respond(problem(HttpStatus.GONE, "Gone", e.getMessage()));
    }

    /** Distributed command buses wrap the handler's exception; unwrap it so the mapping stays the same. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> wrapped(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof QuotesWithoutConsent quotes) {
            return quotesWithoutConsent(quotes);
        }
        if (cause instanceof DomainRuleViolation violation) {
            return ruleBroken(violation);
        }
        if (cause instanceof ActionNotPermitted notPermitted) {
            return notPermitted(notPermitted);
        }
        if (cause instanceof UnknownRecord unknown) {
            return unknownRecord(unknown);
        }
        if (cause instanceof CorrectionRefused refused) {
            return correctionRefused(refused);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return notFound(notFound);
        }
        if (cause instanceof IncompatibleAggregateException incompatible) {
            return anotherKind(incompatible);
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                || cause instanceof LockAcquisitionFailedException) {
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

    private static ResponseEntity<Object> invalid(List<FieldProblem> errors) {
        List<FieldProblem> sorted = errors.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .distinct()
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                sorted.size() == 1
                        ? sorted.get(0).field() + " " + sorted.get(0).message() + NOTHING_RECORDED
                        : sorted.size() + " fields are invalid" + NOTHING_RECORDED);
        problem.setProperty("errors", sorted);
        return answer(problem);
    }

    private static FieldProblem fieldProblem(FieldError error) {
        return new FieldProblem(error.getField(), messageOf(error));
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemJson.withShortInstance(problem));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemJson.withShortInstance(problem));
    }

    private static String messageOf(MessageSourceResolvable error) {
        String message = error.getDefaultMessage();
        return message == null ? "is invalid" : message;
    }
}
