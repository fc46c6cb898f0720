package io.nexus.server.support.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One operation of the OpenAPI document: method, path template, parameters and the schema of its JSON body. */
public record Operation(String method, String path, List<Param> params, JsonNode body) {

  /** A path or query parameter. */
  public record Param(String name, String in, boolean required, JsonNode schema) {}

  /** Every operation of {@code document}, in its order. */
  public static List<Operation> all(JsonNode document) {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        List<Param> params = new ArrayList<>();
        JsonNode declared = op.getValue().get("parameters");
        if (declared != null) {
          for (JsonNode p : declared) {
            params.add(new Param(p.get("name").asString(), p.get("in").asString(),
                p.has("required") && p.get("required").asBoolean(), p.get("schema")));
          }
        }
        JsonNode body = op.getValue().at("/requestBody/content/application~1json/schema");
        operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), params,
            body.isMissingNode() ? null : body));
      }
    }
    return operations;
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
