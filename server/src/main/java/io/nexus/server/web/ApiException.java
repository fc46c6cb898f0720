package io.nexus.server.web;

import jakarta.validation.ConstraintViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A refusal the client can act on, answered as an RFC 9457 problem with its status, a title, a detail and the bad
 * fields; immutable. Throw one of the factory results rather than subclassing.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String title;
  private final transient List<FieldProblem> fields;
  private final Integer retryAfterSeconds;

  /** A refusal with the given status, title, detail and bad fields. */
  public ApiException(HttpStatus status, String title, String detail, List<FieldProblem> fields) {
    this(status, title, detail, fields, null);
  }

  private ApiException(HttpStatus status, String title, String detail, List<FieldProblem> fields,
      Integer retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.title = title;
    this.fields = List.copyOf(fields);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The same refusal, answered with {@code Retry-After}: the same request may succeed after {@code seconds}. */
  public ApiException retryAfter(int seconds) {
    return new ApiException(status, title, getMessage(), fields, seconds);
  }

  /** 404: the resource named in the path does not exist. */
  public static ApiException notFound(String resource, Object id) {
    return new ApiException(HttpStatus.NOT_FOUND, resource + " not found", resource + " " + id + " does not exist",
        List.of());
  }

  /** 401: the request carries no valid credentials; {@code detail} says what was wrong with them. */
  public static ApiException unauthorized(String detail) {
    return new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", detail, List.of());
  }

  /** 403: the credentials are valid but lack {@code scope}. */
  public static ApiException forbidden(String scope, String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of(new FieldProblem("scope",
        "requires " + scope)));
  }

  /** 400: fields of the request are missing or malformed. */
  public static ApiException badRequest(List<FieldProblem> fields) {
    return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", describe(fields), fields);
  }

  /** 400: one field is missing or malformed. */
  public static ApiException badRequest(String field, String reason) {
    return badRequest(List.of(new FieldProblem(field, reason)));
  }

  /** 422: the request is well-formed but cannot be carried out as asked. */
  public static ApiException unprocessable(String detail, List<FieldProblem> fields) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot process request", detail, fields);
  }

  /** 422 about one field. */
  public static ApiException unprocessable(String field, String reason) {
    return unprocessable(field + ": " + reason, List.of(new FieldProblem(field, reason)));
  }

  /** 409: the request conflicts with the resource's current state. */
  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, List.of());
  }

  /** 409 about one field, such as a name another resource already has. */
  public static ApiException conflict(String field, String reason) {
    return new ApiException(HttpStatus.CONFLICT, "Conflict", field + ": " + reason,
        List.of(new FieldProblem(field, reason)));
  }

  /**
   * The refusal of a request whose fields broke their constraints: 400 naming every bad field, or 422 when each of
   * them is well-formed but does not fit what the database stores (see {@link Unstorable}).
   */
  public static ApiException invalid(List<FieldProblem> malformed, List<FieldProblem> unstorable) {
    if (malformed.isEmpty()) {
      return unprocessable(describe(unstorable), unstorable);
    }
    List<FieldProblem> all = new ArrayList<>(malformed);
    all.addAll(unstorable);
    return badRequest(all);
  }

  /** 503: a part the request needs is not available. */
  public static ApiException unavailable(String detail) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail, List.of());
  }

  /** Whether {@code violation} broke a constraint marked {@link Unstorable}. */
  public static boolean isUnstorable(ConstraintViolation<?> violation) {
    return violation.getConstraintDescriptor().getAnnotation().annotationType()
        .isAnnotationPresent(Unstorable.class);
  }

  private static String describe(List<FieldProblem> fields) {
    StringBuilder detail = new StringBuilder();
    for (FieldProblem f : fields) {
      detail.append(detail.isEmpty() ? "" : "; ").append(f.field()).append(": ").append(f.reason());
    }
    return detail.toString();
  }

  /** The HTTP status. */
  public HttpStatus status() {
    return status;
  }

  /** The problem's title. */
  public String title() {
    return title;
  }

  /** The bad fields, often empty for 404 and 409. */
  public List<FieldProblem> fields() {
    return fields;
  }

  /** How many seconds to wait before retrying, when a retry may succeed. */
  public Optional<Integer> retryAfterSeconds() {
    return Optional.ofNullable(retryAfterSeconds);
  }
}
