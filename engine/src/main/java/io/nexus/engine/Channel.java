package io.nexus.engine;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * A marketing channel as the engine knows it: its identity, its display name and whether it is direct traffic;
 * immutable and thread-safe.
 *
 * <p>A channel with an {@code id} (a catalogue's, such as the service's channel ids) is identified by that id alone, so
 * that renaming it does not make it another channel. A channel of a file has no id ({@link #NO_ID}) and is identified
 * by its name. {@code equals} and {@code hashCode} follow that identity, not every component.
 *
 * @param id the channel's id in its catalogue, never negative, or {@link #NO_ID} when the name is the identity
 * @param name the display name, never blank
 * @param direct whether the channel is direct traffic (typed-in URLs, bookmarks), which {@code last_non_direct} skips
 */
public record Channel(long id, String name, boolean direct) implements Serializable, Comparable<Channel> {

  /** The id of a channel that is known by its name only. */
  public static final long NO_ID = -1;

  public Channel {
    Objects.requireNonNull(name, "name");
    name = name.strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("channel name must not be blank");
    }
    if (id < NO_ID) {
      throw new IllegalArgumentException("channel id must not be negative: " + id);
    }
  }

  /**
   * The channel known by {@code name} alone, as channels of files are; it is direct when its name is {@code direct}
   * or {@code (direct)} in any case, as GA4 and ChannelAttribution's data name direct traffic.
   */
  public static Channel named(String name) {
    Objects.requireNonNull(name, "name");
    return new Channel(NO_ID, name, isDirectName(name));
  }

  /** Whether {@code name} is one of the names files give direct traffic: {@code direct} or {@code (direct)}. */
  public static boolean isDirectName(String name) {
    String normal = name.strip().toLowerCase(Locale.ROOT);
    return normal.equals("direct") || normal.equals("(direct)");
  }

  /** Whether the channel has a catalogue id, rather than being known by its name. */
  public boolean hasId() {
    return id != NO_ID;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Channel other && id == other.id && (id != NO_ID || name.equals(other.name));
  }

  @Override
  public int hashCode() {
    return id != NO_ID ? Long.hashCode(id) : name.hashCode();
  }

  /**
   * Channels in name order, then by id: the order of every channel listing. Consistent with {@code equals} among the
   * channels of one catalogue snapshot, where names are unique; a renamed channel equals its old self but sorts apart.
   */
  @Override
  public int compareTo(Channel other) {
    int byName = name.compareTo(other.name);
    return byName != 0 ? byName : Long.compare(id, other.id);
  }

  /** The name, as people read it. */
  @Override
  public String toString() {
    return name;
  }
}
