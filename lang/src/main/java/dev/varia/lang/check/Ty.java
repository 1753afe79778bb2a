package dev.varia.lang.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The static type of an expression: its element kind and its dimensions (rank 0, 1 or 2). {@link
 * Elem#ERROR} marks an expression that already had an error: it is compatible with everything, so
 * one mistake gives one message.
 */
public record Ty(Elem elem, List<Dim> dims) {
  /** Element kinds. */
  public enum Elem {
    INT,
    REAL,
    /** A generative function (objective parameters). */
    GEN,
    /** The result of {@code sim(q)} in an objective. */
    TRACE,
    ERROR
  }

  /** The error type. */
  public static final Ty ERROR = new Ty(Elem.ERROR, List.of());

  /** A real scalar. */
  public static final Ty REAL = new Ty(Elem.REAL, List.of());

  /** An integer scalar. */
  public static final Ty INT = new Ty(Elem.INT, List.of());

  /** Copies the list. */
  public Ty {
    dims = List.copyOf(dims);
  }

  /** A type of the given element and dimensions. */
  public static Ty of(Elem e, Dim... dims) {
    return new Ty(e, List.of(dims));
  }

  /** The number of dimensions. */
  public int rank() {
    return dims.size();
  }

  /** True for the error type. */
  public boolean isError() {
    return elem == Elem.ERROR;
  }

  /** True for numbers (int or real, any rank). */
  public boolean isNumeric() {
    return elem == Elem.INT || elem == Elem.REAL;
  }

  /** True for a scalar number (or the error type). */
  public boolean isScalar() {
    return isError() || (isNumeric() && dims.isEmpty());
  }

  /** The same dimensions with another element kind. */
  public Ty withElem(Elem e) {
    return isError() ? this : new Ty(e, dims);
  }

  /** The type of one element (or row): drops the first dimension. */
  public Ty dropFirst() {
    return isError() || dims.isEmpty() ? this : new Ty(elem, dims.subList(1, dims.size()));
  }

  /** With the dimensions replaced. */
  public Ty withDims(List<Dim> d) {
    return isError() ? this : new Ty(elem, d);
  }

  /** {@code [8]}, {@code [N, K]}, or {@code scalar}. */
  public String shape() {
    if (dims.isEmpty()) {
      return "scalar";
    }
    List<String> parts = new ArrayList<>();
    for (Dim d : dims) {
      parts.add(d.brief());
    }
    return "[" + String.join(", ", parts) + "]";
  }

  @Override
  public String toString() {
    switch (elem) {
      case GEN:
        return "generative function";
      case TRACE:
        return "trace";
      case ERROR:
        return "?";
      default:
        String base = elem == Elem.INT ? "int" : "real";
        return dims.isEmpty() ? base : base + shape();
    }
  }
}
