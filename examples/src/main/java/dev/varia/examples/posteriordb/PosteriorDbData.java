package dev.varia.examples.posteriordb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varia.core.VariaException;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a posteriordb {@code data.json} unchanged: numbers become scalars, lists of numbers
 * vectors, lists of equal-length lists matrices (rows as given); integers are read as reals. Fields
 * of other forms are skipped.
 */
public final class PosteriorDbData {
  private PosteriorDbData() {}

  /**
   * The fields of the JSON object in {@code file}.
   *
   * @throws UncheckedIOException if the file cannot be read (it must exist: never skipped)
   */
  public static Map<String, Tensor> load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, Tensor> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Tensor t = tensor(e.getValue());
      if (t != null) {
        out.put(e.getKey(), t);
      }
    }
    return out;
  }

  private static Tensor tensor(JsonNode n) {
    if (n.isNumber()) {
      return Tensor.scalar(n.asDouble());
    }
    if (!n.isArray()) {
      return null;
    }
    int rows = n.size();
    if (rows > 0 && n.get(0).isArray()) {
      int cols = n.get(0).size();
      double[] v = new double[rows * cols];
      for (int i = 0; i < rows; i++) {
        JsonNode row = n.get(i);
        if (!row.isArray() || row.size() != cols) {
          return null;
        }
        for (int j = 0; j < cols; j++) {
          v[i * cols + j] = row.get(j).asDouble();
        }
      }
      return Tensor.wrap(v, Shape.matrix(rows, cols));
    }
    double[] v = new double[rows];
    for (int i = 0; i < rows; i++) {
      if (!n.get(i).isNumber()) {
        return null;
      }
      v[i] = n.get(i).asDouble();
    }
    return Tensor.wrap(v, Shape.vector(rows));
  }

  /** The field {@code name}, which must be present. */
  public static Tensor field(Map<String, Tensor> data, String name) {
    Tensor t = data.get(name);
    if (t == null) {
      throw new VariaException(
          "the data has no field " + name + " (fields: " + data.keySet() + ")");
    }
    return t;
  }
}
