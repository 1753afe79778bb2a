package dev.varia.lang.data;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the fields of a {@link DataFile} against data declarations, one field at a time (sizes of
 * later fields may depend on earlier ones), and converts them to tensors. Each problem is a
 * diagnostic naming the field: missing (E0500, at the declaration), wrong shape (E0501), wrong type
 * (E0502), outside its constraint (E0503).
 */
public final class DataBinder {
  private final DataFile file;
  private final Diagnostics diags;
  private final Set<String> used = new HashSet<>();

  /** Binds fields of {@code file}, reporting into {@code diags}. */
  public DataBinder(DataFile file, Diagnostics diags) {
    this.file = file;
    this.diags = diags;
  }

  /** True if the file has a field of this name. */
  public boolean has(String name) {
    return file.fields().containsKey(name);
  }

  /**
   * The field checked against {@code spec}; empty (with a diagnostic) if it is missing or wrong.
   * {@code declFile}, {@code line}, {@code column} locate the declaration (for a missing field).
   */
  public Optional<Tensor> bind(FieldSpec spec, SourceFile declFile, int line, int column) {
    used.add(spec.name());
    RawValue raw = file.fields().get(spec.name());
    if (raw == null) {
      diags.report(
          Code.E0500,
          declFile,
          line,
          column,
          spec.name().length(),
          "data field '"
              + spec.name()
              + "' is declared here but missing from "
              + file.source().name());
      return Optional.empty();
    }
    spec = withSizesFromFile(spec, raw);
    int n = 1;
    for (int d : spec.dims()) {
      n = (int) Math.min(Integer.MAX_VALUE, (long) n * d);
    }
    double[] out = new double[n];
    if (!fill(spec, raw, 0, out, 0, "")) {
      return Optional.empty();
    }
    if (!checkStructure(spec, raw, out)) {
      return Optional.empty();
    }
    return Optional.of(Tensor.wrap(out, Shape.of(spec.dims().stream().mapToInt(i -> i).toArray())));
  }

  /** Sizes left open in the declaration ({@code y: real[]}) are taken from the value. */
  private static FieldSpec withSizesFromFile(FieldSpec spec, RawValue raw) {
    if (!spec.dims().contains(-1)) {
      return spec;
    }
    List<Integer> dims = new java.util.ArrayList<>(spec.dims());
    List<String> names = new java.util.ArrayList<>(spec.sizeNames());
    RawValue v = raw;
    for (int k = 0; k < dims.size(); k++) {
      int len = v instanceof RawValue.Arr a ? a.items().size() : 0;
      if (dims.get(k) == -1) {
        dims.set(k, len);
        names.set(k, Integer.toString(len));
      }
      v = v instanceof RawValue.Arr a && !a.items().isEmpty() ? a.items().get(0) : v;
    }
    return new FieldSpec(
        spec.name(), spec.integer(), dims, spec.lower(), spec.upper(), spec.structure(), names);
  }

  /** Notes (N0506) for fields of the file that no declaration asked for. */
  public void noteUnused() {
    for (var e : file.fields().entrySet()) {
      if (!used.contains(e.getKey())) {
        RawValue v = e.getValue();
        diags.report(
            Code.N0506,
            file.source(),
            v.line(),
            v.column(),
            1,
            "field '" + e.getKey() + "' is not declared in the program and is ignored");
      }
    }
  }

