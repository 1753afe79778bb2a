package dev.varia.core.ad.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;

/** Factories of the linear-algebra nodes; each checks shapes and names them when they misfit. */
public final class Linalg {
  private Linalg() {}

  /** Matrix product with vector cases; see {@link Node#matmul(Node)}. */
  public static Node matmul(Node a, Node b) {
    Tape tape = Nodes.tape(a, b);
    Shape sa = a.shape();
    Shape sb = b.shape();
    if (sa.isMatrix() && sb.isMatrix() && sa.cols() == sb.rows()) {
      return new MatMul(
          tape, Shape.matrix(sa.rows(), sb.cols()), a, b, sa.rows(), sa.cols(), sb.cols());
    }
    if (sa.isMatrix() && sb.isVector() && sa.cols() == sb.cols()) {
      return new MatMul(tape, Shape.vector(sa.rows()), a, b, sa.rows(), sa.cols(), 1);
    }
    if (sa.isVector() && sb.isMatrix() && sa.cols() == sb.rows()) {
      return new MatMul(tape, Shape.vector(sb.cols()), a, b, 1, sa.cols(), sb.cols());
    }
    throw new ShapeException(
        "matmul: shapes " + sa + " and " + sb + " do not fit (inner dimensions must agree)");
  }

  /** Inner product of two vectors. */
  public static Node dot(Node a, Node b) {
    Tape tape = Nodes.tape(a, b);
    if (!a.shape().isVector() || !a.shape().equals(b.shape())) {
      throw new ShapeException(
          "dot: needs two vectors of equal length, got " + a.shape() + " and " + b.shape());
    }
    return new MatMul(tape, Shape.SCALAR, a, b, 1, a.size(), 1);
  }

  /** Outer product of two vectors. */
  public static Node outer(Node a, Node b) {
    if (!a.shape().isVector() || !b.shape().isVector()) {
      throw new ShapeException("outer: needs two vectors, got " + a.shape() + " and " + b.shape());
    }
    Tape tape = Nodes.tape(a, b);
    return new MatMul(
        tape,
        Shape.matrix(a.size(), b.size()),
        a.reshape(Shape.matrix(a.size(), 1)),
        b.reshape(Shape.matrix(1, b.size())),
        a.size(),
        1,
        b.size());
  }

  /** Transpose. */
  public static Node transpose(Node a) {
    Tape tape = Nodes.tape(a);
    if (!a.shape().isMatrix()) {
      return a;
    }
    return new Transpose(tape, a);
  }

  /** Cholesky factor. */
  public static Node cholesky(Node a) {
    Tape tape = Nodes.tape(a);
    if (!a.shape().isSquare()) {
      throw new ShapeException("cholesky: needs a square matrix, got shape " + a.shape());
    }
    return new CholeskyNode(tape, a);
  }

  /** Triangular solve. */
  public static Node solveTriangular(Node t, Node b, boolean lower, boolean transpose) {
    Tape tape = Nodes.tape(t, b);
    Shape st = t.shape();
    Shape sb = b.shape();
    int rhsRows = sb.isVector() ? sb.cols() : sb.rows();
    if (!st.isSquare() || sb.isScalar() || rhsRows != st.rows()) {
      throw new ShapeException(
          "solveTriangular: needs a square matrix and a right-hand side with as many rows, got "
              + st
              + " and "
              + sb);
    }
    return new TriangularSolve(tape, t, b, lower, transpose);
  }

  /** log det of an SPD matrix. */
  public static Node logDetSpd(Node a) {
    Tape tape = Nodes.tape(a);
    if (!a.shape().isSquare()) {
      throw new ShapeException("logDetSpd: needs a square matrix, got shape " + a.shape());
    }
    return new LogDetSpd(tape, a);
  }

  /** Raised for a matrix that should be positive definite and is not. */
  static VariaException notPositiveDefinite(String op, Shape s) {
    return new VariaException(
        op + ": the " + s + " matrix is not symmetric positive definite (or holds NaN/infinity)");
  }
}
