package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.MultiNormalBase;

/**
 * Stan's {@code multi_normal(mu, Sigma)}: mean mu (a vector (K), or a matrix (B, K) of batch rows)
 * and a symmetric positive-definite covariance Sigma (K, K), factored on the tape with {@link
 * Node#cholesky()} so the log density is differentiable in Sigma. Reparameterised draws {@code mu +
 * L eps}.
 */
public final class MvNormal extends MultiNormalBase {
  static final String NAME = "multi_normal";

  private MvNormal(Node mu, Node sigma) {
    super(NAME, mu, sigma.cholesky());
  }

  /** multi_normal(mu, Sigma) with tape parameters. */
  public static MvNormal of(Node mu, Node sigma) {
    checkShapes(NAME, mu, "Sigma", sigma);
    Check.finite(NAME, "mu", mu);
    Check.symmetricPositiveDefinite(NAME, "Sigma", sigma);
    return new MvNormal(mu, sigma);
  }

  /** multi_normal(mu, Sigma) with a constant mean vector and covariance on {@code tape}. */
  public static MvNormal of(Tape tape, double[] mu, double[][] sigma) {
    return of(tape.constant(Tensor.vector(mu)), tape.constant(Tensor.matrix(sigma)));
  }
}