  private boolean fill(FieldSpec spec, RawValue v, int level, double[] out, int offset, String at) {
    List<Integer> dims = spec.dims();
    if (level == dims.size()) {
      if (!(v instanceof RawValue.Num num)) {
        String got =
            v instanceof RawValue.Arr a
                ? "a list of " + a.items().size()
                : ((RawValue.Other) v).what();
        shapeError(
            spec,
            v,
            at,
            "expected a number"
                + (dims.isEmpty() ? "" : " at " + spec.name() + at)
                + ", got "
                + got);
        return false;
      }
      double x = num.value();
      if (spec.integer() && !(x == Math.rint(x) && !Double.isInfinite(x))) {
        diags.report(
            Code.E0502,
            file.source(),
            v.line(),
            v.column(),
            1,
            "data field '"
                + spec.name()
                + "' is declared int but "
                + spec.name()
                + at
                + " is "
                + fmt(x));
        return false;
      }
      if (x < spec.lower() || x > spec.upper() || (Double.isNaN(x) && boundsGiven(spec))) {
        diags.report(
            Code.E0503,
            file.source(),
            v.line(),
            v.column(),
            1,
            "data field '"
                + spec.name()
                + "': "
                + spec.name()
                + at
                + " = "
                + fmt(x)
                + " is outside its constraint "
                + bounds(spec));
        return false;
      }
      out[offset] = x;
      return true;
    }
    if (!(v instanceof RawValue.Arr arr)) {
      String got = v instanceof RawValue.Num ? "a single number" : ((RawValue.Other) v).what();
      shapeError(
          spec,
          v,
          at,
          "expected a list of " + dims.get(level) + sizeNote(spec, level) + ", got " + got);
      return false;
    }
    int want = dims.get(level);
    if (arr.items().size() != want) {
      String what = level == 0 && dims.size() == 2 ? "rows" : "values";
      shapeError(
          spec,
          v,
          at,
          "expected " + want + " " + what + sizeNote(spec, level) + ", got " + arr.items().size());
      return false;
    }
    int stride = 1;
    for (int k = level + 1; k < dims.size(); k++) {
      stride *= dims.get(k);
    }
    for (int i = 0; i < want; i++) {
      String sub =
          at.isEmpty()
              ? "[" + (i + 1) + "]"
              : at.substring(0, at.length() - 1) + "," + (i + 1) + "]";
      if (!fill(spec, arr.items().get(i), level + 1, out, offset + i * stride, sub)) {
        return false;
      }
    }
    return true;
  }

  private boolean checkStructure(FieldSpec spec, RawValue raw, double[] x) {
    switch (spec.structure()) {
      case SIMPLEX:
        {
          double s = 0;
          for (double v : x) {
            if (v < 0) {
              return structureError(spec, raw, "a simplex has no negative entries");
            }
            s += v;
          }
          if (Math.abs(s - 1) > 1e-8) {
            return structureError(spec, raw, "a simplex sums to 1, this one to " + fmt(s));
          }
          return true;
        }
      case ORDERED:
      case POSITIVE_ORDERED:
        for (int i = 0; i < x.length; i++) {
          if (i > 0 && !(x[i] > x[i - 1])) {
            return structureError(spec, raw, "the values must be strictly increasing");
          }
          if (spec.structure() == FieldSpec.Structure.POSITIVE_ORDERED && !(x[i] > 0)) {
            return structureError(spec, raw, "the values must be positive");
          }
        }
        return true;
      default:
        return true;
    }
  }

  private boolean structureError(FieldSpec spec, RawValue raw, String msg) {
    diags.report(
        Code.E0503,
        file.source(),
        raw.line(),
        raw.column(),
        1,
        "data field '"
            + spec.name()
            + "' is declared "
            + spec.structure().name().toLowerCase(Locale.ROOT)
            + ": "
            + msg);
    return false;
  }

  private void shapeError(FieldSpec spec, RawValue v, String at, String msg) {
    diags.report(
        Code.E0501,
        file.source(),
        v.line(),
        v.column(),
        1,
        "data field '" + spec.name() + "'" + (at.isEmpty() ? "" : " at " + at) + ": " + msg);
  }

  private static String sizeNote(FieldSpec spec, int level) {
    String s = spec.sizeNames().get(level);
    return s.isEmpty() || s.equals(Integer.toString(spec.dims().get(level))) ? "" : " (" + s + ")";
  }

  private static boolean boundsGiven(FieldSpec spec) {
    return spec.lower() > Double.NEGATIVE_INFINITY || spec.upper() < Double.POSITIVE_INFINITY;
  }

  private static String bounds(FieldSpec spec) {
    StringBuilder b = new StringBuilder("<");
    if (spec.lower() > Double.NEGATIVE_INFINITY) {
      b.append("lower=").append(fmt(spec.lower()));
    }
    if (spec.upper() < Double.POSITIVE_INFINITY) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append("upper=").append(fmt(spec.upper()));
    }
    return b.append(">").toString();
  }

  static String fmt(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return Double.toString(x);
  }
}
