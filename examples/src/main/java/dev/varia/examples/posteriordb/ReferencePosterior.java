package dev.varia.examples.posteriordb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reference summaries of a posteriordb case ({@code reference.json}), by Stan name. */
public final class ReferencePosterior {
  /** One quantity's reference summary. */
  public record Quantity(String name, double mean, double sd, double q05, double q50, double q95) {}

  private final Map<String, Quantity> quantities;

  private ReferencePosterior(Map<String, Quantity> quantities) {
    this.quantities = Collections.unmodifiableMap(quantities);
  }

  /** Reads {@code reference.json}. */
  public static ReferencePosterior load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, Quantity> q = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.get("parameters").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode p = e.getValue();
      q.put(
          e.getKey(),
          new Quantity(
              e.getKey(),
              p.get("mean").asDouble(),
              p.get("sd").asDouble(),
              p.get("q05").asDouble(),
              p.get("q50").asDouble(),
              p.get("q95").asDouble()));
    }
    return new ReferencePosterior(q);
  }

  /** The reported quantities, in the file's order. */
  public Map<String, Quantity> quantities() {
    return quantities;
  }
}
