package dev.tandem.support.web;

import dev.tandem.api.common.RefusedException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every failure into an RFC 9457 problem+json answer. Bad input names every bad field;
 * a domain refusal keeps its code; anything unexpected is logged here and answered without a trace
 * of how the platform is built.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PlatformProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformProblemHandler.class);
    private static final URI VALIDATION = URI.create("/problems/validation");

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException e) {
        List<FieldProblem> problems = e.getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .collect(Collectors.toList());
        e.getGlobalErrors().forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return validation(problems);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return validation(e.problems());
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadableInput(ServerWebInputException e) {
        if (e instanceof MissingRequestValueException missing) {
            return validation(List.of(new FieldProblem(missing.getName(), "is required")));
        }
        Optional<JacksonException> jackson = causeOfType(e, JacksonException.class);
        Optional<StrictText.UnacceptableText> text = causeOfType(e, StrictText.UnacceptableText.class);
        if (text.isPresent()) {
            return validation(List.of(new FieldProblem(fieldOf(text.get()), text.get().reason())));
        }
        if (jackson.isPresent() && jackson.get() instanceof StreamReadException read
                && read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate")) {
            return validation(List.of(new FieldProblem(fieldOf(read), "is given more than once")));
        }
        if (jackson.isPresent() && !jackson.get().getPath().isEmpty()) {
            return validation(List.of(new FieldProblem(path(jackson.get()), "has a value of the wrong type or format")));
        }
        if (causeOfType(e, DataBufferLimitException.class).isPresent()) {
            return tooLarge();
        }
        if (e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null
                && !e.getMethodParameter().hasParameterAnnotation(RequestBody.class)) {
            return validation(List.of(new FieldProblem(e.getMethodParameter().getParameterName(), "is not valid")));
        }
        return problem(HttpStatus.BAD_REQUEST, "The request body is missing or is not valid JSON.", null);
    }

    @ExceptionHandler(RefusedException.class)
    ResponseEntity<ProblemDetail> refused(RefusedException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return problem(status, e.getMessage(), e.code());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Optional<RefusedException> refusal = causeOfType(e, RefusedException.class);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        return unexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownAggregate(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "There is nothing with the id " + e.getAggregateIdentifier() + ".", null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Your role does not allow this.", null);
    }

    @ExceptionHandler(TimeoutException.class)
    ResponseEntity<ProblemDetail> timeout(TimeoutException e) {
        log.warn("A request timed out");
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The platform is busy; please try again shortly.", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "There is nothing at this address.", null);
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(DataBufferLimitException e) {
        return tooLarge();
    }

    /**
     * The framework's own refusals (wrong method, media type, acceptable type...), in words of ours: their
     * reasons name internal classes ({@code bodyType=dev.tandem...}), so none of it is passed on. A plain
     * {@link ResponseStatusException} is our own code's, and keeps its reason.
     */
    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e) {
        HttpStatusCode code = e.getStatusCode();
        if (code.is5xxServerError()) {
            return unexpected(e);
        }
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        if (e.getClass() == ResponseStatusException.class && e.getReason() != null) {
            // thrown by our own code, with a reason written for the person who asked
            return problem(status, e.getReason(), null);
        }
        String detail = switch (status) {
            case METHOD_NOT_ALLOWED -> "This address does not take that method.";
            case UNSUPPORTED_MEDIA_TYPE -> "This address takes a body of another type (JSON, application/json).";
            case NOT_ACCEPTABLE -> "This address cannot answer in the type asked for in Accept.";
            case NOT_FOUND -> "There is nothing at this address.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            default -> "The request could not be read.";
        };
        return problem(status, detail, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        Optional<RefusedException> refusal = causeOfType(e, RefusedException.class);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        Optional<AggregateNotFoundException> unknown = causeOfType(e, AggregateNotFoundException.class);
        if (unknown.isPresent()) {
            return unknownAggregate(unknown.get());
        }
        if (causeOfType(e, ConcurrencyException.class).isPresent()) {
            // another node changed the same aggregate a moment ago; nothing of this request was stored
            return problem(HttpStatus.CONFLICT, "Someone else changed this at the same moment; please try again.",
                    "concurrent-change");
        }
        log.error("Unexpected failure while handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. It has been logged; please try again.", null);
    }

    private static ResponseEntity<ProblemDetail> tooLarge() {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large.", null);
    }

    /** The field a parse error is about: its path, or {@code body} when the parser had not reached a field. */
    private static String fieldOf(JacksonException e) {
        if (!e.getPath().isEmpty()) {
            return path(e);
        }
        if (e instanceof StreamReadException read && read.processor() != null
                && read.processor().currentName() != null) {
            return read.processor().currentName();
        }
        return "body";
    }

    private static ResponseEntity<ProblemDetail> validation(List<FieldProblem> problems) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        detail.setType(VALIDATION);
        detail.setTitle("Invalid request");
        detail.setProperty("errors", problems);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    /**
     * Every problem names a type: {@code /problems/<code>} for a refusal with a code, else one per
     * status ({@code /problems/forbidden}, say). The content type is set here, not negotiated: a
     * refused {@code text/event-stream} request must still get problem+json, not an SSE frame.
     */
    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String message, String code) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        if (code != null) {
            detail.setType(URI.create("/problems/" + code));
            detail.setProperty("code", code);
        } else {
            detail.setType(URI.create("/problems/" + status.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        detail.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T extends Throwable> Optional<T> causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
