package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Broadcast;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.DirichletLogDensity;
import dev.varia.core.dist.internal.Draws;
import dev.varia.core.dist.internal.ImplicitGamma;
import dev.varia.core.random.RandomStream;
import java.util.Optional;

/**
 * Stan's {@code dirichlet(alpha)} on the simplex of dimension K: alpha a vector (K) of positive
 * concentrations, or a matrix (B, K) whose rows are a batch. Draws normalise independent
 * gamma(alpha_j, 1) draws; {@link #rsample} gives those gamma draws implicit reparameterisation
 * gradients, so the normalised draw is differentiable in alpha.
 */
public final class Dirichlet implements Distribution {
  static final String NAME = "dirichlet";
  private final Node alpha;
  private final Shape batchShape;
  private final int k;

  private Dirichlet(Node alpha) {
    this.alpha = alpha;
    this.k = alpha.shape().cols();
    this.batchShape = alpha.shape().isMatrix() ? Shape.vector(alpha.shape().rows()) : Shape.SCALAR;
  }

  /** dirichlet(alpha) with a tape parameter. */
  public static Dirichlet of(Node alpha) {
    Check.requireRank(NAME, "alpha", alpha.shape(), 1, 2);
    Check.positive(NAME, "alpha", alpha);
    return new Dirichlet(alpha);
  }

  /** dirichlet(alpha) with constant concentrations on {@code tape}. */
  public static Dirichlet of(Tape tape, double... alpha) {
    return of(tape.constant(Tensor.vector(alpha)));
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
    return new Constraint.Simplex();
  }

  @Override
  public Node logDensity(Node x) {
    return DirichletLogDensity.of(NAME, x, alpha, false);
  }

  @Override
  public Node logDensitySum(Node x) {
    return DirichletLogDensity.of(NAME, x, alpha, true);
  }

  private Shape valueShape(Shape batch) {
    Shape b = Broadcast.drawShape(NAME, batch, batchShape);
    return Broadcast.withEvent(NAME, b, eventShape());
  }

  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    Shape out = valueShape(batch);
    double[] a = Check.values(alpha);
    Broadcast.Index idx = Broadcast.Index.of(alpha.shape(), out);
    double[] x = new double[out.size()];
    for (int r = 0; r < out.size() / k; r++) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        int i = r * k + j;
        x[i] = Draws.standardGamma(rng, a[idx.at(i)]);
        s += x[i];
      }
      for (int j = 0; j < k; j++) {
        x[r * k + j] /= s;
      }
    }
    return Tensor.wrap(x, out);
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    Shape out = valueShape(batch);
    Node g = ImplicitGamma.standard(rng, alpha, out);
    if (out.isVector()) {
      return g.div(g.sum());
    }
    return g.div(g.sum(1).reshape(Shape.matrix(out.rows(), 1)));
  }

  @Override
  public Optional<Tensor> mean() {
    return Optional.of(moments(false));
  }

  @Override
  public Optional<Tensor> variance() {
    return Optional.of(moments(true));
  }

  /** alpha_j / alpha_0, or alpha_j (alpha_0 - alpha_j) / (alpha_0^2 (alpha_0 + 1)). */
  private Tensor moments(boolean variance) {
    double[] a = Check.values(alpha);
    double[] m = new double[a.length];
    for (int r = 0; r < a.length / k; r++) {
      double a0 = 0;
      for (int j = 0; j < k; j++) {
        a0 += a[r * k + j];
      }
      for (int j = 0; j < k; j++) {
        double aj = a[r * k + j];
        m[r * k + j] = variance ? aj * (a0 - aj) / (a0 * a0 * (a0 + 1)) : aj / a0;
      }
    }
    return Tensor.wrap(m, alpha.shape());
  }

  @Override
  public String toString() {
    return NAME + " of dimension " + k + " with batch shape " + batchShape;
  }
}
