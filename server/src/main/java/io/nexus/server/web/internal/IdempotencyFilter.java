package io.nexus.server.web.internal;

import io.nexus.server.persistence.DatabaseFailures;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.IdempotentEndpoints;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;

/**
 * The {@code Idempotency-Key} header of POSTs, as Stripe has it. The key, a hash of the request and the answer are
 * stored in the same transaction as the request's own writes, which this filter opens around the whole request:
 * either both are stored or neither. A retry with the key then answers the stored original (status, Location and
 * body, plus {@code Idempotent-Replayed: true}) and writes nothing, also when the first answer was lost after its
 * commit; a retry while the first is still running waits for it. Only 2xx answers are stored: an error answer writes
 * nothing, so its retry runs afresh.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final Set<String> paths = new HashSet<>();
  private final IdempotencyKeys keys;
  private final TransactionTemplate transactions;
  private final FilterProblems problems;
  private final Duration lifetime;
  private final UrlPathHelper urls = new UrlPathHelper();

  IdempotencyFilter(List<IdempotentEndpoints> endpoints, IdempotencyKeys keys, TransactionTemplate transactions,
      FilterProblems problems,
      @Value("${nexus.idempotency.lifetime:PT24H}") Duration lifetime) {
    endpoints.forEach(e -> paths.addAll(e.paths()));
    this.keys = keys;
    this.transactions = transactions;
    this.problems = problems;
    this.lifetime = lifetime;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // GET, PUT and DELETE are idempotent by themselves; only POSTs carrying a key need this.
    return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    List<String> given = Collections.list(request.getHeaders(HEADER));
    String key = given.get(0);
    String path = urls.getPathWithinApplication(request);
    if (given.size() > 1) {
      refuse(request, response, ApiException.badRequest(HEADER, "give one key only"));
      return;
    }
    if (!VALID_KEY.matcher(key).matches()) {
      refuse(request, response, ApiException.badRequest(HEADER,
          "must be 1 to 255 visible ASCII characters (letters, digits, punctuation; no spaces)"));
      return;
    }
    if (!paths.contains(path)) {
      // Ignoring the key would let the client believe its retries are safe here.
      refuse(request, response, ApiException.badRequest(HEADER, "not supported on POST " + path
          + "; it is on POST " + String.join(", ", paths.stream().sorted().toList())));
      return;
    }
    byte[] body = StreamUtils.copyToByteArray(request.getInputStream());
    String hash = hash(request.getMethod(), path, request.getQueryString(), body);
    HttpServletRequest replayable = new BufferedBodyRequest(request, body);
    try {
      // A stored key can vanish between the conflict and the read (its request rolled back, or it expired): again.
      for (int attempt = 1; attempt <= 3; attempt++) {
        if (answer(key, hash, chain, replayable, response)) {
          return;
        }
      }
      refuse(request, response, ApiException.conflict(HEADER, "the key's earlier request kept ending without "
          + "an answer while this one waited; retry").retryAfter(1));
    } catch (IdempotencyKeys.Busy busy) {
      refuse(request, response, ApiException.conflict(HEADER, "a request with this key is still being "
          + "processed; retry after it finishes").retryAfter(1));
    } catch (ChainFailure failure) {
      failure.rethrow();
    } catch (RuntimeException e) {
      if (!DatabaseFailures.unavailable(e) || response.isCommitted()) {
        throw e;
      }
      // The claim, the commit or the look-up failed: nothing the request answered may be taken as stored.
      response.reset();
      problems.answer(request, response, e);
    }
  }

  /**
   * Runs the request under a fresh claim of {@code key}, or answers the stored original when the key was taken;
   * false when the key was taken but its answer is gone by the time it is read.
   */
  private boolean answer(String key, String hash, FilterChain chain, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    try {
      ContentCachingResponseWrapper answer = transactions.execute(tx -> {
        Instant now = Instant.now();
        keys.claim(key, hash, now, now.plus(lifetime));
        ContentCachingResponseWrapper out = new ContentCachingResponseWrapper(response);
        run(chain, request, out);
        if (out.getStatus() >= 200 && out.getStatus() < 300) {
          keys.complete(key, out.getStatus(), out.getHeader(HttpHeaders.LOCATION),
              new String(out.getContentAsByteArray(), StandardCharsets.UTF_8));
        } else {
          tx.setRollbackOnly();
        }
        return out;
      });
      answer.copyBodyToResponse();
      return true;
    } catch (IdempotencyKeys.Taken taken) {
      Optional<IdempotencyKeys.Stored> earlier = keys.find(key, Instant.now());
      if (earlier.isPresent()) {
        replay(earlier.get(), hash, request, response);
      }
      return earlier.isPresent();
    }
  }

  private void replay(IdempotencyKeys.Stored earlier, String hash, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    if (!earlier.requestHash().equals(hash)) {
      refuse(request, response, ApiException.unprocessable(HEADER, "was used with a different request (method, "
          + "path or body); use a new key for a new request"));
      return;
    }
    response.setStatus(earlier.status());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    if (earlier.location() != null) {
      response.setHeader(HttpHeaders.LOCATION, earlier.location());
    }
    response.setHeader(REPLAYED, "true");
    byte[] body = earlier.body().getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, ApiException refusal) {
    problems.answer(request, response, refusal);
  }

  private static void run(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException e) {
      throw new ChainFailure(e);
    }
  }

  private static String hash(String method, String path, String query, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((method + " " + path + (query == null ? "" : "?" + query) + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A checked failure of the rest of the chain, carried out of the transaction callback and rethrown as it was. */
  private static final class ChainFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChainFailure(Exception cause) {
      super(cause);
    }

    void rethrow() throws IOException, ServletException {
      if (getCause() instanceof IOException io) {
        throw io;
      }
      throw (ServletException) getCause();
    }
  }
}
