package io.nexus.cli.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic synthetic attribution data: a skewed channel mix, paths of 1 to 10 touches with repeats, conversion
 * probability that depends on the channels taken, order values and per-channel costs. The same seed gives the same
 * bytes on any machine. Not thread-safe.
 */
public final class SyntheticData {
  private static final String[] NAMES = {"search", "social", "email", "display", "direct", "video", "affiliate",
      "referral", "organic", "sms", "push", "audio", "shopping", "podcast", "native", "partner", "print", "radio",
      "tv", "app"};
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final long DAY_MILLIS = 86_400_000L;

  private final SplittableRandom random;
  private final List<Channel> channels;
  private final double[] cumulativeShare;

  /** One channel's traits. */
  record Channel(String name, String source, String medium, String touchType, long costMicros, double lift) {}

  /**
   * @param channelCount how many channels, at least 1
   * @param seed the random seed
   */
  public SyntheticData(int channelCount, long seed) {
    if (channelCount < 1) {
      throw new IllegalArgumentException("channel count must be at least 1");
    }
    this.random = new SplittableRandom(seed);
    this.channels = new ArrayList<>();
    this.cumulativeShare = new double[channelCount];
    double total = 0;
    for (int i = 0; i < channelCount; i++) {
      String name = i < NAMES.length ? NAMES[i] : "channel_" + (i + 1);
      channels.add(traits(name));
      // Zipf-like popularity: the first channels carry most of the traffic.
      total += 1 / StrictMath.pow(i + 1, 1.1);
      cumulativeShare[i] = total;
    }
    for (int i = 0; i < channelCount; i++) {
      cumulativeShare[i] /= total;
    }
  }

  private Channel traits(String name) {
    double lift = 0.01 + random.nextDouble() * 0.07;
    return switch (name) {
      case "search" -> new Channel(name, "google", "cpc", "click", 1_200_000, lift);
      case "social" -> new Channel(name, "facebook", "paid_social", "click", 800_000, lift);
      case "email" -> new Channel(name, "newsletter", "email", "click", 10_000, lift);
      case "display" -> new Channel(name, "adnetwork", "display", "impression", 5_000, lift);
      case "direct" -> new Channel(name, "(direct)", "(none)", "visit", 0, lift);
      case "video" -> new Channel(name, "youtube", "cpv", "impression", 30_000, lift);
      case "affiliate" -> new Channel(name, "partner", "affiliate", "click", 2_500_000, lift);
      case "referral" -> new Channel(name, "blog.example.com", "referral", "visit", 0, lift);
      case "organic" -> new Channel(name, "google", "organic", "visit", 0, lift);
      case "sms" -> new Channel(name, "sms", "sms", "click", 40_000, lift);
      case "push" -> new Channel(name, "firebase", "push", "click", 2_000, lift);
      case "audio" -> new Channel(name, "spotify", "audio", "impression", 20_000, lift);
      case "shopping" -> new Channel(name, "google", "cpc_shopping", "click", 900_000, lift);
      default -> new Channel(name, name, name, "click", 100_000 + random.nextInt(900_000), lift);
    };
  }

  /** Writes {@code rows} lines of ChannelAttribution's path format after the header. */
  public void writePaths(Writer out, long rows) throws IOException {
    out.write("path,total_conversions,total_conversion_value,total_null\n");
    StringBuilder line = new StringBuilder(128);
    int[] path = new int[10];
    for (long r = 0; r < rows; r++) {
      int length = pathLength();
      fillPath(path, length);
      double p = conversionProbability(path, length);
      int users = 1 + geometric(0.5);
      int conversions = 0;
      long valueCents = 0;
      for (int u = 0; u < users; u++) {
        if (random.nextDouble() < p) {
          conversions++;
          valueCents += orderValueCents();
        }
      }
      line.setLength(0);
      for (int i = 0; i < length; i++) {
        if (i > 0) {
          line.append(" > ");
        }
        line.append(channels.get(path[i]).name());
      }
      line.append(',').append(conversions).append(',');
      appendCents(line, valueCents);
      line.append(',').append(users - conversions).append('\n');
      out.append(line);
    }
  }

