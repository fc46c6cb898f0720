package io.nexus.engine;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An append-only mapping between channels and dense ids {@code 0..size()-1}; thread-safe.
 *
 * <p>Columnar batches and fitted models refer to channels by id; one dictionary is shared by every batch and model
 * of a run so that ids agree. Channels are told apart by their identity ({@link Channel#equals}): the catalogue id
 * when they have one, else the name.
 */
public final class ChannelDictionary implements Serializable {
  private static final long serialVersionUID = 3L;

  private final Map<Channel, Integer> ids = new ConcurrentHashMap<>();
  // Names as callers wrote them, so that looking up a file's channel by name allocates nothing after the first time.
  private final Map<String, Integer> namedIds = new ConcurrentHashMap<>();
  // Grown by doubling (campaign-level exports have 100,000 channels: copying per channel would be quadratic); slots
  // from size on are empty. A reader reads size before the array, the writer writes the array before size.
  private volatile Channel[] channels = new Channel[16];
  private volatile int size;

  /** A dictionary holding the channels {@linkplain Channel#named named} {@code names}, with ids in the given order. */
  public static ChannelDictionary of(String... names) {
    ChannelDictionary dictionary = new ChannelDictionary();
    for (String name : names) {
      dictionary.idOf(name);
    }
    return dictionary;
  }

  /** A dictionary holding the given channels with ids in the given order. */
  public static ChannelDictionary of(Channel... channels) {
    return of(Arrays.asList(channels));
  }

  /** A dictionary holding the given channels with ids in iteration order. */
  public static ChannelDictionary of(Collection<Channel> channels) {
    ChannelDictionary dictionary = new ChannelDictionary();
    for (Channel channel : channels) {
      dictionary.idOf(channel);
    }
    return dictionary;
  }

  /** The id of {@code channel}, adding it when new. */
  public int idOf(Channel channel) {
    Integer id = ids.get(channel);
    return id != null ? id : add(channel);
  }

  /** The id of the channel {@linkplain Channel#named named} {@code name}, adding it when new. */
  public int idOf(String name) {
    Integer id = namedIds.get(name);
    if (id == null) {
      id = idOf(Channel.named(name));
      namedIds.put(name, id);
    }
    return id;
  }

  private synchronized int add(Channel channel) {
    Integer known = ids.get(channel);
    if (known != null) {
      return known;
    }
    int id = size;
    Channel[] current = channels;
    if (id == current.length) {
      current = Arrays.copyOf(current, id * 2);
      channels = current;
    }
    current[id] = channel;
    size = id + 1;
    ids.put(channel, id);
    return id;
  }

  /** The id of {@code channel}, or -1 when the dictionary does not hold it. */
  public int find(Channel channel) {
    Integer id = ids.get(channel);
    return id == null ? -1 : id;
  }

  /** The id of the channel {@linkplain Channel#named named} {@code name}, or -1 when the dictionary lacks it. */
  public int find(String name) {
    Integer id = namedIds.get(name);
    return id != null ? id : find(Channel.named(name));
  }

  /** Channel {@code id}. */
  public Channel channel(int id) {
    return channels[Objects.checkIndex(id, size)];
  }

  /** The name of channel {@code id}. */
  public String name(int id) {
    return channel(id).name();
  }

  /** How many channels the dictionary holds. */
  public int size() {
    return size;
  }

  /** A new dictionary holding the same channels with the same ids, which can grow without touching this one. */
  public ChannelDictionary copy() {
    return of(channels());
  }

  /** The channels in id order. */
  public List<Channel> channels() {
    int n = size;
    return List.of(Arrays.copyOf(channels, n));
  }

  /** The channel names in id order. */
  public List<String> names() {
    return channels().stream().map(Channel::name).toList();
  }
}
