package dev.varia.lang.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code params.json} written by {@code varia fit --out}: the fit, model and guide it came from
 * and the fitted parameters (constrained values by {@code owner.name}; matrices as lists of rows).
 *
 * @param fit the fit's label
 * @param model the model's name
 * @param guide the guide's name
 * @param parameters the parameters
 * @param reference an automatic guide's reference Gaussian, or null
 */
public record ParamsFile(
    String fit, String model, String guide, Map<String, Tensor> parameters, Reference reference) {

  /**
   * The reference Gaussian of an automatic guide, on the unconstrained scale.
   *
   * @param kind the guide's kind ({@code auto_fullrank})
   * @param mean the mean
   * @param cholesky the lower Cholesky factor of the covariance (null if it was not written)
   * @param options the guide's sizes ({@code rank}, {@code layers})
   */
  public record Reference(
      String kind, double[] mean, double[][] cholesky, Map<String, Double> options) {}

  /** Copies the map. */
  public ParamsFile {
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Reads a params.json.
   *
   * @throws UserError if it cannot be read or is not a params.json
   */
  public static ParamsFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("no such parameters file: " + file);
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new UserError(
          file + " is not valid JSON: " + e.getOriginalMessage() + " at line " + line(e));
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
    if (root == null
        || !root.isObject()
        || !root.path("parameters").isObject()
        || !root.path("model").isTextual()
        || !root.path("guide").isTextual()) {
      throw new UserError(
          file
              + " is not a params.json written by 'varia fit --out' (it needs model, guide and"
              + " parameters)");
    }
    Map<String, Tensor> params = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.get("parameters").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      params.put(e.getKey(), tensor(file, e.getKey(), e.getValue()));
    }
    return new ParamsFile(
        root.path("fit").asText(root.get("model").asText()),
        root.get("model").asText(),
        root.get("guide").asText(),
        params,
        reference(file, root.get("reference")));
  }

  private static Reference reference(Path file, JsonNode r) {
    if (r == null || r.isNull()) {
      return null;
    }
    Tensor mean = tensor(file, "reference.mean", r.path("mean"));
    double[][] chol = null;
    if (r.has("cholesky")) {
      Tensor c = tensor(file, "reference.cholesky", r.get("cholesky"));
      int d = mean.size();
      if (c.size() != d * d) {
        throw new UserError(file + ": the reference's Cholesky factor is not " + d + " x " + d);
      }
      chol = new double[d][d];
      double[] flat = c.toArray();
      for (int i = 0; i < d; i++) {
        System.arraycopy(flat, i * d, chol[i], 0, d);
      }
    }
    Map<String, Double> options = new LinkedHashMap<>();
    r.path("options")
        .fields()
        .forEachRemaining(e -> options.put(e.getKey(), e.getValue().asDouble()));
    return new Reference(r.path("kind").asText(""), mean.toArray(), chol, options);
  }

  private static Tensor tensor(Path file, String key, JsonNode v) {
    List<Integer> dims = new ArrayList<>();
    JsonNode n = v;
    while (n.isArray()) {
      dims.add(n.size());
      if (n.size() == 0) {
        break;
      }
      n = n.get(0);
    }
    List<Double> flat = new ArrayList<>();
    collect(file, key, v, 0, dims, flat);
    double[] values = flat.stream().mapToDouble(Double::doubleValue).toArray();
    return dims.isEmpty()
        ? Tensor.scalar(values[0])
        : Tensor.wrap(values, Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
  }

  private static void collect(
      Path file, String key, JsonNode v, int axis, List<Integer> dims, List<Double> out) {
    if (axis == dims.size()) {
      if (v.isNumber()) {
        out.add(v.asDouble());
      } else if (v.isNull()) {
        out.add(Double.NaN);
      } else {
        throw new UserError(file + ": parameter " + key + " holds " + v + ", not a number");
      }
      return;
    }
    if (!v.isArray() || v.size() != dims.get(axis)) {
      throw new UserError(file + ": parameter " + key + " is not a rectangular array of numbers");
    }
    for (JsonNode x : v) {
      collect(file, key, x, axis + 1, dims, out);
    }
  }

  private static String line(JsonProcessingException e) {
    return e.getLocation() == null ? "?" : Long.toString(e.getLocation().getLineNr());
  }
}
