package io.nexus.server.web.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.persistence.DatabaseFailures;
import io.nexus.server.persistence.DeadConnections;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import io.nexus.server.web.JsonNames;
import io.nexus.server.web.internal.BodyLimitFilter.BodyTooLargeException;
import jakarta.validation.ConstraintViolation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into an RFC 9457 problem ({@code application/problem+json}) that names each bad field, and
 * counts it; nothing reaches the client as a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
  private static final String DATABASE_UNAVAILABLE_DETAIL = "the database is unavailable or dropped the connection; "
      + "the request may not have been stored: retry it, with the same Idempotency-Key to make the retry safe";

  private final MeterRegistry meters;
  private final RequestLimits limits;
  private final DeadConnections deadConnections;

  ProblemDetailsAdvice(MeterRegistry meters, RequestLimits limits, DeadConnections deadConnections) {
    this.meters = meters;
    this.limits = limits;
    this.deadConnections = deadConnections;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e, WebRequest request) {
    ResponseEntity<Object> answer = problem(e.status(), e.title(), e.getMessage(), e.fields(), request);
    return e.retryAfterSeconds().map(seconds -> retryAfter(answer, seconds)).orElse(answer);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
    String expected = e.getRequiredType() == null ? "a valid value" : JsonProblems.describe(e.getRequiredType());
    return api(ApiException.badRequest(e.getName(), "expected " + expected + ", got '" + e.getValue() + "'"),
        request);
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Object> integrity(DataIntegrityViolationException e, WebRequest request) {
    log.info("refused a write that broke a database constraint: {}", e.getMostSpecificCause().getMessage());
    return api(DatabaseProblems.of(e), request);
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<Object> tooLarge(BodyTooLargeException e, WebRequest request) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large", e.getMessage(), List.of(new FieldProblem(
        "body", "must be at most " + DataSize.ofBytes(e.limit()).toMegabytes() + " MB (" + e.limit()
        + " bytes, " + e.setting() + ")")), request);
  }

  @ExceptionHandler(PessimisticLockingFailureException.class)
  ResponseEntity<Object> contention(Exception e, WebRequest request) {
    log.warn("a write kept losing to concurrent writers: {}", e.getMessage());
    return retryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
        "concurrent writes to the same journeys kept colliding; nothing was stored, retry the request", List.of(),
        request), 1);
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
    return retryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable", DATABASE_UNAVAILABLE_DETAIL,
        List.of(), request), 2);
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
    List<FieldProblem> malformed = new ArrayList<>();
    List<FieldProblem> unstorable = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      FieldProblem problem = new FieldProblem(JsonNames.snake(error.getField()), error.getDefaultMessage());
      boolean storage = error.contains(ConstraintViolation.class)
          && ApiException.isUnstorable(error.unwrap(ConstraintViolation.class));
      (storage ? unstorable : malformed).add(problem);
    }
    e.getBindingResult().getGlobalErrors().forEach(g -> malformed.add(new FieldProblem(g.getObjectName(),
        g.getDefaultMessage())));
    return api(ApiException.invalid(malformed, unstorable), request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return api(JsonProblems.of(e, limits), request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // Refused while the handler is looked up, before it runs: nothing has been written.
    return withHeaders(headers, problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
        "the API answers application/json, and problems as application/problem+json",
        List.of(new FieldProblem("Accept", "must allow application/json")), request));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    FieldProblem field = new FieldProblem("Content-Type", "must be application/json, got '" + e.getContentType()
        + "'");
    return withHeaders(headers, problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
        field.field() + ": " + field.reason(), List.of(field), request));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return api(ApiException.badRequest(e.getParameterName(), "required"), request);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    meters.counter("nexus.api.errors", "status", Integer.toString(status.value()),
        "type", e.getClass().getSimpleName()).increment();
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  /** {@code answer} with {@code Retry-After}: the same request may succeed after {@code seconds}. */
  private static ResponseEntity<Object> retryAfter(ResponseEntity<Object> answer, int seconds) {
    return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds)).body(answer.getBody());
  }

  private static ResponseEntity<Object> withHeaders(HttpHeaders headers, ResponseEntity<Object> problem) {
    return ResponseEntity.status(problem.getStatusCode()).headers(headers).headers(problem.getHeaders())
        .body(problem.getBody());
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
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }
}
