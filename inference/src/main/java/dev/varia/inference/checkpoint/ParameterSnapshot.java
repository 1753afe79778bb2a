package dev.varia.inference.checkpoint;

import dev.varia.core.ad.Shape;
import dev.varia.core.gen.ParamStore;
import dev.varia.inference.optim.ParameterArrays;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of one parameter's unconstrained values and their shape, as saved in a checkpoint.
 *
 * @param shape the dimensions of the unconstrained value ({} scalar, {n} vector, {m, n} matrix)
 * @param values the values, row-major
 */
public record ParameterSnapshot(int[] shape, double[] values) {
  /** Checks that the shape accounts for every value, and copies both arrays. */
  public ParameterSnapshot {
    shape = shape.clone();
    values = values.clone();
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      size *= d;
    }
    if (size != values.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + values.length);
    }
  }

  /** Copies of the unconstrained values of every parameter in {@code store}, by key. */
  public static Map<String, ParameterSnapshot> of(ParamStore store) {
    LinkedHashMap<String, ParameterSnapshot> m = new LinkedHashMap<>();
    store
        .entries()
        .forEach(
            (k, e) ->
                m.put(k, new ParameterSnapshot(e.unconstrainedShape().dims(), e.unconstrained())));
    return m;
  }

  /** Copies of the arrays in {@code params} (each saved as a vector), by key. */
  public static Map<String, ParameterSnapshot> of(ParameterArrays params) {
    LinkedHashMap<String, ParameterSnapshot> m = new LinkedHashMap<>();
    params.asMap().forEach((k, v) -> m.put(k, new ParameterSnapshot(new int[] {v.length}, v)));
    return m;
  }

  /**
   * Writes {@code saved} into the unconstrained arrays of {@code store}, in place. The store must
   * hold exactly the saved keys with the saved shapes; otherwise nothing is written and the error
   * lists every difference.
   */
  public static void restore(Map<String, ParameterSnapshot> saved, ParamStore store) {
    LinkedHashMap<String, double[]> targets = new LinkedHashMap<>();
    LinkedHashMap<String, int[]> shapes = new LinkedHashMap<>();
    store
        .entries()
        .forEach(
            (k, e) -> {
              targets.put(k, e.unconstrained());
              shapes.put(k, e.unconstrainedShape().dims());
            });
    copy(saved, targets, shapes);
  }

  /**
   * Writes {@code saved} into {@code params}, in place. The arrays must have exactly the saved keys
   * and lengths; otherwise nothing is written and the error lists every difference.
   */
  public static void restore(Map<String, ParameterSnapshot> saved, ParameterArrays params) {
    LinkedHashMap<String, int[]> shapes = new LinkedHashMap<>();
    params.asMap().forEach((k, v) -> shapes.put(k, null));
    copy(saved, params.asMap(), shapes);
  }

  /** Checks everything, then copies; a null expected shape means "compare lengths only". */
  private static void copy(
      Map<String, ParameterSnapshot> saved,
      Map<String, double[]> targets,
      Map<String, int[]> expectedShapes) {
    StringBuilder problems = new StringBuilder();
    for (Map.Entry<String, double[]> t : targets.entrySet()) {
      String key = t.getKey();
      ParameterSnapshot s = saved.get(key);
      if (s == null) {
        problems.append("\n  parameter ").append(key).append(" is not in the checkpoint");
        continue;
      }
      int[] expected = expectedShapes.get(key);
      boolean same =
          expected == null
              ? s.values.length == t.getValue().length
              : Arrays.equals(expected, s.shape) && s.values.length == t.getValue().length;
      if (!same) {
        problems
            .append("\n  parameter ")
            .append(key)
            .append(": the checkpoint has shape ")
            .append(describe(s.shape))
            .append(", the model has ")
            .append(expected == null ? "length " + t.getValue().length : describe(expected));
      }
    }
    for (String key : saved.keySet()) {
      if (!targets.containsKey(key)) {
        problems
            .append("\n  parameter ")
            .append(key)
            .append(" is in the checkpoint, not the model");
      }
    }
    if (problems.length() > 0) {
      throw new CheckpointException(
          "the checkpoint does not match the parameters being resumed (nothing was restored):"
              + problems);
    }
    for (Map.Entry<String, double[]> t : targets.entrySet()) {
      double[] v = saved.get(t.getKey()).values;
      System.arraycopy(v, 0, t.getValue(), 0, v.length);
    }
  }

  static String describe(int[] dims) {
    return dims.length == 0 ? "scalar" : Shape.of(dims).toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterSnapshot p
        && Arrays.equals(shape, p.shape)
        && Arrays.equals(values, p.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return describe(shape) + " " + Arrays.toString(values);
  }
}
