package dev.varia.core.dist.internal;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;

/**
 * Broadcasting for distributions: batch shapes of parameters, the shape of draws, and the flat
 * index of a broadcast operand. Follows the engine's rule ({@link Shape#broadcast}): dimensions
 * align from the right and a dimension of 1 (or a missing one) stretches.
 */
public final class Broadcast {
  private Broadcast() {}

  /**
   * The broadcast shape of parameters, raising a {@link ShapeException} that names the distribution
   * and the parameters when they do not fit together.
   */
  public static Shape batchShape(String dist, String[] names, Shape[] shapes) {
    Shape s = shapes[0];
    for (int i = 1; i < shapes.length; i++) {
      try {
        s = Shape.broadcast(dist, s, shapes[i]);
      } catch (ShapeException e) {
        StringBuilder sb = new StringBuilder(dist).append(": parameter shapes do not broadcast (");
        for (int j = 0; j < shapes.length; j++) {
          sb.append(j > 0 ? ", " : "").append(names[j]).append(' ').append(shapes[j]);
        }
        throw new ShapeException(sb.append(')').toString());
      }
    }
    return s;
  }

  /** The shape of a value of shape {@code x} scored against batch shape {@code batch}. */
  public static Shape valueShape(String dist, Shape x, Shape batch) {
    try {
      return Shape.broadcast(dist, x, batch);
    } catch (ShapeException e) {
      throw new ShapeException(
          dist + ": a value of shape " + x + " does not fit the batch shape " + batch);
    }
  }

  /** The batch shape of a draw: {@code requested} broadcast with the distribution's batch shape. */
  public static Shape drawShape(String dist, Shape requested, Shape batch) {
    try {
      return Shape.broadcast(dist, requested, batch);
    } catch (ShapeException e) {
      throw new ShapeException(
          dist
              + ": cannot draw a batch of shape "
              + requested
              + " from a distribution of batch shape "
              + batch);
    }
  }

  /**
   * Checks that a value of shape {@code value} holds events of {@code k} components (a vector, or a
   * matrix with one event per row).
   */
  public static void checkVectorEvents(String dist, Shape value, int k) {
    if (value.isScalar() || value.cols() != k) {
      throw new ShapeException(
          dist + ": a value of shape " + value + " does not fit events of " + k + " components");
    }
  }

  /** {@code batch} followed by {@code event}, which must fit in rank 2. */
  public static Shape withEvent(String dist, Shape batch, Shape event) {
    if (event.isScalar()) {
      return batch;
    }
    if (batch.isScalar()) {
      return event;
    }
    if (batch.isVector() && event.isVector()) {
      return Shape.matrix(batch.size(), event.size());
    }
    throw new ShapeException(
        dist
            + ": a batch of shape "
            + batch
            + " of events of shape "
            + event
            + " needs rank "
            + (batch.rank() + event.rank())
            + " (at most 2 is supported)");
  }

  /**
   * Splits a value shape into (batch, event) for an event of rank {@code eventRank} (0, 1 or 2),
   * raising a {@link ShapeException} naming the distribution if the value's rank is too small.
   */
  public static Shape leadingBatch(String dist, Shape value, int eventRank) {
    if (value.rank() < eventRank) {
      throw new ShapeException(
          dist + ": a value of shape " + value + " has no room for an event of rank " + eventRank);
    }
    int[] dims = value.dims();
    return Shape.of(java.util.Arrays.copyOf(dims, dims.length - eventRank));
  }

  /** Where an operand's elements sit in a broadcast output, as a function of the flat index. */
  public static final class Index {
    private static final int SAME = 0;
    private static final int SCALAR = 1;
    private static final int STRIDED = 2;

    private final int mode;
    private final int cols;
    private final int rowStride;
    private final int colStride;

    private Index(int mode, int cols, int rowStride, int colStride) {
      this.mode = mode;
      this.cols = cols;
      this.rowStride = rowStride;
      this.colStride = colStride;
    }

    /** The index of an operand of shape {@code operand} in an output of shape {@code out}. */
    public static Index of(Shape operand, Shape out) {
      if (operand.size() == out.size()) {
        return new Index(SAME, 1, 0, 0);
      }
      if (operand.size() == 1) {
        return new Index(SCALAR, 1, 0, 0);
      }
      int rowStride = operand.rows() == out.rows() ? operand.cols() : 0;
      int colStride = operand.cols() == out.cols() ? 1 : 0;
      return new Index(STRIDED, out.cols(), rowStride, colStride);
    }

    /** The operand's flat index for output element {@code k}. */
    public int at(int k) {
      switch (mode) {
        case SAME:
          return k;
        case SCALAR:
          return 0;
        default:
          return (k / cols) * rowStride + (k % cols) * colStride;
      }
    }

    /** True if the operand has as many elements as the output (index k is k). */
    public boolean isIdentity() {
      return mode == SAME;
    }

    /** True if the operand has one element. */
    public boolean isScalar() {
      return mode == SCALAR;
    }
  }

  /** The operand's values expanded to {@code n} output elements. */
  public static double[] expand(double[] v, Index idx, int n) {
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      out[k] = v[idx.at(k)];
    }
    return out;
  }

  /** Adds per-output-element gradients {@code full} into the operand's gradient {@code target}. */
  public static void reduceInto(double[] full, Index idx, double[] target) {
    for (int k = 0; k < full.length; k++) {
      target[idx.at(k)] += full[k];
    }
  }
}
