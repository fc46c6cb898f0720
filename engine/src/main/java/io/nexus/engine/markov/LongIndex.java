package io.nexus.engine.markov;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys (such as a packed pair of state ids) to dense ids
 * {@code 0..size()-1}, without boxing; not thread-safe while written, safe to read concurrently once filled.
 */
final class LongIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private long[] keys = new long[64];
  private int[] table = new int[128];
  private int size;

  /** Packs two non-negative ints into one key. */
  static long pair(int first, int second) {
    return ((long) first << 32) | (second & 0xffffffffL);
  }

  /** The first int of a packed pair. */
  static int first(long pair) {
    return (int) (pair >>> 32);
  }

  /** The second int of a packed pair. */
  static int second(long pair) {
    return (int) pair;
  }

  /** The number of keys. */
  int size() {
    return size;
  }

  /** Key {@code id}. */
  long key(int id) {
    return keys[id];
  }

  /** The id of {@code key}, or -1 when absent. */
  int find(long key) {
    int mask = table.length - 1;
    for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      if (keys[entry - 1] == key) {
        return entry - 1;
      }
    }
  }

  /** The id of {@code key}, adding it when absent. */
  int add(long key) {
    int mask = table.length - 1;
    int slot = mix(key) & mask;
    for (; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        break;
      }
      if (keys[entry - 1] == key) {
        return entry - 1;
      }
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size] = key;
    table[slot] = ++size;
    if (size * 2 > table.length) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    int[] grown = new int[table.length * 2];
    int mask = grown.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = mix(keys[id]) & mask;
      while (grown[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = id + 1;
    }
    table = grown;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (int) h;
  }
}
