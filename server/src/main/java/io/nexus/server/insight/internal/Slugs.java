package io.nexus.server.insight.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The parts of fact ids that name models and channels: lower case letters, digits and underscores made from a name
 * (or a model's type), unique within a request; a name that another one shares, or one without letters or digits,
 * gets its id appended, so that ids stay stable as long as the names do.
 */
final class Slugs {
  private static final int MAX_LENGTH = 40;

  private Slugs() {}

  static String of(String text) {
    String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return slug.length() > MAX_LENGTH ? slug.substring(0, MAX_LENGTH).replaceAll("_+$", "") : slug;
  }

  /** Each item's slug made by {@code text}, in the order given, unique among them. */
  static <T> Map<T, String> unique(List<T> items, Function<T, String> text, ToLongFunction<T> id) {
    Map<String, Integer> uses = new HashMap<>();
    for (T item : items) {
      uses.merge(of(text.apply(item)), 1, Integer::sum);
    }
    Map<T, String> slugs = new LinkedHashMap<>();
    for (T item : items) {
      String slug = of(text.apply(item));
      slugs.put(item, slug.isEmpty() || uses.get(slug) > 1 ? (slug.isEmpty() ? "id" : slug) + "_" + id.applyAsLong(item)
          : slug);
    }
    return slugs;
  }
}
