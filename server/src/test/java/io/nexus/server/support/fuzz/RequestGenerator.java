package io.nexus.server.support.fuzz;

import io.nexus.server.support.fuzz.Json.Raw;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Makes requests for an operation from its OpenAPI schema: a well-formed request built from the schema and the ids
 * and names that exist, then most often spoilt in one place: a wrong type, a value at or past a bound, a missing or an
 * extra field, a huge or odd string, broken JSON, too deep nesting, an odd id or query parameter, a wrong content
 * type. The same seed makes the same requests.
 */
public final class RequestGenerator {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

  private final JsonNode document;
  private final Map<String, List<Object>> hints;
  private final SplittableRandom random;

  /**
   * {@code hints} are values that exist, by JSON field name or path parameter ({@code journeys}, {@code channels},
   * {@code models}, {@code jobs} for {@code {id}} after that path segment).
   */
  public RequestGenerator(JsonNode document, Map<String, List<Object>> hints, long seed) {
    this.document = document;
    this.hints = hints;
    this.random = new SplittableRandom(seed);
  }

  /** The next request for {@code operation}. */
  public FuzzRequest next(Operation operation) {
    List<String> mutations = new ArrayList<>();
    String uri = uri(operation, mutations);
    String contentType = operation.body() == null ? null : "application/json";
    String accept = null;
    Map<String, String> headers = new LinkedHashMap<>();
    String body = null;
    if (operation.body() != null) {
      Object tree = valid(operation.body(), "body", 0);
      int roll = random.nextInt(100);
      if (roll < 20) {
        mutations.add("valid");
      } else if (roll < 75) {
        tree = mutateField(tree, operation.body(), mutations);
      } else if (roll < 80) {
        tree = Map.of();
        mutations.add("empty object");
      } else if (roll < 85) {
        body = brokenSyntax(Json.write(tree), mutations);
      } else if (roll < 88) {
        body = topLevelOdd(mutations);
      } else if (roll < 91) {
        Map<String, Object> deep = tree instanceof Map<?, ?> m ? new LinkedHashMap<>(castMap(m)) : new LinkedHashMap<>();
        deep.put("metadata", OddValues.nested(20 + random.nextInt(30)));
        tree = deep;
        mutations.add("deep nesting");
      } else if (roll < 95) {
        contentType = OddValues.pick(random, List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "application/json; charset=ISO-8859-1", "application/json;charset=utf-16", "*/*", "application/problem+json",
            "multipart/form-data; boundary=x", "application/jsonx", "garbage"));
        mutations.add("content type " + contentType);
      } else if (roll < 97) {
        contentType = null;
        mutations.add("no content type");
      } else {
        tree = mutateField(mutateField(tree, operation.body(), mutations), operation.body(), mutations);
      }
      if (body == null) {
        body = Json.write(tree);
      }
    } else if (random.nextInt(10) == 0) {
      contentType = "application/json";
      body = Json.write(Map.of("unexpected", OddValues.pick(random, OddValues.STRINGS)));
      mutations.add("body where none is read");
    }
    int extras = random.nextInt(100);
    if (extras < 4) {
      accept = OddValues.pick(random, List.of("application/xml", "text/html", "image/png", "*/*", "application/*",
          "text/csv", "application/json;q=0", "garbage/"));
      mutations.add("accept " + accept);
    } else if (extras < 8) {
      headers.put("Idempotency-Key", OddValues.pick(random, List.of("", " ", "k", "a".repeat(256), "ä", "key\u0001",
          "550e8400-e29b-41d4-a716-446655440000")));
      mutations.add("idempotency key");
    }
    if (mutations.isEmpty()) {
      mutations.add("valid");
    }
    return new FuzzRequest(operation.method(), uri, contentType, accept, headers,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), String.join(", ", mutations));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  // ---- path and query ---------------------------------------------------------------------------------------------

  private String uri(Operation operation, List<String> mutations) {
    boolean oddParams = random.nextInt(100) < (operation.body() == null ? 60 : 15);
    Matcher m = PATH_PARAM.matcher(operation.path());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String before = operation.path().substring(0, m.start());
      String value;
      if (oddParams && random.nextBoolean()) {
        value = OddValues.pick(random, OddValues.IDS);
        mutations.add("odd path " + m.group(1) + "=" + value);
      } else {
        value = String.valueOf(existing(pathPool(m.group(1), before)));
      }
      m.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    m.appendTail(path);
    List<String> query = new ArrayList<>();
    for (Operation.Param p : operation.params()) {
      if (!"query".equals(p.in())) {
        continue;
      }
      int roll = random.nextInt(100);
      if (oddParams && roll < 50) {
        String value = OddValues.pick(random, OddValues.QUERY);
        query.add(p.name() + "=" + value);
        mutations.add("odd query " + p.name());
      } else if (roll < 60) {
        Object value = scalar(p.schema(), p.name(), 0);
        query.add(p.name() + "=" + URLEncoder.encode(String.valueOf(value instanceof Raw raw ? raw.text() : value),
            StandardCharsets.UTF_8));
      }
    }
    if (oddParams && random.nextInt(5) == 0) {
      query.add(OddValues.pick(random, List.of("unknown=1", "page=1&page=2", "size=0", "size=100000", "page=-1",
          "=x", "&&", "use_cache=maybe", "model_id=")));
      mutations.add("extra query");
    }
    Collections.shuffle(query, new java.util.Random(random.nextLong()));
    return query.isEmpty() ? path.toString() : path + "?" + String.join("&", query);
  }

  private static String pathPool(String name, String before) {
    if (name.equals("journeyId")) {
      return "path:journeys";
    }
    if (name.equals("modelId")) {
      return "path:models";
    }
    String[] segments = before.split("/");
    return "path:" + segments[segments.length - 1];
  }

  private Object existing(String pool) {
    List<Object> values = hints.getOrDefault(pool, List.of(1L));
    return values.get(random.nextInt(values.size()));
  }

  // ---- well-formed values from the schema -------------------------------------------------------------------------

  private JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref == null ? schema : document.at(ref.asString().substring(1));
  }

  private Object valid(JsonNode schema, String name, int depth) {
    schema = resolve(schema);
    String type = schema.has("type") ? schema.get("type").asString() : "object";
    switch (type) {
      case "object" -> {
        Map<String, Object> object = new LinkedHashMap<>();
        JsonNode properties = schema.get("properties");
        if (properties == null) {
          return freeMap();
        }
        List<String> required = new ArrayList<>();
        if (schema.has("required")) {
          schema.get("required").forEach(r -> required.add(r.asString()));
        }
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
          if (required.contains(p.getKey()) || random.nextInt(10) < 6) {
            object.put(p.getKey(), valid(p.getValue(), p.getKey(), depth + 1));
          }
        }
        return object;
      }
      case "array" -> {
        int min = schema.has("minItems") ? schema.get("minItems").asInt() : 0;
        int size = Math.max(min, random.nextInt(4));
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          list.add(valid(schema.get("items"), singular(name), depth + 1));
        }
        return list;
      }
      default -> {
        return scalar(schema, name, depth);
      }
    }
  }

  private static String singular(String name) {
    return name.endsWith("_ids") ? name.substring(0, name.length() - 1) : name;
  }

  private Object scalar(JsonNode schema, String name, int depth) {
    schema = resolve(schema);
    List<Object> known = hints.get(name);
    if (known != null && random.nextInt(10) < 8) {
      return known.get(random.nextInt(known.size()));
    }
    String type = schema.has("type") ? schema.get("type").asString() : "string";
    return switch (type) {
      case "integer" -> {
        long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
        long max = schema.has("maximum") ? schema.get("maximum").asLong() : min + 100;
        yield min + random.nextLong(Math.max(1, Math.min(max - min + 1, 1000)));
      }
      case "number" -> new Raw((random.nextInt(1000)) + "." + random.nextInt(100));
      case "boolean" -> random.nextBoolean();
      default -> string(schema, name);
    };
  }

  private String string(JsonNode schema, String name) {
    if (schema.has("format") && "date-time".equals(schema.get("format").asString())) {
      return String.format("2025-01-%02dT%02d:%02d:00Z", 1 + random.nextInt(28), random.nextInt(24),
          random.nextInt(60));
    }
    if (name.endsWith("_date")) {
      return String.format("2025-01-%02d", 1 + random.nextInt(28));
    }
    if (schema.has("pattern")) {
      return "t" + (char) ('a' + random.nextInt(26)) + random.nextInt(100);
    }
    int max = schema.has("maxLength") ? schema.get("maxLength").asInt() : 30;
    int min = schema.has("minLength") ? schema.get("minLength").asInt() : 0;
    int length = Math.max(min, Math.min(max, 1 + random.nextInt(20)));
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }

  private Map<String, Object> freeMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    int size = random.nextInt(3);
    for (int i = 0; i < size; i++) {
      map.put(OddValues.pick(random, List.of("first", "last", "middle", "k", "source", "region")),
          random.nextBoolean() ? new Raw("0." + random.nextInt(10)) : OddValues.pick(random, OddValues.STRINGS));
    }
    return map;
  }

  // ---- spoiling a well-formed body --------------------------------------------------------------------------------

  /** A place in the body: the container and the key (a field name or list index) of one value, with its schema. */
  private record Slot(Object container, Object key, JsonNode schema, String name) {}

  private void slots(Object value, JsonNode schema, List<Slot> out) {
    schema = resolve(schema);
    if (value instanceof LinkedHashMap<?, ?> map && schema.has("properties")) {
      for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
        out.add(new Slot(map, p.getKey(), p.getValue(), p.getKey()));
        if (map.containsKey(p.getKey())) {
          slots(map.get(p.getKey()), p.getValue(), out);
        }
      }
    } else if (value instanceof ArrayList<?> list && schema.has("items")) {
      for (int i = 0; i < list.size(); i++) {
        out.add(new Slot(list, i, schema.get("items"), "item"));
        slots(list.get(i), schema.get("items"), out);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Object mutateField(Object tree, JsonNode schema, List<String> mutations) {
    List<Slot> slots = new ArrayList<>();
    slots(tree, schema, slots);
    if (slots.isEmpty()) {
      mutations.add("no fields");
      return tree;
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    JsonNode field = resolve(slot.schema());
    int roll = random.nextInt(100);
    Object replacement;
    String what;
    if (roll < 12 && slot.container() instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).remove((String) slot.key());
      mutations.add("missing " + slot.name());
      return tree;
    } else if (roll < 20 && slot.container() instanceof Map<?, ?> map) {
      String extra = OddValues.pick(random, List.of("unknown", "id", "tenant_id", "created_at", "userId", "__proto__",
          "", "journeyId", slot.name().toUpperCase()));
      ((Map<String, Object>) map).put(extra, OddValues.pick(random, List.of(1, "x", List.of(), Map.of())));
      mutations.add("extra field '" + extra + "'");
      return tree;
    } else if (roll < 40) {
      replacement = wrongType(field);
      what = "wrong type";
    } else if (roll < 65) {
      replacement = boundary(field, slot.name());
      what = "boundary";
    } else if (roll < 88) {
      replacement = oddString(field, slot.name());
      what = "odd string";
    } else if (roll < 95) {
      replacement = null;
      what = "null";
    } else {
      replacement = hugeString();
      what = "huge string";
    }
    String shown = replacement instanceof String s && s.length() > 40 ? s.length() + " chars" : String.valueOf(
        replacement instanceof Raw raw ? raw.text() : replacement);
    mutations.add(what + " " + slot.name() + "=" + (shown.length() > 60 ? shown.substring(0, 60) : shown));
    if (slot.container() instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put((String) slot.key(), replacement);
    } else {
      ((List<Object>) slot.container()).set((Integer) slot.key(), replacement);
    }
    return tree;
  }

  private Object wrongType(JsonNode field) {
    String type = field.has("type") ? field.get("type").asString() : "object";
    List<Object> choices = new ArrayList<>(List.of(List.of(), Map.of(), true, new Raw("12"), "12", new Raw("1.5"),
        List.of(1, 2), Map.of("a", 1), new Raw("-0"), "true"));
    choices.removeIf(c -> matches(type, c));
    return choices.get(random.nextInt(choices.size()));
  }

  private static boolean matches(String type, Object value) {
    return switch (type) {
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      case "array" -> value instanceof List;
      case "object" -> value instanceof Map;
      default -> false;
    };
  }

  private Object boundary(JsonNode field, String name) {
    String type = field.has("type") ? field.get("type").asString() : "object";
    List<Object> choices = new ArrayList<>();
    switch (type) {
      case "integer", "number" -> {
        OddValues.NUMBERS.forEach(n -> choices.add(new Raw(n)));
        for (String bound : List.of("minimum", "maximum")) {
          if (field.has(bound)) {
            java.math.BigDecimal b = field.get(bound).decimalValue();
            choices.add(new Raw(b.toPlainString()));
            choices.add(new Raw(b.add(java.math.BigDecimal.ONE).toPlainString()));
            choices.add(new Raw(b.subtract(java.math.BigDecimal.ONE).toPlainString()));
            choices.add(new Raw(b.subtract(new java.math.BigDecimal("0.0001")).toPlainString()));
            choices.add(new Raw(b.add(new java.math.BigDecimal("0.0001")).toPlainString()));
          }
        }
      }
      case "string" -> {
        int max = field.has("maxLength") ? field.get("maxLength").asInt() : 300;
        choices.add("x".repeat(max));
        choices.add("x".repeat(max + 1));
        choices.add("é".repeat(max));
        choices.add("\ud83d\ude00".repeat(Math.max(1, max / 2)));
        if (field.has("minLength") && field.get("minLength").asInt() > 0) {
          choices.add("x".repeat(field.get("minLength").asInt() - 1));
        }
        choices.add(OddValues.pick(random, name.endsWith("_date") ? OddValues.DAYS : OddValues.DATES));
      }
      case "array" -> {
        Object item = valid(field.get("items"), singular(name), 1);
        if (field.has("maxItems") && random.nextInt(6) == 0) {
          // One past the limit: large bodies, so only now and then.
          choices.add(Collections.nCopies(field.get("maxItems").asInt() + 1, item));
        } else {
          choices.add(Collections.nCopies(2 + random.nextInt(30), item));
        }
        choices.add(List.of());
        choices.add(Collections.singletonList(null));
      }
      default -> {
        choices.add(Map.of());
        choices.add(Map.of("k", OddValues.nested(5)));
        choices.add(Map.of("first", new Raw("1e400"), "last", new Raw("-1")));
      }
    }
    return choices.get(random.nextInt(choices.size()));
  }

  private Object oddString(JsonNode field, String name) {
    int roll = random.nextInt(3);
    if (roll == 0 && (name.endsWith("_date") || name.equals("timestamp") || name.endsWith("_time"))) {
      return OddValues.pick(random, name.endsWith("_date") ? OddValues.DAYS : OddValues.DATES);
    }
    if (roll == 1) {
      return OddValues.text(random, 1 + random.nextInt(300));
    }
    return OddValues.pick(random, OddValues.STRINGS);
  }

  private String hugeString() {
    int length = OddValues.pick(random, List.of(10_000, 10_001, 10_001, 65_536));
    return OddValues.text(random, 8).repeat(length / 8 + 1).substring(0, length);
  }

  private String brokenSyntax(String json, List<String> mutations) {
    int roll = random.nextInt(8);
    mutations.add("broken json " + roll);
    return switch (roll) {
      case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
      case 1 -> json + "}";
      case 2 -> json + " trailing";
      case 3 -> "\ufeff" + json;
      case 4 -> json.replaceFirst(":", "::");
      case 5 -> json.replace("\"", "'");
      case 6 -> json.replaceFirst("\\{", "{\"a\":1,\"a\":2,");
      default -> json.replaceFirst(",", ",,");
    };
  }

  private String topLevelOdd(List<String> mutations) {
    String body = OddValues.pick(random, List.of("", "null", "[]", "[{}]", "\"x\"", "1", "true", "{", "}",
        "\u0000", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u00\"}", "{\"a\":01}", "{\"a\":NaN}", "{/*c*/}", "{\"a\":1}//"));
    mutations.add("top level " + (body.isEmpty() ? "empty" : body));
    return body;
  }
}
