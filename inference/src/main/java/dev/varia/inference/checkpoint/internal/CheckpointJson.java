package dev.varia.inference.checkpoint.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varia.inference.checkpoint.Checkpoint;
import dev.varia.inference.checkpoint.CheckpointException;
import dev.varia.inference.checkpoint.ParameterSnapshot;
import dev.varia.inference.checkpoint.RngState;
import dev.varia.inference.optim.OptimizerState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a {@link Checkpoint}. Doubles are written as JSON numbers in their shortest
 * round-tripping decimal form (so they read back bit for bit), NaN and infinities as the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. The file carries a SHA-256 digest of its
 * content computed from the values themselves (not the text), so a file changed after writing is
 * detected.
 *
 * <pre>
 * { "format": "varia-checkpoint", "version": 1, "sha256": "...",
 *   "step": 120,
 *   "parameters": { "guide.m": { "shape": [3], "values": [0.1, ...] } },
 *   "optimizer": { "kind": "adam", "steps": 120,
 *                  "parameters": { "guide.m": { "count": 120, "slots": { "m": [...], "v": [...] } } } },
 *   "objectiveHistory": [ -812.4, ... ],
 *   "rng": { "seed": 42, "state": "base64..." },
 *   "metadata": { "model": "schools" } }
 * </pre>
 */
public final class CheckpointJson {
  /** The value of the "format" field. */
  public static final String FORMAT = "varia-checkpoint";

  /** The current version of the layout. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private CheckpointJson() {}

  /** Writes {@code c} to {@code out} (not closed). */
  public static void write(Checkpoint c, OutputStream out) throws IOException {
    MAPPER.writeValue(out, toTree(c));
  }

