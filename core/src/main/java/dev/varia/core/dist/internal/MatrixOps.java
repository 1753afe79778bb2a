package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.random.RandomStream;

/** Matrix helpers shared by the multivariate normals and the LKJ distribution. */
public final class MatrixOps {
  private MatrixOps() {}

  /** The flat indices of the diagonal of an n x n row-major matrix. */
  public static int[] diagonalIndices(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i * (n + 1);
    }
    return idx;
  }

  /** The diagonal of a square matrix as a vector (differentiable). */
  public static Node diagonal(Node m) {
    int n = m.shape().rows();
    return m.reshape(Shape.vector(n * n)).gather(diagonalIndices(n));
  }

  /** The log of the diagonal of a square matrix as a vector (differentiable). */
  public static Node logDiagonal(Node m) {
    return diagonal(m).log();
  }

  /** The n x n identity. */
  public static Tensor identity(int n) {
    double[] v = new double[n * n];
    for (int i = 0; i < n; i++) {
      v[i * n + i] = 1;
    }
    return Tensor.wrap(v, Shape.matrix(n, n));
  }

  /** Standard normal draws of the given shape. */
  public static Tensor standardNormal(RandomStream rng, Shape s) {
    double[] e = new double[s.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = rng.normal();
    }
    return Tensor.wrap(e, s);
  }

  /**
   * {@code A v} for a vector v, or {@code V A^T} for a matrix V of rows: A applied to each row of
   * V.
   */
  public static Node applyToRows(Node a, Node v) {
    return v.shape().isVector() ? a.matmul(v) : v.matmul(a.transpose());
  }
}
