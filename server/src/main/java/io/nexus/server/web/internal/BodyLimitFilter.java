package io.nexus.server.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import io.nexus.server.web.TenantLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the tenant's {@code body-size} with 413 before they are read: at once when the declared
 * Content-Length is over every tenant's limit, when the body is first read if it is over the caller's tenant's, and as
 * soon as a body without one (chunked) streams past it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodyLimitFilter extends OncePerRequestFilter {
  private final RequestLimits limits;
  private final long largest;
  private final FilterProblems problems;

  BodyLimitFilter(RequestLimits limits, FilterProblems problems) {
    this.limits = limits;
    this.largest = limits.largestBodySize();
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // The tenant is not known yet: refuse here only what no tenant may send.
    if (request.getContentLengthLong() > largest) {
      problems.answer(request, response, new BodyTooLargeException(largest, limits.tenants().isEmpty()
          ? "nexus.limits.body-size" : "the largest nexus.limits.*body-size"));
      // Sent now: the server then drops the connection rather than read the rest of the body.
      response.flushBuffer();
      return;
    }
    chain.doFilter(new BoundedBodyRequest(request, limits), response);
  }

  /** Thrown when a body is, or turns out to be, larger than the limit; answered 413 naming the limit. */
  static final class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long limit;
    private final String setting;

    BodyTooLargeException(long limit, String setting) {
      super("the request body is larger than the limit of " + limit + " bytes");
      this.limit = limit;
      this.setting = setting;
    }

    long limit() {
      return limit;
    }

    /** The setting that holds the limit. */
    String setting() {
      return setting;
    }
  }

  /**
   * The request with a body stream that fails once more than the tenant's limit has been read. The limit is looked
   * up when the body is first read, by then for the tenant of the caller.
   */
  private static final class BoundedBodyRequest extends HttpServletRequestWrapper {
    private final RequestLimits limits;
    private ServletInputStream stream;

    BoundedBodyRequest(HttpServletRequest request, RequestLimits limits) {
      super(request);
      this.limits = limits;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        TenantLimits.Effective tenant = limits.current();
        if (getContentLengthLong() > tenant.bodySize()) {
          throw new BodyTooLargeException(tenant.bodySize(), tenant.key("body-size"));
        }
        stream = new BoundedInputStream(super.getInputStream(), tenant.bodySize(), tenant.key("body-size"));
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class BoundedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private final String setting;
    private long read;

    BoundedInputStream(ServletInputStream in, long limit, String setting) {
      this.in = in;
      this.limit = limit;
      this.setting = setting;
    }

    private int count(int n) {
      if (n > 0) {
        read += n;
        if (read > limit) {
          throw new BodyTooLargeException(limit, setting);
        }
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      count(b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return count(in.read(buffer, offset, length));
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
