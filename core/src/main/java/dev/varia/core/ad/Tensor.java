package dev.varia.core.ad;

import java.util.Arrays;

/**
 * An immutable array of doubles with a {@link Shape}, stored flat in row-major order.
 *
 * <p>Tensors are the values that live outside a {@link Tape}: data, parameters, samples kept by the
 * user. Put one on a tape with {@link Tape#constant(Tensor)} or {@link Tape#variable(Tensor)} (no
 * copy is made), and take a value off a tape with {@link Node#detach()} (a copy is made, so the
 * tensor survives {@link Tape#reset()}).
 */
public final class Tensor {
  private final double[] data;
  private final Shape shape;

  private Tensor(double[] data, Shape shape) {
    this.data = data;
    this.shape = shape;
  }

  /**
   * A tensor that takes ownership of {@code data} without copying: the caller must not modify the
   * array afterwards.
   */
  public static Tensor wrap(double[] data, Shape shape) {
    if (data.length != shape.size()) {
      throw new ShapeException(
          "data of length "
              + data.length
              + " does not fit shape "
              + shape
              + " ("
              + shape.size()
              + " elements)");
    }
    return new Tensor(data, shape);
  }

  /** A tensor holding a copy of {@code data} with the given dimensions. */
  public static Tensor of(double[] data, int... dims) {
    return wrap(data.clone(), Shape.of(dims));
  }

  /** A scalar. */
  public static Tensor scalar(double v) {
    return new Tensor(new double[] {v}, Shape.SCALAR);
  }

  /** A vector holding a copy of the values. */
  public static Tensor vector(double... values) {
    return new Tensor(values.clone(), Shape.vector(values.length));
  }

  /** A matrix from rows of equal length. */
  public static Tensor matrix(double[][] rows) {
    int m = rows.length;
    int n = m == 0 ? 0 : rows[0].length;
    double[] d = new double[m * n];
    for (int i = 0; i < m; i++) {
      if (rows[i].length != n) {
        throw new ShapeException(
            "matrix rows must have equal length: row 0 has "
                + n
                + ", row "
                + i
                + " has "
                + rows[i].length);
      }
      System.arraycopy(rows[i], 0, d, i * n, n);
    }
    return new Tensor(d, Shape.matrix(m, n));
  }

  /** A tensor of zeros. */
  public static Tensor zeros(Shape shape) {
    return new Tensor(new double[shape.size()], shape);
  }

  /** A tensor with every element equal to {@code v}. */
  public static Tensor full(Shape shape, double v) {
    double[] d = new double[shape.size()];
    Arrays.fill(d, v);
    return new Tensor(d, shape);
  }

  /** The shape. */
  public Shape shape() {
    return shape;
  }

  /** Number of elements. */
  public int size() {
    return data.length;
  }

  /** Element {@code i} of the flat row-major storage. */
  public double get(int i) {
    return data[i];
  }

  /** Element (i, j) of a matrix (0-based). */
  public double get(int i, int j) {
    if (!shape.isMatrix()) {
      throw new ShapeException("get(i, j) needs a matrix, this tensor has shape " + shape);
    }
    return data[i * shape.cols() + j];
  }

  /** The value of a one-element tensor. */
  public double item() {
    if (data.length != 1) {
      throw new ShapeException("item() needs a one-element tensor, this one has shape " + shape);
    }
    return data[0];
  }

  /** A copy of the flat row-major data. */
  public double[] toArray() {
    return data.clone();
  }

  /** Copies the flat data into {@code dst} starting at {@code offset}. */
  public void copyInto(double[] dst, int offset) {
    System.arraycopy(data, 0, dst, offset, data.length);
  }

  /** The same data seen with another shape of the same size. */
  public Tensor reshape(Shape newShape) {
    return wrap(data, newShape);
  }

  /** The backing array, never to be modified: for the engine's own no-copy paths. */
  double[] data() {
    return data;
  }

  /** True if the shapes are equal and every element is within {@code tol} of the other's. */
  public boolean allClose(Tensor other, double tol) {
    if (!shape.equals(other.shape)) {
      return false;
    }
    for (int i = 0; i < data.length; i++) {
      if (!(Math.abs(data[i] - other.data[i]) <= tol)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && t.shape.equals(shape) && Arrays.equals(t.data, data);
  }

  @Override
  public int hashCode() {
    return shape.hashCode() * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    switch (shape.rank()) {
      case 0:
        return Double.toString(data[0]);
      case 1:
        return Arrays.toString(data);
      default:
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.rows(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          sb.append(
              Arrays.toString(Arrays.copyOfRange(data, i * shape.cols(), (i + 1) * shape.cols())));
        }
        return sb.append(']').toString();
    }
  }
}
