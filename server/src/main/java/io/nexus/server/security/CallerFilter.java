package io.nexus.server.security;

import io.nexus.server.persistence.TenantContext;
import io.nexus.server.security.internal.KeyVerifier;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FilterRefusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Decides who makes each request and makes that {@link Caller} current ({@link CurrentCaller}, the request attribute
 * and the thread's tenant) for the rest of the filter chain. With {@code NEXUS_AUTH=required} an API call needs
 * {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}: without a valid key it is answered 401, without the
 * scope it needs ({@link ScopeRules}) 403, before anything reads its body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CallerFilter extends OncePerRequestFilter {

  private final AuthMode mode;
  private final KeyVerifier verifier;
  private final FilterRefusals refusals;
  private final UrlPathHelper urls = new UrlPathHelper();

  CallerFilter(@Value("${nexus.security.auth:}") String mode, KeyVerifier verifier, FilterRefusals refusals) {
    this.mode = AuthSettings.mode(mode);
    this.verifier = verifier;
    this.refusals = refusals;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Scope> needed = ScopeRules.required(request.getMethod(), urls.getPathWithinApplication(request));
    Caller caller;
    if (mode == AuthMode.OFF) {
      caller = Caller.anonymous();
    } else {
      if (needed.isEmpty()) {
        // Health, the OpenAPI document and the pages: open to everyone, acting for no tenant.
        chain.doFilter(request, response);
        return;
      }
      Optional<String> key = PresentedKey.of(request);
      if (key.isEmpty()) {
        refuse(request, response, ApiException.unauthorized("this call needs an API key: send "
            + "'Authorization: Bearer <key>' or 'X-API-Key: <key>' (bin/nexus keys create)"));
        return;
      }
      KeyVerifier.Verdict verdict = verifier.verify(key.get(), Instant.now());
      if (verdict.caller().isEmpty()) {
        refuse(request, response, ApiException.unauthorized(verdict.refusal()));
        return;
      }
      caller = verdict.caller().get();
      if (!caller.has(needed.get())) {
        String scope = needed.get().label();
        refusals.answer(request, response, ApiException.forbidden(scope, "this call needs a key with the '" + scope
            + "' scope; this key has " + caller.scopes().stream().sorted().map(Scope::label).toList()));
        return;
      }
    }
    request.setAttribute(CurrentCaller.ATTRIBUTE, caller);
    CurrentCaller.set(caller);
    try (TenantContext.Entered ignored = TenantContext.enter(caller.tenant())) {
      chain.doFilter(request, response);
    } finally {
      CurrentCaller.clear();
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, ApiException refusal) {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"nexus\"");
    refusals.answer(request, response, refusal);
  }
}
