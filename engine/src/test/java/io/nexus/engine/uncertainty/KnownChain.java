package io.nexus.engine.uncertainty;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A first-order Markov chain over three channels with known transition probabilities: journeys drawn from it (no
 * channel follows itself, so the model's merging of repeats changes nothing), aggregated into path rows, and the
 * true shares of conversions the Markov model estimates from them.
 */
final class KnownChain {
  static final String[] CHANNELS = {"search", "social", "email"};
  // From the start to each channel.
  private static final double[] START = {0.5, 0.3, 0.2};
  // From each channel: to each channel, then to conversion, then to null; rows sum to 1, no self-transitions.
  private static final double[][] STEP = {
      {0.00, 0.20, 0.15, 0.15, 0.50},
      {0.25, 0.00, 0.15, 0.05, 0.55},
      {0.20, 0.10, 0.00, 0.25, 0.45},
  };

  private KnownChain() {}

  /** {@code journeys} journeys drawn from the chain, one value of 20–80 per conversion, as distinct path rows. */
  static JourneyBatch paths(int journeys, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<List<String>, double[]> counts = new HashMap<>();
    List<List<String>> order = new ArrayList<>();
    for (int j = 0; j < journeys; j++) {
      List<String> path = new ArrayList<>();
      int state = pick(START, random);
      boolean converted;
      while (true) {
        path.add(CHANNELS[state]);
        int next = pick(STEP[state], random);
        if (next >= CHANNELS.length) {
          converted = next == CHANNELS.length;
          break;
        }
        state = next;
      }
      double[] c = counts.computeIfAbsent(path, p -> {
        order.add(p);
        return new double[3];
      });
      if (converted) {
        c[0]++;
        c[1] += 20 + 60 * random.nextDouble();
      } else {
        c[2]++;
      }
    }
    JourneyBatch.Builder builder = JourneyBatch.builder(new ChannelDictionary());
    for (List<String> path : order) {
      double[] c = counts.get(path);
      builder.addPath(path, c[0], c[1], c[2]);
    }
    return builder.build();
  }

  private static int pick(double[] probabilities, SplittableRandom random) {
    double u = random.nextDouble();
    for (int i = 0; i < probabilities.length - 1; i++) {
      u -= probabilities[i];
      if (u < 0) {
        return i;
      }
    }
    return probabilities.length - 1;
  }

  /**
   * The true share of conversions the Markov model gives channel {@code c}. The model splits each converting journey
   * over its channels in proportion to their removal effects and adds the journeys up (docs/models.md), so with
   * infinite data the share is the expectation, over converting journeys, of {@code RE_c / Σ RE} over the channels
   * the journey visited, taken with the chain's true removal effects.
   */
  static double trueShare(int c) {
    double[] effects = removalEffects();
    double[] bySet = conversionsByVisitedSet();
    double credited = 0;
    double all = 0;
    for (int set = 1; set < bySet.length; set++) {
      all += bySet[set];
      if ((set & (1 << c)) != 0) {
        double sum = 0;
        for (int k = 0; k < CHANNELS.length; k++) {
          sum += (set & (1 << k)) != 0 ? effects[k] : 0;
        }
        credited += bySet[set] * effects[c] / sum;
      }
    }
    return credited / all;
  }

  /** The chain's removal effects: 1 − P(conversion with the channel sent to null) / P(conversion). */
  static double[] removalEffects() {
    double[] effects = new double[CHANNELS.length];
    double base = conversionProbability(-1);
    for (int k = 0; k < CHANNELS.length; k++) {
      effects[k] = 1 - conversionProbability(k) / base;
    }
    return effects;
  }

  /**
   * The probability that a journey converts having visited exactly the channels of each bit set: a linear system over
   * (current channel, channels visited so far) for each final set.
   */
  private static double[] conversionsByVisitedSet() {
    int n = CHANNELS.length;
    int sets = 1 << n;
    double[] bySet = new double[sets];
    for (int target = 1; target < sets; target++) {
      // Unknown y[i * sets + mask]: the probability of converting with visited set target from channel i, visited mask.
      int size = n * sets;
      double[][] a = new double[size][size + 1];
      for (int i = 0; i < n; i++) {
        for (int mask = 0; mask < sets; mask++) {
          int row = i * sets + mask;
          a[row][row] = 1;
          if ((mask & (1 << i)) == 0) {
            continue; // unreachable: the current channel is always visited
          }
          a[row][size] = mask == target ? STEP[i][n] : 0;
          for (int k = 0; k < n; k++) {
            a[row][k * sets + (mask | (1 << k))] -= STEP[i][k];
          }
        }
      }
      double[] y = solve(a);
      for (int k = 0; k < n; k++) {
        bySet[target] += START[k] * y[k * sets + (1 << k)];
      }
    }
    return bySet;
  }

  /** The probability of reaching conversion from the start with channel {@code removed} (or none, -1) sent to null. */
  private static double conversionProbability(int removed) {
    int n = CHANNELS.length;
    // x = P x + b over the channel states: x_i the probability of converting from channel i.
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      a[i][i] = 1;
      if (i == removed) {
        continue;
      }
      for (int k = 0; k < n; k++) {
        if (k != removed) {
          a[i][k] -= STEP[i][k];
        }
      }
      a[i][n] = STEP[i][n];
    }
    double[] x = solve(a);
    double p = 0;
    for (int k = 0; k < n; k++) {
      if (k != removed) {
        p += START[k] * x[k];
      }
    }
    return p;
  }

  private static double[] solve(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      for (int row = col + 1; row < n; row++) {
        double f = a[row][col] / a[col][col];
        for (int k = col; k <= n; k++) {
          a[row][k] -= f * a[col][k];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double s = a[row][n];
      for (int k = row + 1; k < n; k++) {
        s -= a[row][k] * x[k];
      }
      x[row] = s / a[row][row];
    }
    return x;
  }
}
