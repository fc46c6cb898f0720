package io.nexus.formats.synthetic;

import io.nexus.engine.journey.UserEvent;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic synthetic attribution data: a skewed channel mix, paths of 1 to 10 touches with repeats, conversion
 * probability that depends on the channels taken, order values and per-channel costs, GA4-style sources and media.
 * The same seed gives the same bytes on any machine. What {@code nexus generate} writes and the service's demo
 * loads. Not thread-safe.
 */
public final class SyntheticData {
  private static final String[] NAMES = {"search", "social", "email", "display", "direct", "video", "affiliate",
      "referral", "organic", "sms", "push", "audio", "shopping", "podcast", "native", "partner", "print", "radio",
      "tv", "app"};
  /** Where the users of {@link #nextUser()} start unless told otherwise. */
  public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final long DAY_MILLIS = 86_400_000L;

  private final SplittableRandom random;
  private final List<Channel> channels;
  private final double[] cumulativeShare;
  private final Instant start;
  private long users;

  /** One channel's traits. */
  record Channel(String name, String source, String medium, String touchType, long costMicros, double lift) {}

  /**
   * @param channelCount how many channels, at least 1
   * @param seed the random seed
   */
  public SyntheticData(int channelCount, long seed) {
    this(channelCount, seed, START);
  }

  /**
   * @param channelCount how many channels, at least 1
   * @param seed the random seed
   * @param start where the 90 days in which users start begin
   */
  public SyntheticData(int channelCount, long seed, Instant start) {
    if (channelCount < 1) {
      throw new IllegalArgumentException("channel count must be at least 1");
    }
    this.random = new SplittableRandom(seed);
    this.start = start;
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
    long written = 0;
    while (written < rows) {
      for (UserEvent event : nextUser()) {
        if (written == rows) {
          break;
        }
        line.setLength(0);
        line.append(event.userId()).append(',').append(event.timestamp()).append(',');
        if (event.conversion()) {
          line.append(",,,,,,1,").append(event.conversionType()).append(',').append(event.revenue().toPlainString());
        } else {
          line.append(event.channel()).append(',').append(event.source()).append(',').append(event.medium())
              .append(',').append(event.campaign()).append(',').append(event.touchpointType()).append(',')
              .append(event.cost().toPlainString()).append(",0,,");
        }
        out.append(line.append('\n'));
        written++;
      }
    }
  }

  /**
   * The next user's events in time order: one journey of touches, sometimes two, each ending in a purchase or not;
   * touches hours to days apart, journeys days apart, the first in the 90 days from the start. Users are
   * {@code u1}, {@code u2}, ... Touches carry the channel's name, GA4-style source and medium, a campaign, a touch
   * type ({@code lead} for W-shaped's milestone on some converting journeys) and cost; purchases a value.
   */
  public List<UserEvent> nextUser() {
    List<UserEvent> events = new ArrayList<>();
    String user = "u" + ++users;
    long time = start.toEpochMilli() + (long) (random.nextDouble() * 90 * DAY_MILLIS);
    int journeys = random.nextDouble() < 0.15 ? 2 : 1;
    int[] path = new int[10];
    for (int j = 0; j < journeys; j++) {
      int length = pathLength();
      fillPath(path, length);
      boolean converts = random.nextDouble() < conversionProbability(path, length);
      boolean lead = converts && length >= 3 && random.nextDouble() < 0.3;
      for (int i = 0; i < length; i++) {
        Channel c = channels.get(path[i]);
        // File times are whole seconds.
        events.add(new UserEvent(user, Instant.ofEpochSecond(time / 1000), c.name(), c.source(), c.medium(),
            c.name() + "_" + (1 + random.nextInt(3)), lead && i == length / 2 ? "lead" : c.touchType(),
            cost(c.costMicros()), null, 0, 0, false, null, null));
        // Touches arrive hours to days apart.
        time += (long) (-StrictMath.log(1 - random.nextDouble()) * 1.5 * DAY_MILLIS) + 60_000;
      }
      if (converts) {
        events.add(new UserEvent(user, Instant.ofEpochSecond(time / 1000), null, null, null, null, null, null, null,
            0, 0, true, "purchase", BigDecimal.valueOf(orderValueCents(), 2)));
      }
      time += (long) (random.nextDouble() * 20 * DAY_MILLIS) + DAY_MILLIS;
    }
    return events;
  }

  /** A cost in micros as a decimal with at least two places: {@code 1.20}, {@code 0.005}. */
  private static BigDecimal cost(long micros) {
    BigDecimal cost = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    return cost.scale() < 2 ? cost.setScale(2) : cost;
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
    // The first channel whose cumulative share exceeds u, by bisection: 100,000 channels cost 17 steps, not a scan.
    double u = random.nextDouble();
    int low = 0;
    int high = cumulativeShare.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (u < cumulativeShare[mid]) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
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

}
