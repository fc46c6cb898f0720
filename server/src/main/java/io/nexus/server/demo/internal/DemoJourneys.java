package io.nexus.server.demo.internal;

import io.nexus.server.channel.Channel;
import io.nexus.server.journey.ImportedJourney;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic synthetic journeys over the catalogue's channels: skewed channel popularity, 1 to 8 touches with repeats,
 * clicks and impressions priced from the channels' costs, a conversion chance that depends on the channels taken,
 * log-normal order values. The same seed and start give the same journeys.
 */
final class DemoJourneys {
  private static final String[] DEVICES = {"desktop", "mobile", "mobile", "tablet"};
  private static final String[] BROWSERS = {"chrome", "chrome", "safari", "firefox", "edge"};
  private static final String[][] PRODUCTS = {{"Running Shoes", "Footwear"}, {"Trail Jacket", "Apparel"},
      {"Yoga Mat", "Fitness"}, {"Smart Watch", "Electronics"}, {"Water Bottle", "Accessories"},
      {"Backpack", "Accessories"}, {"Headphones", "Electronics"}};

  private final List<Channel> channels;
  private final double[] cumulative;
  private final double[] lift;
  private final SplittableRandom random;

  DemoJourneys(List<Channel> channels, long seed) {
    this.channels = List.copyOf(channels);
    this.random = new SplittableRandom(seed);
    this.cumulative = new double[channels.size()];
    this.lift = new double[channels.size()];
    double total = 0;
    for (int i = 0; i < channels.size(); i++) {
      total += 1 / Math.pow(i + 1, 0.9);
      cumulative[i] = total;
      lift[i] = 0.01 + random.nextDouble() * 0.06;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
  }

  /** {@code count} journeys starting in the {@code days} days before {@code end}. */
  List<ImportedJourney> generate(int count, Instant end, int days) {
    List<ImportedJourney> journeys = new ArrayList<>(count);
    Instant start = end.minus(Duration.ofDays(days));
    int users = (int) (count * 0.8);
    for (int i = 0; i < count; i++) {
      String user = "demo_user_" + (1 + random.nextInt(users));
      // Leave room after the start for the journey's touches so that nothing lands in the future.
      Instant at = start.plusSeconds((long) (random.nextDouble() * (days - 5) * 86_400));
      journeys.add(journey(user, "s" + (i + 1), at));
    }
    return journeys;
  }

  private ImportedJourney journey(String user, String session, Instant start) {
    int length = 1;
    while (length < 8 && random.nextDouble() < 0.55) {
      length++;
    }
    List<ImportedJourney.Touch> touches = new ArrayList<>(length);
    Instant at = start;
    int previous = -1;
    double chance = 0.02 + 0.01 * length;
    boolean[] seen = new boolean[channels.size()];
    String device = DEVICES[random.nextInt(DEVICES.length)];
    String browser = BROWSERS[random.nextInt(BROWSERS.length)];
    for (int i = 0; i < length; i++) {
      int c = previous >= 0 && random.nextDouble() < 0.25 ? previous : pick();
      Channel channel = channels.get(c);
      if (!seen[c]) {
        chance += lift[c];
        seen[c] = true;
      }
      boolean impression = channel.costPerImpression() != null
          && (channel.costPerClick() == null || random.nextDouble() < 0.6);
      String type = impression ? "impression" : channel.costPerClick() != null ? "click" : "visit";
      if (i > 0 && i == length - 2 && random.nextDouble() < 0.2) {
        type = "lead";
      }
      BigDecimal cost = impression ? channel.costPerImpression()
          : "click".equals(type) && channel.costPerClick() != null ? channel.costPerClick() : BigDecimal.ZERO;
      touches.add(new ImportedJourney.Touch(channel.id(), type, at, cost.setScale(4, RoundingMode.HALF_UP),
          BigDecimal.valueOf(random.nextInt(1001), 3), impression ? 0 : 10 + random.nextInt(600),
          impression ? 0 : 1 + random.nextInt(12), channel.channelType() + "_" + (1 + random.nextInt(4)), device,
          browser));
      previous = c;
      at = at.plusSeconds(600 + (long) (-Math.log(1 - random.nextDouble()) * 1.2 * 86_400));
    }
    List<ImportedJourney.Purchase> purchases = new ArrayList<>();
    if (random.nextDouble() < Math.min(0.5, chance)) {
      String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
      double value = Math.exp(4.0 + 0.6 * gaussian());
      purchases.add(new ImportedJourney.Purchase("purchase", at.plusSeconds(60 + random.nextInt(3_600)),
          BigDecimal.valueOf(Math.max(5, value)).setScale(2, RoundingMode.HALF_UP), 1 + (random.nextDouble() < 0.2 ? 1 : 0),
          product[0], product[1]));
    }
    return new ImportedJourney(user, session, start, touches, purchases);
  }

  private int pick() {
    double u = random.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  private double gaussian() {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
