package io.nexus.engine;

import io.nexus.engine.ModelType.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry of model types: which types exist, their parameters and defaults, and the model a spec describes;
 * stateless and thread-safe. The model packages register their types through {@link ModelFamily}.
 */
public final class Models {
  /** The models run when a user names none. */
  public static final List<String> DEFAULTS = List.of("first_touch", "last_touch", "linear", "position_based", "markov");

  private static final Registry REGISTRY = new Registry();

  private Models() {}

  /** Every model type, rules first, then Markov, then the cooperative-game models. */
  public static List<ModelType> types() {
    return REGISTRY.types;
  }

  /**
   * The type named {@code name} or one of its aliases.
   *
   * @throws InvalidModelException when no type is called so
   */
  public static ModelType type(String name) {
    return typeOf(ModelSpec.of(name));
  }

  /**
   * The spec as the model runs it: the type's own name for an alias, every parameter in declaration order with its
   * default filled in where it has one, values in one form ({@code 0.40} is {@code 0.4}). Two specs build the same
   * model exactly when these are equal, which is how a stored configuration is matched to a spec.
   *
   * @throws InvalidModelException when the type or a parameter is unknown or a value is impossible
   */
  public static ModelSpec withDefaults(ModelSpec spec) {
    ModelType type = typeOf(spec);
    Map<String, String> resolved = new LinkedHashMap<>();
    for (Parameter parameter : type.parameters()) {
      String raw = spec.parameters().get(parameter.name());
      if (raw != null) {
        resolved.put(parameter.name(), ParameterCheck.normalized(spec.label(), parameter, raw));
      } else if (parameter.defaultValue() != null) {
        resolved.put(parameter.name(), parameter.defaultValue());
      }
    }
    for (String name : spec.parameters().keySet()) {
      if (type.parameter(name) == null) {
        throw new InvalidModelException(spec.label(), name, "unknown parameter for " + spec.type());
      }
    }
    return new ModelSpec(type.name(), resolved);
  }

  /**
   * The model {@code spec} describes.
   *
   * @throws InvalidModelException when the type is unknown or a parameter is unknown or impossible
   */
  public static AttributionModel create(ModelSpec spec) {
    ModelSpec resolved = withDefaults(spec);
    return REGISTRY.familyOf.get(resolved.type()).create(spec, resolved);
  }

  /** The model written as {@code type} or {@code type(name=value,...)}. */
  public static AttributionModel create(String spec) {
    return create(ModelSpec.parse(spec));
  }

  /** The models of a comma-separated list such as {@code linear,markov(order=2)}. */
  public static List<AttributionModel> createAll(String list) {
    List<AttributionModel> models = new ArrayList<>();
    for (ModelSpec spec : ModelSpec.parseList(list)) {
      models.add(create(spec));
    }
    return models;
  }

  private static ModelType typeOf(ModelSpec spec) {
    ModelType type = REGISTRY.byName.get(spec.type());
    if (type == null) {
      throw new InvalidModelException(spec.label(), null,
          "unknown model, expected one of " + String.join(", ", REGISTRY.names));
    }
    return type;
  }

  /** The families found on the class path, loaded once. */
  private static final class Registry {
    final List<ModelType> types = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final Map<String, ModelType> byName = new LinkedHashMap<>();
    final Map<String, ModelFamily> familyOf = new LinkedHashMap<>();

    Registry() {
      // The engine's own class loader: the families ship in the engine's jar, whatever a container's context loader.
      for (ModelFamily family : ServiceLoader.load(ModelFamily.class, Models.class.getClassLoader())) {
        for (ModelType type : family.types()) {
          add(type.name(), type);
          for (String alias : type.aliases()) {
            add(alias, type);
          }
          types.add(type);
          familyOf.put(type.name(), family);
        }
      }
      if (types.isEmpty()) {
        throw new IllegalStateException("no model family on the class path: META-INF/services/"
            + ModelFamily.class.getName() + " is missing from the engine's jar");
      }
    }

    private void add(String name, ModelType type) {
      if (byName.putIfAbsent(name, type) != null) {
        throw new IllegalStateException("model type " + name + " is registered twice");
      }
      names.add(name);
    }
  }
}
