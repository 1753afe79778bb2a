package dev.varia.core.ad;

import java.util.Arrays;

/**
 * The shape of a tensor: rank 0 (scalar), 1 (vector of length n) or 2 (matrix of m rows and n
 * columns), stored row-major. Immutable; common shapes are shared instances.
 */
public final class Shape {
  /** The shape of a scalar. */
  public static final Shape SCALAR = new Shape(0, 1, 1);

  private static final int CACHED = 64;
  private static final Shape[] VECTORS = new Shape[CACHED];

  static {
    for (int n = 0; n < CACHED; n++) {
      VECTORS[n] = new Shape(1, 1, n);
    }
  }

  private final int rank;
  private final int rows;
  private final int cols;

  private Shape(int rank, int rows, int cols) {
    this.rank = rank;
    this.rows = rows;
    this.cols = cols;
  }

  /** The scalar shape. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** A vector of length n (n >= 0). */
  public static Shape vector(int n) {
    if (n < 0) {
      throw new ShapeException("vector length must be >= 0, got " + n);
    }
    return n < CACHED ? VECTORS[n] : new Shape(1, 1, n);
  }

  /** A matrix with the given rows and columns (both >= 0). */
  public static Shape matrix(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new ShapeException("matrix dimensions must be >= 0, got [" + rows + ", " + cols + "]");
    }
    return new Shape(2, rows, cols);
  }

  /** A shape from its dimensions: {} scalar, {n} vector, {m, n} matrix. */
  public static Shape of(int... dims) {
    switch (dims.length) {
      case 0:
        return SCALAR;
      case 1:
        return vector(dims[0]);
      case 2:
        return matrix(dims[0], dims[1]);
      default:
        throw new ShapeException(
            "tensors of rank " + dims.length + " are not supported (ranks 0 to 2 are)");
    }
  }

  /** 0, 1 or 2. */
  public int rank() {
    return rank;
  }

  /** Number of elements. */
  public int size() {
    return rows * cols;
  }

  /** Rows of the row-major 2-D view: 1 for scalars and vectors. */
  public int rows() {
    return rows;
  }

  /** Columns of the row-major 2-D view: the length for vectors, 1 for scalars. */
  public int cols() {
    return cols;
  }

  /** The dimension along axis {@code axis} (0-based, {@code axis < rank}). */
  public int dim(int axis) {
    if (axis < 0 || axis >= rank) {
      throw new ShapeException("axis " + axis + " out of range for shape " + this);
    }
    return rank == 1 ? cols : (axis == 0 ? rows : cols);
  }

  /** The dimensions as a new array. */
  public int[] dims() {
    switch (rank) {
      case 0:
        return new int[0];
      case 1:
        return new int[] {cols};
      default:
        return new int[] {rows, cols};
    }
  }

  /** True for rank 0. */
  public boolean isScalar() {
    return rank == 0;
  }

  /** True for rank 1. */
  public boolean isVector() {
    return rank == 1;
  }

  /** True for rank 2. */
  public boolean isMatrix() {
    return rank == 2;
  }

  /** True for a rank-2 shape with as many rows as columns. */
  public boolean isSquare() {
    return rank == 2 && rows == cols;
  }

  /**
   * The shape of an elementwise result of {@code a} and {@code b} under broadcasting: dimensions
   * are aligned from the right and a dimension of 1 (or a missing one) stretches to the other.
   *
   * @throws ShapeException naming both shapes when they cannot be broadcast
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    if (a.equals(b)) {
      return a;
    }
    if (a.size() == 1 && a.rank <= b.rank) {
      return b;
    }
    if (b.size() == 1 && b.rank <= a.rank) {
      return a;
    }
    int rank = Math.max(a.rank, b.rank);
    int r = broadcastDim(op, a, b, a.rows, b.rows);
    int c = broadcastDim(op, a, b, a.cols, b.cols);
    if (rank == 1) {
      return vector(c);
    }
    if (rank == 0) {
      return SCALAR;
    }
    if (r == a.rows && c == a.cols && a.rank == 2) {
      return a;
    }
    if (r == b.rows && c == b.cols && b.rank == 2) {
      return b;
    }
    return matrix(r, c);
  }

  private static int broadcastDim(String op, Shape a, Shape b, int x, int y) {
    if (x == y || y == 1) {
      return x;
    }
    if (x == 1) {
      return y;
    }
    throw new ShapeException(
        op
            + ": shapes "
            + a
            + " and "
            + b
            + " cannot be broadcast together (dimension "
            + x
            + " vs "
            + y
            + ")");
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Shape s && s.rank == rank && s.rows == rows && s.cols == cols;
  }

  @Override
  public int hashCode() {
    return (rank * 31 + rows) * 31 + cols;
  }

  /** Written as {@code []}, {@code [n]} or {@code [m, n]}. */
  @Override
  public String toString() {
    return Arrays.toString(dims());
  }
}
