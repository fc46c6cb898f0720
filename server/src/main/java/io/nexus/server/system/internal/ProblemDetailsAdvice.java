package io.nexus.server.system.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.system.ApiException;
import io.nexus.server.system.FieldProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every refusal into an RFC 9457 problem ({@code application/problem+json}) that names each bad field, and
 * counts it; nothing reaches the client as a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
  static final String DATABASE_UNAVAILABLE_TITLE = "Database unavailable";
  static final String DATABASE_UNAVAILABLE_DETAIL = "the database is unavailable or dropped the connection; the "
      + "request may not have been stored: retry it, with the same Idempotency-Key to make the retry safe";
  static final String DATABASE_RETRY_AFTER_SECONDS = "2";

  private final MeterRegistry meters;
  private final DeadConnections deadConnections;

  ProblemDetailsAdvice(MeterRegistry meters, DeadConnections deadConnections) {
    this.meters = meters;
    this.deadConnections = deadConnections;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e, WebRequest request) {
    return problem(e.status(), e.title(), e.getMessage(), e.fields(), request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
    String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
    FieldProblem field = new FieldProblem(e.getName(), "expected " + expected + ", got '" + e.getValue() + "'");
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", field.field() + ": " + field.reason(), List.of(field),
        request);
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Object> integrity(DataIntegrityViolationException e, WebRequest request) {
    log.info("refused a write that broke a database constraint: {}", e.getMostSpecificCause().getMessage());
    return problem(HttpStatus.CONFLICT, "Conflict", "the request conflicts with stored data", List.of(), request);
  }

  @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
  ResponseEntity<Object> contention(Exception e, WebRequest request) {
    log.warn("a write kept losing to concurrent writers: {}", e.getMessage());
    ResponseEntity<Object> answer = problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
        "concurrent writes to the same journeys kept colliding; nothing was stored, retry the request", List.of(),
        request);
    return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header("Retry-After", "1")
        .body(answer.getBody());
  }

  /**
   * A database out of reach, a dropped or terminated connection: 503 with Retry-After, never 500. A connection lost
   * during a commit leaves unknown whether the write was stored, which the answer says; the Idempotency-Key header
   * makes the retry safe either way.
   */
  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
      RecoverableDataAccessException.class, CannotCreateTransactionException.class})
  ResponseEntity<Object> databaseUnavailable(Exception e, WebRequest request) {
    log.warn("the database could not be used: {}", e.getMessage());
    deadConnections.evictIdleAfter(e);
    ResponseEntity<Object> answer = problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE_TITLE,
        DATABASE_UNAVAILABLE_DETAIL, List.of(), request);
    return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS).body(answer.getBody());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    if (DatabaseFailures.unavailable(e)) {
      return databaseUnavailable(e, request);
    }
    log.error("unexpected error", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "the service could not complete the request; it has been logged", List.of(), request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> fields = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      fields.add(new FieldProblem(JsonNames.snake(error.getField()), error.getDefaultMessage()));
    }
    e.getBindingResult().getGlobalErrors().forEach(g -> fields.add(new FieldProblem(g.getObjectName(),
        g.getDefaultMessage())));
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", ApiException.badRequest(fields).getMessage(), fields,
        request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    FieldProblem field = unreadable(e);
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", field.field() + ": " + field.reason(), List.of(field),
        request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    FieldProblem field = new FieldProblem(e.getParameterName(), "required");
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", field.field() + ": required", List.of(field), request);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    meters.counter("nexus.api.errors", "status", Integer.toString(status.value()),
        "type", e.getClass().getSimpleName()).increment();
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  private ResponseEntity<Object> problem(HttpStatusCode status, String title, String detail,
      List<FieldProblem> fields, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setTitle(title);
    body.setType(URI.create("https://nexus.io/problems/" + status.value()));
    if (!fields.isEmpty()) {
      body.setProperty("errors", fields);
    }
    String path = request.getDescription(false);
    if (path.startsWith("uri=")) {
      body.setInstance(URI.create(path.substring(4)));
    }
    meters.counter("nexus.api.errors", "status", Integer.toString(status.value()), "type", title).increment();
    return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  /** The field a body could not be read at, and why, from Jackson's own diagnosis. */
  static FieldProblem unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return new FieldProblem(path(unknown), "unknown field");
    }
    if (cause instanceof InvalidFormatException format) {
      return new FieldProblem(path(format), "expected " + describe(format.getTargetType()) + ", got '"
          + format.getValue() + "'");
    }
    if (cause instanceof MismatchedInputException mismatch) {
      String field = path(mismatch);
      Class<?> target = mismatch.getTargetType();
      return new FieldProblem(field.isEmpty() ? "body" : field,
          target == null ? "wrong type" : "expected " + describe(target));
    }
    if (cause instanceof StreamReadException parse) {
      var at = parse.getLocation();
      return new FieldProblem("body", "malformed JSON" + (at == null ? ""
          : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
    if (cause instanceof JacksonException jackson) {
      String field = path(jackson);
      Throwable root = jackson.getCause() != null ? jackson.getCause() : jackson;
      return new FieldProblem(field.isEmpty() ? "body" : field, reason(root));
    }
    return new FieldProblem("body", "missing or unreadable JSON body");
  }

  private static String reason(Throwable root) {
    if (root instanceof java.time.format.DateTimeParseException) {
      return "expected an ISO-8601 timestamp such as 2025-01-15T10:30:00Z";
    }
    String message = root.getMessage();
    return message == null ? "invalid value" : message.lines().findFirst().orElse("invalid value");
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
      return type == java.time.LocalDate.class ? "an ISO-8601 date such as 2025-01-31"
          : "an ISO-8601 timestamp such as 2025-01-15T10:30:00Z";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "an object";
  }
}
