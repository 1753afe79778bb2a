package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.MultiNormalBase;

/**
 * Stan's {@code multi_normal_cholesky(mu, L)}: a multivariate normal with mean mu (a vector (K), or
 * a matrix (B, K) of batch rows) and covariance {@code L L^T}, L lower triangular (K, K) with a
 * positive diagonal. Reparameterised draws {@code mu + L eps}.
 */
public final class MvNormalCholesky extends MultiNormalBase {
  static final String NAME = "multi_normal_cholesky";

  private MvNormalCholesky(Node mu, Node l) {
    super(NAME, mu, l);
  }

  /** multi_normal_cholesky(mu, L) with tape parameters. */
  public static MvNormalCholesky of(Node mu, Node l) {
    checkShapes(NAME, mu, "L", l);
    Check.finite(NAME, "mu", mu);
    Check.lowerTriangular(NAME, "L", l);
    return new MvNormalCholesky(mu, l);
  }

  /** multi_normal_cholesky(mu, L) with a constant mean vector and factor on {@code tape}. */
  public static MvNormalCholesky of(Tape tape, double[] mu, double[][] l) {
    return of(tape.constant(Tensor.vector(mu)), tape.constant(Tensor.matrix(l)));
  }
}
