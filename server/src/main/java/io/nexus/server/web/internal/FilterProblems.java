package io.nexus.server.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers a failure met in a servlet filter, before any handler runs, through the MVC exception handlers
 * ({@link ProblemDetailsAdvice}): the problem is shaped, logged and counted like every other one.
 */
@Component
class FilterProblems {
  private final ObjectProvider<HandlerExceptionResolver> handlers;

  FilterProblems(@Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> handlers) {
    this.handlers = handlers;
  }

  /** Writes the answer to {@code failure} as the problem its exception handler makes of it. */
  void answer(HttpServletRequest request, HttpServletResponse response, Exception failure) {
    handlers.getObject().resolveException(request, response, null, failure);
  }
}
