package io.nexus.server.web.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.web.FieldProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problems from servlet filters, shaped and counted like ProblemDetailsAdvice's, which filters
 * precede.
 */
@Component
class FilterProblems {
  private final JsonMapper json;
  private final MeterRegistry meters;

  FilterProblems(JsonMapper json, MeterRegistry meters) {
    this.json = json;
    this.meters = meters;
  }

  void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail,
      List<FieldProblem> fields, String retryAfter) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://nexus.io/problems/" + status.value());
    body.put("title", title);
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", request.getRequestURI());
    if (!fields.isEmpty()) {
      body.put("errors", fields);
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (retryAfter != null) {
      response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
    }
    response.getOutputStream().write(json.writeValueAsBytes(body));
    meters.counter("nexus.api.errors", "status", Integer.toString(status.value()), "type", title).increment();
  }
}
