package io.nexus.engine;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An append-only mapping between channel names and dense ids {@code 0..size()-1}; thread-safe.
 *
 * <p>Columnar batches and fitted models refer to channels by id; one dictionary is shared by every batch and model
 * of a run so that ids agree.
 */
public final class ChannelDictionary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private volatile String[] names = new String[0];

  /** A dictionary holding the given channels with ids in the given order. */
  public static ChannelDictionary of(String... channels) {
    ChannelDictionary dictionary = new ChannelDictionary();
    for (String channel : channels) {
      dictionary.idOf(channel);
    }
    return dictionary;
  }

  /** A dictionary holding the given channels with ids in the given order. */
  public static ChannelDictionary of(List<String> channels) {
    return of(channels.toArray(String[]::new));
  }

  /** The id of {@code channel}, adding it when new. */
  public int idOf(String channel) {
    Integer id = ids.get(channel);
    return id != null ? id : add(channel);
  }

  private synchronized int add(String channel) {
    Integer id = ids.get(channel);
    if (id != null) {
      return id;
    }
    String[] current = names;
    String[] grown = Arrays.copyOf(current, current.length + 1);
    grown[current.length] = channel;
    names = grown;
    ids.put(channel, current.length);
    return current.length;
  }

  /** The id of {@code channel}, or -1 when the dictionary does not hold it. */
  public int find(String channel) {
    Integer id = ids.get(channel);
    return id == null ? -1 : id;
  }

  /** The name of channel {@code id}. */
  public String name(int id) {
    return names[id];
  }

  /** How many channels the dictionary holds. */
  public int size() {
    return names.length;
  }

  /** A new dictionary holding the same channels with the same ids, which can grow without touching this one. */
  public ChannelDictionary copy() {
    return of(names);
  }

  /** The channel names in id order. */
  public List<String> names() {
    return List.of(names);
  }
}
