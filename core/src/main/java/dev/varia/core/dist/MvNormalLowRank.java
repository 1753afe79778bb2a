package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Broadcast;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.MatrixOps;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;
import java.util.Optional;

/**
 * A multivariate normal with low-rank-plus-diagonal covariance, {@code multi_normal_lowrank(mu, W,
 * d)}: {@code Sigma = W W^T + diag(d)} with W (K, r) and d (K) positive. mu is a vector (K) or a
 * matrix (B, K) of batch rows. The log density costs O(K r^2) through the Woodbury identity and the
 * matrix determinant lemma, with the r x r capacitance {@code C = I + W^T D^-1 W = L_C L_C^T}:
 *
 * <pre>
 * log det Sigma = log det C + sum log d
 * y^T Sigma^-1 y = y^T D^-1 y - |L_C^-1 W^T D^-1 y|^2
 * </pre>
 *
 * Reparameterised draws {@code mu + W eps_1 + sqrt(d) eps_2}.
 */
public final class MvNormalLowRank implements Distribution {
  static final String NAME = "multi_normal_lowrank";
  private final Node mu;
  private final Node w;
  private final Node d;
  private final int k;
  private final int rank;
  private final Shape batchShape;

  private MvNormalLowRank(Node mu, Node w, Node d) {
    this.mu = mu;
    this.w = w;
    this.d = d;
    this.k = w.shape().rows();
    this.rank = w.shape().cols();
    this.batchShape = mu.shape().isMatrix() ? Shape.vector(mu.shape().rows()) : Shape.SCALAR;
  }

  /** multi_normal_lowrank(mu, W, d) with tape parameters. */
  public static MvNormalLowRank of(Node mu, Node w, Node d) {
    Check.requireRank(NAME, "mu", mu.shape(), 1, 2);
    Check.requireRank(NAME, "W", w.shape(), 2, 2);
    Check.requireRank(NAME, "d", d.shape(), 1, 1);
    int k = mu.shape().cols();
    if (w.shape().rows() != k || d.size() != k) {
      throw new ShapeException(
          NAME
              + ": mu has "
              + k
              + " components but W has shape "
              + w.shape()
              + " and d has shape "
              + d.shape()
              + " (expected ["
              + k
              + ", r] and ["
              + k
              + "])");
    }
    Check.finite(NAME, "mu", mu);
    Check.finite(NAME, "W", w);
    Check.positive(NAME, "d", d);
    return new MvNormalLowRank(mu, w, d);
  }

  /** multi_normal_lowrank(mu, W, d) with constant parameters on {@code tape}. */
  public static MvNormalLowRank of(Tape tape, double[] mu, double[][] w, double[] d) {
    return of(
        tape.constant(Tensor.vector(mu)),
        tape.constant(Tensor.matrix(w)),
        tape.constant(Tensor.vector(d)));
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
    Node y = x.sub(mu);
    Node dinvW = w.div(d.reshape(Shape.matrix(k, 1)));
    Node eye = w.tape().constant(MatrixOps.identity(rank));
    Node lc = eye.add(w.transpose().matmul(dinvW)).cholesky();
    Node logDet = MatrixOps.logDiagonal(lc).sum().mul(2).add(d.log().sum());
    Node quad;
    if (y.shape().isVector()) {
      Node v = lc.solveTriangular(dinvW.transpose().matmul(y), true, false);
      quad = y.square().div(d).sum().sub(v.square().sum());
    } else {
      Node v = lc.solveTriangular(y.matmul(dinvW).transpose(), true, false);
      quad = y.square().div(d).sum(1).sub(v.square().sum(0));
    }
    return quad.add(logDet).mul(-0.5).sub(k * SpecialFunctions.HALF_LOG_TWO_PI);
  }

  private Shape drawShape(Shape batch) {
    return Broadcast.withEvent(NAME, Broadcast.drawShape(NAME, batch, batchShape), eventShape());
  }

  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    try (var scope = mu.tape().valueOnly()) {
      return rsample(rng, batch).detach();
    }
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    Shape out = drawShape(batch);
    Shape lowShape = out.isVector() ? Shape.vector(rank) : Shape.matrix(out.rows(), rank);
    Node e1 = mu.tape().constant(MatrixOps.standardNormal(rng, lowShape));
    Node e2 = mu.tape().constant(MatrixOps.standardNormal(rng, out));
    Node low = MatrixOps.applyToRows(w, e1);
    return mu.add(low).add(d.sqrt().mul(e2));
  }

  @Override
  public Optional<Tensor> mean() {
    return Optional.of(mu.detach());
  }

  /** The marginal variances {@code sum_j W_ij^2 + d_i}, per batch row. */
  @Override
  public Optional<Tensor> variance() {
    double[] wv = Check.values(w);
    double[] dv = Check.values(d);
    double[] v = new double[mu.size()];
    for (int i = 0; i < v.length; i++) {
      int c = i % k;
      double s = dv[c];
      for (int j = 0; j < rank; j++) {
        s += wv[c * rank + j] * wv[c * rank + j];
      }
      v[i] = s;
    }
    return Optional.of(Tensor.wrap(v, mu.shape()));
  }

  @Override
  public String toString() {
    return NAME + " of dimension " + k + ", rank " + rank + ", batch shape " + batchShape;
  }
}
