package io.nexus.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers a refusal decided in a servlet filter of another module (authentication, limits) as the same RFC 9457
 * problem, logged and counted, that a controller's {@link ApiException} gets.
 */
@Component
public class FilterRefusals {
  private final ObjectProvider<HandlerExceptionResolver> handlers;

  FilterRefusals(@Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> handlers) {
    this.handlers = handlers;
  }

  /** Writes the problem answering {@code refusal}. */
  public void answer(HttpServletRequest request, HttpServletResponse response, ApiException refusal) {
    handlers.getObject().resolveException(request, response, null, refusal);
  }
}
