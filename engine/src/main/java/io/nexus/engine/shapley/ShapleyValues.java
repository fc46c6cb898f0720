package io.nexus.engine.shapley;

import io.nexus.engine.internal.IntSequenceMap;
import java.util.SplittableRandom;

/**
 * Shapley values of the players of one channel set under the worth "conversion rate of journeys whose channel set is
 * exactly this coalition", floored at zero and normalised into fractions.
 */
final class ShapleyValues {
  private ShapleyValues() {}

  /**
   * The fractions of {@code players} (sorted channel ids): exact over all {@code 2^m} coalitions when
   * {@code m <= cap}, otherwise estimated from {@code samples} random orderings seeded by {@code seed} and the set.
   */
  static double[] fractions(int[] players, IntSequenceMap sets, double[] rates, int cap, int samples, long seed) {
    int m = players.length;
    double[] phi = m <= cap ? exact(players, sets, rates) : sampled(players, sets, rates, samples, seed);
    double sum = 0;
    for (int j = 0; j < m; j++) {
      phi[j] = Math.max(0, phi[j]);
      sum += phi[j];
    }
    for (int j = 0; j < m; j++) {
      phi[j] = sum > 0 ? phi[j] / sum : 1.0 / m;
    }
    return phi;
  }

  static double[] exact(int[] players, IntSequenceMap sets, double[] rates) {
    int m = players.length;
    int coalitions = 1 << m;
    double[] worth = new double[coalitions];
    int[] key = new int[m];
    for (int mask = 1; mask < coalitions; mask++) {
      int size = 0;
      for (int j = 0; j < m; j++) {
        if ((mask & (1 << j)) != 0) {
          key[size++] = players[j];
        }
      }
      int id = sets.find(key, 0, size);
      worth[mask] = id < 0 ? 0 : rates[id];
    }
    // weight[k] = k! (m-k-1)! / m!, the chance that a random ordering puts exactly a given k others before a player
    double[] weight = new double[m];
    for (int k = 0; k < m; k++) {
      double w = 1.0 / m;
      for (int i = 1; i <= k; i++) {
        w *= (double) i / (m - i);
      }
      weight[k] = w;
    }
    double[] phi = new double[m];
    for (int mask = 0; mask < coalitions; mask++) {
      int size = Integer.bitCount(mask);
      if (size == m) {
        continue;
      }
      double w = weight[size];
      for (int j = 0; j < m; j++) {
        int bit = 1 << j;
        if ((mask & bit) == 0) {
          phi[j] += w * (worth[mask | bit] - worth[mask]);
        }
      }
    }
    return phi;
  }

  static double[] sampled(int[] players, IntSequenceMap sets, double[] rates, int samples, long seed) {
    int m = players.length;
    long mixed = seed;
    for (int p : players) {
      mixed = mixed * 1_000_003L + p;
    }
    SplittableRandom random = new SplittableRandom(mixed);
    int[] order = new int[m];
    int[] key = new int[m];
    double[] phi = new double[m];
    for (int s = 0; s < samples; s++) {
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      for (int i = m - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double before = 0;
      boolean[] in = new boolean[m];
      for (int i = 0; i < m; i++) {
        in[order[i]] = true;
        int size = 0;
        for (int j = 0; j < m; j++) {
          if (in[j]) {
            key[size++] = players[j];
          }
        }
        int id = sets.find(key, 0, size);
        double after = id < 0 ? 0 : rates[id];
        phi[order[i]] += after - before;
        before = after;
      }
    }
    for (int j = 0; j < m; j++) {
      phi[j] /= samples;
    }
    return phi;
  }
}
