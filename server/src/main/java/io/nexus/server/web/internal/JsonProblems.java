package io.nexus.server.web.internal;

import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import io.nexus.server.web.TenantLimits;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Why a JSON body could not be read, as the refusal naming the field at fault, from Jackson's own diagnosis. */
final class JsonProblems {
  /** Jackson's "Numeric value (9223372036854775808) out of range of `long`": the parser has moved on by now. */
  private static final Pattern OUT_OF_RANGE = Pattern.compile("Numeric value \\(([^)]+)\\) out of range");

  private JsonProblems() {}

  /** The refusal: 400, or 413 for a string or number over its limit, naming the field at fault. */
  static ApiException of(HttpMessageNotReadableException e, RequestLimits limits) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return bad(path(unknown), "unknown field; known fields: " + names(unknown.getKnownPropertyIds()));
    }
    if (cause instanceof StreamConstraintsException limit) {
      return overLimit(limit, limits);
    }
    if (cause instanceof InputCoercionException range) {
      Matcher number = OUT_OF_RANGE.matcher(String.valueOf(range.getOriginalMessage()));
      return bad(path(range), "expected " + describe(range.getTargetType()) + ", got "
          + (number.find() ? number.group(1) : "a number out of that range"));
    }
    if (cause instanceof InvalidFormatException format) {
      return bad(path(format), "expected " + describe(format.getTargetType()) + ", got '"
          + format.getValue() + "'");
    }
    if (cause instanceof MismatchedInputException mismatch) {
      Class<?> target = mismatch.getTargetType();
      return bad(path(mismatch), (target == null ? "wrong type" : "expected " + describe(target))
          + given(mismatch));
    }
    if (cause instanceof StreamReadException parse && parse.processor() != null
        && String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate")) {
      String at = path(parse);
      return bad((at.isEmpty() ? "" : at + ".") + parse.processor().currentName(), "given more than once");
    }
    if (cause instanceof StreamReadException parse) {
      var at = parse.getLocation();
      return bad("body", "malformed JSON" + (at == null ? ""
          : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
    if (cause instanceof JacksonException jackson) {
      Throwable root = jackson.getCause() != null ? jackson.getCause() : jackson;
      return bad(path(jackson), reason(root));
    }
    return bad("body", "missing or unreadable JSON body");
  }

  /** A body over one of Jackson's read limits: strings answer 413 (too large), nesting 400 (malformed). */
  private static ApiException overLimit(StreamConstraintsException e, RequestLimits limits) {
    String message = String.valueOf(e.getOriginalMessage());
    String field = path(e);
    TenantLimits.Effective tenant = limits.current();
    if (message.contains("getMaxStringLength")) {
      return tooLarge(field, "longer than the limit of " + tenant.stringLength()
          + " characters (" + tenant.key("string-length") + ")");
    }
    if (message.contains("getMaxNestingDepth")) {
      return bad(field, "nested deeper than the limit of " + tenant.jsonDepth()
          + " levels (" + tenant.key("json-depth") + ")");
    }
    if (message.contains("getMaxNumberLength")) {
      return tooLarge(field, "a number longer than the limit of " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN
          + " characters");
    }
    return tooLarge(field, message.lines().findFirst().orElse("over a size limit"));
  }

  /** 400 about {@code field} (the whole body when the path is empty). */
  private static ApiException bad(String field, String reason) {
    return ApiException.badRequest(field.isEmpty() ? "body" : field, reason);
  }

  /** 413 about {@code field} (the whole body when the path is empty). */
  private static ApiException tooLarge(String field, String reason) {
    String name = field.isEmpty() ? "body" : field;
    return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Content too large", name + ": " + reason,
        List.of(new FieldProblem(name, reason)));
  }

  /** What the client sent instead, as Jackson's message tells it (the parser has moved on by now). */
  private static String given(MismatchedInputException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("String value")) {
      return ", got a string";
    }
    if (message.contains("Integer value") || message.contains("Floating-point value")) {
      return ", got a number";
    }
    if (message.contains("Boolean value")) {
      return ", got a boolean";
    }
    if (message.contains("START_ARRAY")) {
      return ", got a list";
    }
    if (message.contains("START_OBJECT")) {
      return ", got an object";
    }
    return "";
  }

  private static String names(Collection<Object> known) {
    return known == null ? "" : known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String reason(Throwable root) {
    String message = root instanceof JacksonException j ? j.getOriginalMessage() : root.getMessage();
    return message == null ? "invalid value" : message.lines().findFirst().orElse("invalid value");
  }

  /** The JSON path of the failure in the client's terms: {@code touchpoints[3].cost}. */
  static String path(JacksonException e) {
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

  static String describe(Class<?> type) {
    if (type == Long.class || type == long.class) {
      return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    if (type == Integer.class || type == int.class) {
      return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (Number.class.isAssignableFrom(type) || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return type == LocalDate.class ? "an ISO-8601 date such as 2025-01-31"
          : "an ISO-8601 timestamp with offset such as 2025-01-15T10:30:00Z";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "an object";
  }
}
