package io.nexus.server.web.internal;

import io.nexus.server.web.TenantLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * A tenant's own JSON depth and string length, when they are stricter than the JSON reader's (which allows the most
 * any tenant may send): the body, already bounded by the body size, is scanned against the tenant's limits before it
 * is bound, and refused as the reader would refuse it. Tenants without stricter limits are not scanned.
 */
@ControllerAdvice
class TenantJsonLimits extends RequestBodyAdviceAdapter {
  private final RequestLimits limits;
  private final Map<Long, JsonFactory> factories = new ConcurrentHashMap<>();

  TenantJsonLimits(RequestLimits limits) {
    this.limits = limits;
  }

  @Override
  public boolean supports(MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
    TenantLimits.Effective tenant = limits.current();
    if (tenant.jsonDepth() >= limits.deepestJson() && tenant.stringLength() >= limits.longestString()) {
      return input;
    }
    byte[] body = input.getBody().readAllBytes();
    JsonFactory factory = factories.computeIfAbsent(((long) tenant.jsonDepth() << 32) | tenant.stringLength(),
        k -> JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(tenant.jsonDepth()).maxStringLength(tenant.stringLength()).build()).build());
    try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME) {
          parser.getString();
        }
      }
    } catch (StreamConstraintsException e) {
      throw new HttpMessageNotReadableException("over the tenant's JSON limits", e, input);
    } catch (JacksonException e) {
      // Malformed JSON: the reader itself refuses it, naming the field.
    }
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return new ByteArrayInputStream(body);
      }

      @Override
      public HttpHeaders getHeaders() {
        return input.getHeaders();
      }
    };
  }
}
