package io.nexus.server.support.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A generated request: what to send and which mutation made it, to reproduce a failure by its seed. */
public record FuzzRequest(String method, String uri, String contentType, String accept, Map<String, String> headers,
    byte[] body, String mutation) {

  /** The request as text, its body cut short. */
  public String describe() {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    return method + " " + uri + " [" + mutation + "] " + (contentType == null ? "" : contentType + " ")
        + (text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text);
  }
}
