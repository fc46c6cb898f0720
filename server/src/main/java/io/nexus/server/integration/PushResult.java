package io.nexus.server.integration;

import java.util.List;

/**
 * What a push sent to a platform; immutable.
 *
 * @param sent conversions sent
 * @param accepted conversions the platform says it received
 * @param skipped conversions not sent because the platform would refuse them (too old, ...)
 * @param requests requests made
 * @param notes what the platform or the integration has to say, such as why conversions were skipped
 */
public record PushResult(long sent, long accepted, long skipped, long requests, List<String> notes) {
  public PushResult {
    notes = List.copyOf(notes);
  }
}
