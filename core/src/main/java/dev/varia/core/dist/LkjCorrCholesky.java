package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Broadcast;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.Draws;
import dev.varia.core.dist.internal.MatrixOps;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code lkj_corr_cholesky(eta)}: the distribution of the Cholesky factor L of a K x K
 * correlation matrix R = L L^T with density proportional to {@code det(R)^(eta - 1)} (Lewandowski,
 * Kurowicka and Joe 2009), eta > 0 a scalar. In terms of L (Stan's functions reference),
 *
 * <pre>
 * log p(L) = sum_{k=2..K} (K - k + 2 eta - 2) log L_kk - log c_K(eta),
 * c_K(eta) = prod_{k=1..K-1} [2^(2 eta - 2 + K - k) B(eta + (K - k - 1)/2, eta + (K - k - 1)/2)]^(K - k)
 * </pre>
 *
 * (1-based k), differentiable in eta and L. Draws use the onion method: row m (m = 1..K-1, 0-based)
 * is {@code (sqrt(y) u, sqrt(1 - y))} with y ~ beta(m/2, eta + (K - 1 - m)/2) and u uniform on the
 * unit sphere in R^m. No reparameterised sampler; no closed-form mean.
 */
public final class LkjCorrCholesky implements Distribution {
  static final String NAME = "lkj_corr_cholesky";
  private static final double LOG_TWO = Math.log(2);
  private final int k;
  private final Node eta;

  private LkjCorrCholesky(int k, Node eta) {
    this.k = k;
    this.eta = eta;
  }

  /** lkj_corr_cholesky(eta) over K x K factors; eta a scalar tape value. */
  public static LkjCorrCholesky of(int k, Node eta) {
    if (k < 1) {
      throw new ShapeException(NAME + ": the dimension K must be at least 1, got " + k);
    }
    if (!eta.shape().isScalar()) {
      throw new ShapeException(NAME + ": parameter eta must be a scalar, got shape " + eta.shape());
    }
    Check.positive(NAME, "eta", eta);
    return new LkjCorrCholesky(k, eta);
  }

  /** lkj_corr_cholesky(eta) over K x K factors with a constant eta on {@code tape}. */
  public static LkjCorrCholesky of(Tape tape, int k, double eta) {
    return of(k, tape.constant(eta));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Shape batchShape() {
    return Shape.SCALAR;
  }

  @Override
  public Shape eventShape() {
    return Shape.matrix(k, k);
  }

  @Override
  public Constraint support() {
    return new Constraint.CorrCholesky();
  }

  @Override
  public Node logDensity(Node l) {
    if (!l.shape().equals(eventShape())) {
      throw new ShapeException(
          NAME
              + ": a value of shape "
              + l.shape()
              + " does not fit events of shape "
              + eventShape());
    }
    Tape tape = eta.tape();
    if (!support().contains(l)) {
      return tape.constant(Double.NEGATIVE_INFINITY);
    }
    Node logNorm = logNormaliser();
    if (k == 1) {
      return logNorm.neg();
    }
    // coefficients K - k + 2 eta - 2 for k = 2..K (1-based), i.e. rows i = 1..K-1 (0-based)
    double[] base = new double[k - 1];
    for (int i = 1; i < k; i++) {
      base[i - 1] = k - (i + 1) - 2;
    }
    Node coef = tape.constant(Tensor.vector(base)).add(eta.mul(2));
    Node logDiag = MatrixOps.logDiagonal(l).slice(1, k);
    return coef.mul(logDiag).sum().sub(logNorm);
  }

  /** log c_K(eta) as a tape value. */
  private Node logNormaliser() {
    Tape tape = eta.tape();
    if (k == 1) {
      return eta.mul(0);
    }
    // terms j = K - k for k = 1..K-1, with a_j = eta + (j - 1)/2
    double[] shift = new double[k - 1];
    double[] weight = new double[k - 1];
    for (int i = 0; i < k - 1; i++) {
      int j = k - 1 - i;
      shift[i] = 0.5 * (j - 1);
      weight[i] = j;
    }
    Node w = tape.constant(Tensor.vector(weight));
    Node a = tape.constant(Tensor.vector(shift)).add(eta);
    Node logBeta = a.lgamma().mul(2).sub(a.mul(2).lgamma());
    // each term j contributes j [(2 eta - 2 + j) log 2 + log B(a_j, a_j)]
    Node twoExponent = eta.mul(2).add(tape.constant(Tensor.vector(weight)).sub(2));
    return w.mul(logBeta.add(twoExponent.mul(LOG_TWO))).sum();
  }

  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    Broadcast.withEvent(NAME, Broadcast.drawShape(NAME, batch, Shape.SCALAR), eventShape());
    double e = eta.item();
    double[] l = new double[k * k];
    l[0] = 1;
    for (int m = 1; m < k; m++) {
      double y = Draws.beta(rng, 0.5 * m, e + 0.5 * (k - 1 - m));
      double norm = 0;
      double[] u = new double[m];
      for (int j = 0; j < m; j++) {
        u[j] = rng.normal();
        norm += u[j] * u[j];
      }
      double scale = Math.sqrt(y / norm);
      for (int j = 0; j < m; j++) {
        l[m * k + j] = u[j] * scale;
      }
      l[m * k + m] = Math.sqrt(1 - y);
    }
    return Tensor.wrap(l, eventShape());
  }

  @Override
  public String toString() {
    return NAME + " over " + k + " x " + k + " factors";
  }
}
