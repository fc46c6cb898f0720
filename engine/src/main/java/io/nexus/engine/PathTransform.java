package io.nexus.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How repeated channels on a path are treated before attribution, after Google's fractribution; stateless and
 * thread-safe.
 */
public enum PathTransform {
  /** Every touch counts as it happened: {@code A > A > B > A} stays as it is. */
  UNIQUE,
  /** Consecutive repeats collapse into one touch: {@code A > A > B > A} becomes {@code A > B > A}. */
  EXPOSURE,
  /** Only the first touch of each channel stays: {@code A > A > B > A} becomes {@code A > B}. */
  FIRST;

  /**
   * The transform named {@code name}, case-insensitive.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
   */
  public static PathTransform parse(String name) {
    for (PathTransform t : values()) {
      if (t.name().equalsIgnoreCase(name.strip())) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown path transform, expected unique, exposure or first");
  }

  /** The transform's name as users write it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The items that remain after the transform, in order; the kept touch of a run or repeat is its first one.
   * Channels are compared with {@code equals}.
   */
  public <T> List<T> apply(List<T> items, Function<T, ?> channelOf) {
    switch (this) {
      case UNIQUE:
        return items;
      case EXPOSURE: {
        List<T> kept = new ArrayList<>(items.size());
        Object previous = null;
        for (T item : items) {
          Object channel = channelOf.apply(item);
          if (!Objects.equals(channel, previous)) {
            kept.add(item);
          }
          previous = channel;
        }
        return kept;
      }
      default: {
        List<T> kept = new ArrayList<>(items.size());
        Set<Object> seen = new HashSet<>();
        for (T item : items) {
          if (seen.add(channelOf.apply(item))) {
            kept.add(item);
          }
        }
        return kept;
      }
    }
  }

  /**
   * Transforms channel ids {@code path[from..to)} into {@code out} from index 0, returning the new length;
   * {@code out} may be {@code path} itself when {@code from} is 0.
   */
  public int apply(int[] path, int from, int to, int[] out) {
    int n = 0;
    switch (this) {
      case UNIQUE:
        System.arraycopy(path, from, out, 0, to - from);
        return to - from;
      case EXPOSURE:
        for (int i = from; i < to; i++) {
          if (n == 0 || out[n - 1] != path[i]) {
            out[n++] = path[i];
          }
        }
        return n;
      default:
        outer:
        for (int i = from; i < to; i++) {
          int channel = path[i];
          for (int j = 0; j < n; j++) {
            if (out[j] == channel) {
              continue outer;
            }
          }
          out[n++] = channel;
        }
        return n;
    }
  }
}
