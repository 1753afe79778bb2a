package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Broadcast;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.random.RandomStream;
import java.util.Optional;

/**
 * A multivariate normal with diagonal covariance, {@code multi_normal_diag(mu, sigma)}: independent
 * normal(mu_i, sigma_i) components forming one vector event (Stan writes it as a vectorised
 * normal). mu and sigma are vectors (K) or matrices (B, K) of batch rows, broadcasting. The log
 * density is one per event (the sum over its components); the fused sum and the draws are those of
 * {@link Normal}.
 */
public final class MvNormalDiag implements Distribution {
  static final String NAME = "multi_normal_diag";
  private final Normal components;
  private final Shape batchShape;
  private final int k;

  private MvNormalDiag(Normal components) {
    this.components = components;
    Shape s = components.batchShape();
    this.k = s.cols();
    this.batchShape = s.isMatrix() ? Shape.vector(s.rows()) : Shape.SCALAR;
  }

  /** multi_normal_diag(mu, sigma) with tape parameters (vectors or matrices of rows). */
  public static MvNormalDiag of(Node mu, Node sigma) {
    Check.requireRank(NAME, "mu", mu.shape(), 1, 2);
    Check.requireRank(NAME, "sigma", sigma.shape(), 1, 2);
    Check.finite(NAME, "mu", mu);
    Check.positive(NAME, "sigma", sigma);
    Broadcast.batchShape(
        NAME, new String[] {"mu", "sigma"}, new Shape[] {mu.shape(), sigma.shape()});
    return new MvNormalDiag(Normal.of(mu, sigma));
  }

  /** multi_normal_diag(mu, sigma) with constant vectors on {@code tape}. */
  public static MvNormalDiag of(Tape tape, double[] mu, double[] sigma) {
    return of(tape.constant(Tensor.vector(mu)), tape.constant(Tensor.vector(sigma)));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Shape batchShape() {
    return batchShape;
  }

  @Override
  public Shape eventShape() {
    return Shape.vector(k);
  }

  @Override
  public Constraint support() {
    return new Constraint.Real();
  }

  @Override
  public Node logDensity(Node x) {
    Broadcast.checkVectorEvents(NAME, x.shape(), k);
    Node lp = components.logDensity(x);
    return lp.shape().isMatrix() ? lp.sum(1) : lp.sum();
  }

  @Override
  public Node logDensitySum(Node x) {
    if (x.shape().isScalar() || x.shape().cols() != k) {
      return logDensity(x);
    }
    return components.logDensitySum(x);
  }

  private Shape drawShape(Shape batch) {
    return Broadcast.withEvent(NAME, Broadcast.drawShape(NAME, batch, batchShape), eventShape());
  }

  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    return components.sample(rng, drawShape(batch));
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    return components.rsample(rng, drawShape(batch));
  }

  @Override
  public Optional<Tensor> mean() {
    return components.mean();
  }

  @Override
  public Optional<Tensor> variance() {
    return components.variance();
  }

  @Override
  public String toString() {
    return NAME + " of dimension " + k + " with batch shape " + batchShape;
  }
}
