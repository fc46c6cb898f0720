package io.nexus.server.insight.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fact computed from the data, which insights cite by its id; immutable.
 *
 * @param id a stable id such as {@code roi.markov.email} or {@code wow.revenue}
 * @param type what the value is: {@code count} (an integer), {@code money} (to the cent), {@code number},
 *     {@code percent} (ROI, in percent), {@code ratio} (ROAS, shares), or one of the composite values {@code change},
 *     {@code path}, {@code distribution}, {@code disagreement} (objects, see docs/ai.md)
 * @param value the value: a number, or an object of numbers and names for the composite types
 * @param about the model, channel or weeks the fact is about, by name; for {@code totals.cost} where the cost came
 *     from; empty for the other totals
 */
record Fact(String id, String type, Object value, @JsonInclude(Include.NON_EMPTY) Map<String, Object> about) {

  Fact {
    about = about == null ? Map.of() : about;
  }

  /** The fact as plain data for the AI provider. */
  Map<String, Object> asData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("type", type);
    data.put("value", value);
    if (!about.isEmpty()) {
      data.put("about", about);
    }
    return data;
  }
}