  /** The JSON tree of {@code c}. */
  public static ObjectNode toTree(Checkpoint c) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("sha256", digest(c));
    root.put("step", c.step());
    ObjectNode params = root.putObject("parameters");
    c.parameters()
        .forEach(
            (k, p) -> {
              ObjectNode e = params.putObject(k);
              ArrayNode shape = e.putArray("shape");
              for (int d : p.shape()) {
                shape.add(d);
              }
              e.set("values", doubles(p.values()));
            });
    if (c.optimizer() == null) {
      root.putNull("optimizer");
    } else {
      OptimizerState s = c.optimizer();
      ObjectNode o = root.putObject("optimizer");
      o.put("kind", s.kind());
      o.put("steps", s.steps());
      ObjectNode ps = o.putObject("parameters");
      s.parameters()
          .forEach(
              (k, p) -> {
                ObjectNode e = ps.putObject(k);
                e.put("count", p.count());
                ObjectNode slots = e.putObject("slots");
                p.slots().forEach((name, v) -> slots.set(name, doubles(v)));
              });
    }
    root.set("objectiveHistory", doubles(c.objectiveHistory()));
    if (c.rng() == null) {
      root.putNull("rng");
    } else {
      ObjectNode r = root.putObject("rng");
      r.put("seed", c.rng().seed());
      byte[] state = c.rng().generatorState();
      if (state == null) {
        r.putNull("state");
      } else {
        r.put("state", Base64.getEncoder().encodeToString(state));
      }
    }
    ObjectNode meta = root.putObject("metadata");
    c.metadata().forEach(meta::put);
    return root;
  }

  /**
   * Reads a checkpoint; {@code source} names the file in error messages.
   *
   * @throws CheckpointException if the text is not JSON, not a checkpoint, incomplete, or its
   *     digest does not match its content
   */
  public static Checkpoint read(InputStream in, String source) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonParseException e) {
      throw new CheckpointException(
          "checkpoint "
              + source
              + " is not valid JSON (it may be truncated or corrupt): "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr(),
          e);
    } catch (JsonProcessingException e) {
      throw new CheckpointException(
          "checkpoint " + source + " could not be read: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new CheckpointException("checkpoint " + source + " is empty");
    }
    Reader r = new Reader(source);
    if (!root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      throw new CheckpointException(
          "file " + source + " is not a Varia checkpoint (no \"format\": \"" + FORMAT + "\")");
    }
    long version = r.integer(root, "version");
    if (version != VERSION) {
      throw new CheckpointException(
          "checkpoint "
              + source
              + " has layout version "
              + version
              + "; this Varia reads version "
              + VERSION);
    }
    String expectedDigest = r.text(root, "sha256");
    long step = r.integer(root, "step");
    LinkedHashMap<String, ParameterSnapshot> params = new LinkedHashMap<>();
    JsonNode pn = r.object(root, "parameters");
    for (Map.Entry<String, JsonNode> e : pn.properties()) {
      String where = "parameters." + e.getKey();
      int[] shape = r.ints(r.field(e.getValue(), "shape", where), where + ".shape");
      double[] values = r.doubles(r.field(e.getValue(), "values", where), where + ".values");
      try {
        params.put(e.getKey(), new ParameterSnapshot(shape, values));
      } catch (IllegalArgumentException ex) {
        throw r.bad(where, ex.getMessage());
      }
    }
    OptimizerState optimizer = null;
    JsonNode on = r.field(root, "optimizer", "");
    if (!on.isNull()) {
      LinkedHashMap<String, OptimizerState.ParameterState> states = new LinkedHashMap<>();
      JsonNode ops = r.object(on, "parameters", "optimizer");
      for (Map.Entry<String, JsonNode> e : ops.properties()) {
        String where = "optimizer.parameters." + e.getKey();
        long count = r.integer(e.getValue(), "count", where);
        LinkedHashMap<String, double[]> slots = new LinkedHashMap<>();
        JsonNode sn = r.object(e.getValue(), "slots", where);
        for (Map.Entry<String, JsonNode> s : sn.properties()) {
          slots.put(s.getKey(), r.doubles(s.getValue(), where + ".slots." + s.getKey()));
        }
        states.put(e.getKey(), new OptimizerState.ParameterState(count, slots));
      }
      optimizer =
          new OptimizerState(
              r.text(on, "kind", "optimizer"), r.integer(on, "steps", "optimizer"), states);
    }
    double[] history = r.doubles(r.field(root, "objectiveHistory", ""), "objectiveHistory");
    RngState rng = null;
    JsonNode rn = r.field(root, "rng", "");
    if (!rn.isNull()) {
      long seed = r.integer(rn, "seed", "rng");
      JsonNode st = r.field(rn, "state", "rng");
      byte[] state = null;
      if (!st.isNull()) {
        try {
          state = Base64.getDecoder().decode(st.asText());
        } catch (IllegalArgumentException ex) {
          throw r.bad("rng.state", "not base64: " + ex.getMessage());
        }
      }
      rng = new RngState(seed, state);
    }
    LinkedHashMap<String, String> meta = new LinkedHashMap<>();
    JsonNode mn = r.object(root, "metadata");
    mn.properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText()));
    Checkpoint c;
    try {
      c = new Checkpoint(step, params, optimizer, history, rng, meta);
    } catch (IllegalArgumentException ex) {
      throw new CheckpointException("checkpoint " + source + ": " + ex.getMessage(), ex);
    }
    String actual = digest(c);
    if (!actual.equals(expectedDigest)) {
      throw new CheckpointException(
          "checkpoint "
              + source
              + " does not match its SHA-256 digest: the file was modified or corrupted after it"
              + " was written");
    }
    return c;
  }

  private static ArrayNode doubles(double[] values) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode(values.length);
    for (double v : values) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.add(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
      }
    }
    return a;
  }

  /**
   * SHA-256 over the checkpoint's values in a fixed binary layout (keys as UTF-8, numbers as their
   * IEEE bits), independent of how the JSON text formats numbers.
   */
  public static String digest(Checkpoint c) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(bytes);
      d.writeLong(c.step());
      d.writeInt(c.parameters().size());
      for (Map.Entry<String, ParameterSnapshot> e : c.parameters().entrySet()) {
        string(d, e.getKey());
        d.writeInt(e.getValue().shape().length);
        for (int s : e.getValue().shape()) {
          d.writeInt(s);
        }
        values(d, e.getValue().values());
      }
      OptimizerState o = c.optimizer();
      d.writeBoolean(o != null);
      if (o != null) {
        string(d, o.kind());
        d.writeLong(o.steps());
        d.writeInt(o.parameters().size());
        for (Map.Entry<String, OptimizerState.ParameterState> e : o.parameters().entrySet()) {
          string(d, e.getKey());
          d.writeLong(e.getValue().count());
          d.writeInt(e.getValue().slots().size());
          for (Map.Entry<String, double[]> s : e.getValue().slots().entrySet()) {
            string(d, s.getKey());
            values(d, s.getValue());
          }
        }
      }
      values(d, c.objectiveHistory());
      d.writeBoolean(c.rng() != null);
      if (c.rng() != null) {
        d.writeLong(c.rng().seed());
        byte[] st = c.rng().generatorState();
        d.writeInt(st == null ? -1 : st.length);
        if (st != null) {
          d.write(st);
        }
      }
      d.writeInt(c.metadata().size());
      for (Map.Entry<String, String> e : c.metadata().entrySet()) {
        string(d, e.getKey());
        string(d, e.getValue());
      }
      d.flush();
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static void string(DataOutputStream d, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.writeInt(b.length);
    d.write(b);
  }

  private static void values(DataOutputStream d, double[] v) throws IOException {
    d.writeInt(v.length);
    for (double x : v) {
      d.writeLong(Double.doubleToLongBits(x));
    }
  }

  /** Field access with messages that name the file and the field's path. */
  private static final class Reader {
    final String source;

    Reader(String source) {
      this.source = source;
    }

    CheckpointException bad(String where, String what) {
      return new CheckpointException("checkpoint " + source + ": field " + where + " " + what);
    }

    JsonNode field(JsonNode node, String name, String where) {
      JsonNode v = node.get(name);
      if (v == null) {
        throw new CheckpointException(
            "checkpoint "
                + source
                + ": missing field "
                + (where.isEmpty() ? name : where + "." + name));
      }
      return v;
    }

    JsonNode object(JsonNode node, String name) {
      return object(node, name, "");
    }

    JsonNode object(JsonNode node, String name, String where) {
      JsonNode v = field(node, name, where);
      if (!v.isObject()) {
        throw bad(path(where, name), "should be an object");
      }
      return v;
    }

    long integer(JsonNode node, String name) {
      return integer(node, name, "");
    }

    long integer(JsonNode node, String name, String where) {
      JsonNode v = field(node, name, where);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw bad(path(where, name), "should be an integer, found " + v);
      }
      return v.asLong();
    }

    String text(JsonNode node, String name) {
      return text(node, name, "");
    }

    String text(JsonNode node, String name, String where) {
      JsonNode v = field(node, name, where);
      if (!v.isTextual()) {
        throw bad(path(where, name), "should be a string, found " + v);
      }
      return v.asText();
    }

    int[] ints(JsonNode node, String where) {
      if (!node.isArray()) {
        throw bad(where, "should be an array of integers");
      }
      int[] out = new int[node.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode v = node.get(i);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
          throw bad(where, "should hold integers, found " + v + " at index " + i);
        }
        out[i] = v.asInt();
      }
      return out;
    }

    double[] doubles(JsonNode node, String where) {
      if (!node.isArray()) {
        throw bad(where, "should be an array of numbers");
      }
      double[] out = new double[node.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode v = node.get(i);
        if (v.isNumber()) {
          out[i] = v.asDouble();
        } else if (v.isTextual()
            && (v.asText().equals("NaN")
                || v.asText().equals("Infinity")
                || v.asText().equals("-Infinity"))) {
          out[i] = Double.parseDouble(v.asText());
        } else {
          throw bad(where, "should hold numbers, found " + v + " at index " + i);
        }
      }
      return out;
    }

    private static String path(String where, String name) {
      return where.isEmpty() ? name : where + "." + name;
    }
  }
}
