package io.nexus.engine.uncertainty;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws from Poisson distributions of any mean on one random stream: inversion by sequential search for small means,
 * Hörmann's transformed rejection with squeeze (PTRS, 1993) for means of 10 and more. Hand-written because it is the
 * bootstrap's hot loop: a million rows a replicate, without an object per draw. Not thread-safe.
 */
final class PoissonDraws {
  private static final int TABLE = 64;
  // For whole means below TABLE: the cumulative distribution up to where it reaches 1 in doubles, so that a draw is a
  // short search without a division (path rows' counts are mostly small whole numbers).
  private static final double[][] CDF = new double[TABLE][];
  private static final double[] LOG_FACTORIAL = new double[256];

  static {
    for (int mean = 1; mean < TABLE; mean++) {
      double[] cdf = new double[4 * mean + 40];
      double p = Math.exp(-mean);
      double cumulative = p;
      int k = 0;
      cdf[0] = p;
      while (k + 1 < cdf.length && cumulative < 1) {
        k++;
        p *= (double) mean / k;
        cumulative += p;
        cdf[k] = cumulative;
      }
      cdf[k] = Double.POSITIVE_INFINITY;
      CDF[mean] = Arrays.copyOf(cdf, k + 1);
    }
    for (int k = 2; k < LOG_FACTORIAL.length; k++) {
      LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    }
  }

  private final SplittableRandom random;

  PoissonDraws(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A uniform double in [0, 1). */
  double uniform() {
    return random.nextDouble();
  }

  /** A uniform long in [0, bound). */
  long uniform(long bound) {
    return random.nextLong(bound);
  }

  /** A draw from Poisson({@code mean}); 0 for a mean of 0, without using the stream. */
  double next(double mean) {
    if (mean <= 0) {
      return 0;
    }
    return mean < 10 || (mean < TABLE && mean == (int) mean) ? inversion(mean) : ptrs(mean);
  }

  private double inversion(double mean) {
    // Whole means use their table; others the sequential search, O(mean) steps, for means below 10 only.
    int whole = (int) mean;
    if (whole == mean) {
      double[] cdf = CDF[whole];
      double u = random.nextDouble();
      if (whole < 8) {
        int k = 0;
        while (u >= cdf[k]) {
          k++;
        }
        return k;
      }
      // The first k whose cumulative probability exceeds u, by bisection: larger means have long tables.
      int low = 0;
      int high = cdf.length - 1;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (u >= cdf[mid]) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }
    double p = Math.exp(-mean);
    double cumulative = p;
    double u = random.nextDouble();
    int k = 0;
    // The cap only stops a pathological rounding loop: P(k > 200) is below 1e-200 for means under 10.
    while (u > cumulative && k < 200) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

  /** Hörmann, "The transformed rejection method for generating Poisson random variables", 1993. */
  private double ptrs(double mean) {
    double root = Math.sqrt(mean);
    double logMean = Math.log(mean);
    double b = 0.931 + 2.53 * root;
    double a = -0.059 + 0.02483 * b;
    double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      double k = Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b)
          <= -mean + k * logMean - logFactorial(k)) {
        return k;
      }
    }
  }

  /** ln(k!) from a table, else Stirling's series, exact to a double's precision for k of 256 and more. */
  static double logFactorial(double k) {
    if (k < LOG_FACTORIAL.length) {
      return LOG_FACTORIAL[(int) k];
    }
    double n = k + 1;
    double inverse = 1 / n;
    double inverse2 = inverse * inverse;
    return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI)
        + inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 / 1260));
  }

  /** The seed of replicate {@code replicate} of a bootstrap seeded with {@code seed}: SplitMix64's finaliser. */
  static long replicateSeed(long seed, int replicate) {
    return mix(seed + mix(replicate + 1L) * 0x9E3779B97F4A7C15L);
  }

  /** A draw from Poisson(1) given by the 64 random bits {@code bits}: inversion of the table. */
  static double one(long bits) {
    double u = (bits >>> 11) * 0x1.0p-53;
    double[] cdf = CDF[1];
    int k = 0;
    while (u >= cdf[k]) {
      k++;
    }
    return k;
  }

  /** SplitMix64's finaliser: 64 well-mixed bits from any 64. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
