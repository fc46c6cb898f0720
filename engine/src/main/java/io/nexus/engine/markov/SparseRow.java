package io.nexus.engine.markov;

import java.util.Arrays;

/**
 * One row of a sparse matrix under elimination: an open-addressing map from column to value without boxing, with
 * removal by backward shift (no tombstones, so a row that loses and gains entries stays compact); not thread-safe.
 */
final class SparseRow {
  private static final int EMPTY = -1;

  private int[] keys;
  private double[] values;
  private int size;

  SparseRow(int expected) {
    int capacity = 4;
    while (capacity < expected * 2) {
      capacity <<= 1;
    }
    keys = new int[capacity];
    values = new double[capacity];
    Arrays.fill(keys, EMPTY);
  }

  int size() {
    return size;
  }

  /** Adds {@code value} to column {@code key}, creating the entry (also when {@code value} is 0). */
  void add(int key, double value) {
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (true) {
      int k = keys[slot];
      if (k == key) {
        values[slot] += value;
        return;
      }
      if (k == EMPTY) {
        break;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = value;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  /** Removes column {@code key} and answers its value (0 when absent). */
  double remove(int key) {
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (true) {
      int k = keys[slot];
      if (k == EMPTY) {
        return 0;
      }
      if (k == key) {
        break;
      }
      slot = (slot + 1) & mask;
    }
    double value = values[slot];
    // Backward shift: move later entries of the same probe run into the hole.
    int hole = slot;
    for (int next = (hole + 1) & mask; keys[next] != EMPTY; next = (next + 1) & mask) {
      int home = mix(keys[next]) & mask;
      boolean between = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (!between) {
        keys[hole] = keys[next];
        values[hole] = values[next];
        hole = next;
      }
    }
    keys[hole] = EMPTY;
    values[hole] = 0;
    size--;
    return value;
  }

  /** Copies the columns and values into the arrays (in slot order) and answers how many. */
  int copyTo(int[] columns, double[] out) {
    int n = 0;
    for (int slot = 0; slot < keys.length; slot++) {
      if (keys[slot] != EMPTY) {
        columns[n] = keys[slot];
        out[n++] = values[slot];
      }
    }
    return n;
  }

  private void grow() {
    int[] oldKeys = keys;
    double[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new double[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = mix(oldKeys[i]) & mask;
        while (keys[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  private static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
