package io.nexus.engine.internal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An open-addressing hash map from int sequences (paths, channel sets, Markov states) to dense ids
 * {@code 0..size()-1}, without boxing or per-key objects; not thread-safe while written, safe to read concurrently
 * once filled.
 *
 * <p>Keys are copied into one flat pool, so looking a key up allocates nothing. {@link #findWithout} looks up a key
 * with one element left out, which the counterfactual model asks for once per touch.
 */
public final class IntSequenceMap implements Serializable {
  private static final long serialVersionUID = 1L;

  private int[] pool = new int[256];
  private int poolSize;
  private int[] starts = new int[64];
  private int[] lengths = new int[64];
  private int[] hashes = new int[64];
  private int[] table = new int[128];
  private int size;

  /** The number of keys. */
  public int size() {
    return size;
  }

  /** The id of {@code key[from..to)}, or -1 when absent. */
  public int find(int[] key, int from, int to) {
    int hash = hash(key, from, to, -1);
    int mask = table.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int id = entry - 1;
      if (hashes[id] == hash && equalsKey(id, key, from, to, -1)) {
        return id;
      }
    }
  }

  /** The id of {@code key[from..to)} with the element at index {@code skip} left out, or -1 when absent. */
  public int findWithout(int[] key, int from, int to, int skip) {
    int hash = hash(key, from, to, skip);
    int mask = table.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int id = entry - 1;
      if (hashes[id] == hash && equalsKey(id, key, from, to, skip)) {
        return id;
      }
    }
  }

  /** The id of {@code key}, or -1 when absent. */
  public int find(int[] key) {
    return find(key, 0, key.length);
  }

  /** The id of {@code key[from..to)}, adding a copy of the key when absent. */
  public int add(int[] key, int from, int to) {
    int hash = hash(key, from, to, -1);
    int mask = table.length - 1;
    int slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        break;
      }
      int id = entry - 1;
      if (hashes[id] == hash && equalsKey(id, key, from, to, -1)) {
        return id;
      }
    }
    int length = to - from;
    if (size == starts.length) {
      int capacity = size * 2;
      starts = Arrays.copyOf(starts, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
    }
    if (poolSize + length > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + length));
    }
    System.arraycopy(key, from, pool, poolSize, length);
    int id = size++;
    starts[id] = poolSize;
    lengths[id] = length;
    hashes[id] = hash;
    poolSize += length;
    table[slot] = id + 1;
    if (size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  /** The id of {@code key}, adding it when absent. */
  public int add(int[] key) {
    return add(key, 0, key.length);
  }

  /** The length of key {@code id}. */
  public int length(int id) {
    return lengths[id];
  }

  /** Element {@code index} of key {@code id}. */
  public int get(int id, int index) {
    return pool[starts[id] + index];
  }

  /** A copy of key {@code id}. */
  public int[] key(int id) {
    return Arrays.copyOfRange(pool, starts[id], starts[id] + lengths[id]);
  }

  /** Whether key {@code id} contains {@code value}. */
  public boolean contains(int id, int value) {
    for (int i = starts[id], end = starts[id] + lengths[id]; i < end; i++) {
      if (pool[i] == value) {
        return true;
      }
    }
    return false;
  }

  private boolean equalsKey(int id, int[] key, int from, int to, int skip) {
    int expected = skip >= 0 ? to - from - 1 : to - from;
    if (lengths[id] != expected) {
      return false;
    }
    int p = starts[id];
    for (int i = from; i < to; i++) {
      if (i == skip) {
        continue;
      }
      if (pool[p++] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private void rehash() {
    int[] grown = new int[table.length * 2];
    int mask = grown.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = hashes[id] & mask;
      while (grown[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = id + 1;
    }
    table = grown;
  }

  private static int hash(int[] key, int from, int to, int skip) {
    int h = 0x9747b28c;
    for (int i = from; i < to; i++) {
      if (i != skip) {
        h = (h ^ key[i]) * 0x9E3779B1;
        h = Integer.rotateLeft(h, 13);
      }
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
