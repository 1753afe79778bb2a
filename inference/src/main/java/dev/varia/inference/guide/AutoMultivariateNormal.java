package dev.varia.inference.guide;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;

/**
 * The full-rank automatic guide: one multivariate normal on the unconstrained scale, {@code z ~
 * N(m0 + L0 loc, (L0 L) (L0 L)')}, with {@code L0} the Cholesky factor of the reference's
 * covariance. Parameters: {@code loc} (starts at 0) and {@code scale_tril} (a Cholesky factor,
 * starts at the identity), so the guide starts at the reference (the Laplace approximation). Costs
 * O(d^3) per draw in the whitening product: meant for up to a few hundred latents.
 */
public final class AutoMultivariateNormal extends AutoGuide {
  /**
   * The guide for the layout's model around {@code reference}, which must be dense ({@link
   * GaussianApproximation#isDense()}).
   */
  public AutoMultivariateNormal(LatentLayout layout, GaussianApproximation reference) {
    super(layout, reference);
    if (!reference.isDense()) {
      throw new IllegalArgumentException("a full-rank guide needs a dense reference covariance");
    }
  }

  @Override
  public GuideKind kind() {
    return GuideKind.FULL_RANK;
  }

  @Override
  public GaussianApproximation currentApproximation() {
    int d = dimension();
    double[] m0 = reference().mean();
    double[][] l0 = reference().choleskyFactor();
    double[] loc = param("loc", new double[d]);
    double[] eye = new double[d * d];
    for (int i = 0; i < d; i++) {
      eye[i * d + i] = 1;
    }
    double[] tril = param("scale_tril", eye);
    double[] mean = new double[d];
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      double m = m0[i];
      for (int k = 0; k <= i; k++) {
        m += l0[i][k] * loc[k];
      }
      mean[i] = m;
      for (int j = 0; j <= i; j++) {
        double v = 0;
        for (int k = j; k <= i; k++) {
          v += l0[i][k] * tril[k * d + j];
        }
        l[i][j] = v;
      }
    }
    return GaussianApproximation.fromCholesky(mean, l);
  }

  @Override
  protected GenFn program() {
    int d = dimension();
    Tensor m0 = center();
    Tensor l0 = matrix(reference().choleskyFactor());
    double[][] eye = new double[d][d];
    for (int i = 0; i < d; i++) {
      eye[i][i] = 1;
    }
    Tensor identity = matrix(eye);
    return Model.define(
        name(),
        b -> {
          Val loc = b.param("loc", Shape.vector(d), Domain.real(), Tensor.zeros(Shape.vector(d)));
          Val tril =
              b.param(
                  "scale_tril", Shape.matrix(d, d), Domain.of(Domain.Kind.COV_CHOLESKY), identity);
          Val l0v = Val.of(l0);
          b.sample(
              siteName(),
              Dist.multiNormalCholesky(Val.of(m0).add(l0v.matmul(loc)), l0v.matmul(tril)),
              Strategy.REPARAM);
        });
  }
}
