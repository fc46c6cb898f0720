package io.nexus.server.security;

import io.nexus.server.persistence.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the request's {@link Caller} current ({@link CurrentCaller}, the request attribute and the thread's tenant)
 * for the rest of the filter chain, and forgets it afterwards.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CallerFilter extends OncePerRequestFilter {
  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller = Caller.anonymous();
    request.setAttribute(CurrentCaller.ATTRIBUTE, caller);
    CurrentCaller.set(caller);
    try (TenantContext.Entered ignored = TenantContext.enter(caller.tenant())) {
      chain.doFilter(request, response);
    } finally {
      CurrentCaller.clear();
    }
  }
}