  /** Writes {@code rows} events (touches and conversions) of the touchpoint layout after the header. */
  public void writeTouchpoints(Writer out, long rows) throws IOException {
    out.write("user_id,timestamp,channel,source,medium,campaign,touchpoint_type,cost,conversion,conversion_type,"
        + "revenue\n");
    StringBuilder line = new StringBuilder(160);
    int[] path = new int[10];
    long written = 0;
    long user = 0;
    while (written < rows) {
      user++;
      long time = START.toEpochMilli() + (long) (random.nextDouble() * 90 * DAY_MILLIS);
      int journeys = random.nextDouble() < 0.15 ? 2 : 1;
      for (int j = 0; j < journeys && written < rows; j++) {
        int length = pathLength();
        fillPath(path, length);
        boolean converts = random.nextDouble() < conversionProbability(path, length);
        boolean lead = converts && length >= 3 && random.nextDouble() < 0.3;
        for (int i = 0; i < length && written < rows; i++) {
          Channel c = channels.get(path[i]);
          line.setLength(0);
          line.append('u').append(user).append(',').append(Instant.ofEpochSecond(time / 1000)).append(',')
              .append(c.name()).append(',').append(c.source()).append(',').append(c.medium()).append(',')
              .append(c.name()).append('_').append(1 + random.nextInt(3)).append(',')
              .append(lead && i == length / 2 ? "lead" : c.touchType()).append(',');
          appendMicros(line, c.costMicros());
          line.append(",0,,\n");
          out.append(line);
          written++;
          // Touches arrive hours to days apart.
          time += (long) (-StrictMath.log(1 - random.nextDouble()) * 1.5 * DAY_MILLIS) + 60_000;
        }
        if (converts && written < rows) {
          line.setLength(0);
          line.append('u').append(user).append(',').append(Instant.ofEpochSecond(time / 1000)).append(",,,,,,,1,purchase,");
          appendCents(line, orderValueCents());
          line.append('\n');
          out.append(line);
          written++;
        }
        time += (long) (random.nextDouble() * 20 * DAY_MILLIS) + DAY_MILLIS;
      }
    }
  }

  private int pathLength() {
    // Geometric-like: most journeys are short, a few reach 10 touches.
    int length = 1;
    while (length < 10 && random.nextDouble() < 0.6) {
      length++;
    }
    return length;
  }

  private void fillPath(int[] path, int length) {
    for (int i = 0; i < length; i++) {
      path[i] = i > 0 && random.nextDouble() < 0.25 ? path[i - 1] : pickChannel();
    }
  }

  private int pickChannel() {
    double u = random.nextDouble();
    for (int i = 0; i < cumulativeShare.length; i++) {
      if (u < cumulativeShare[i]) {
        return i;
      }
    }
    return cumulativeShare.length - 1;
  }

  private double conversionProbability(int[] path, int length) {
    double p = 0.03 + 0.015 * (length - 1);
    for (int i = 0; i < length; i++) {
      boolean first = true;
      for (int j = 0; j < i; j++) {
        if (path[j] == path[i]) {
          first = false;
          break;
        }
      }
      if (first) {
        p += channels.get(path[i]).lift();
      }
    }
    return Math.min(0.6, p);
  }

  private int geometric(double stop) {
    int n = 0;
    while (n < 50 && random.nextDouble() >= stop) {
      n++;
    }
    return n;
  }

  private long orderValueCents() {
    // Log-normal order values around 55 with a long tail.
    double value = StrictMath.exp(4.0 + 0.6 * gaussian());
    return Math.max(100, Math.round(value * 100));
  }

  private double gaussian() {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
  }

  private static void appendCents(StringBuilder out, long cents) {
    out.append(cents / 100).append('.');
    long rest = cents % 100;
    if (rest < 10) {
      out.append('0');
    }
    out.append(rest);
  }

  private static void appendMicros(StringBuilder out, long micros) {
    out.append(micros / 1_000_000).append('.');
    String fraction = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
    int end = fraction.length();
    while (end > 2 && fraction.charAt(end - 1) == '0') {
      end--;
    }
    out.append(fraction, 0, end);
  }
}
