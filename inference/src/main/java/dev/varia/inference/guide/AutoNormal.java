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
 * The mean-field automatic guide: independent normals on the unconstrained scale, {@code z_i ~
 * N(m0_i + s_i loc_i, s_i scale_i)}, with {@code s} the reference's conditional standard deviations
 * {@code 1 / sqrt(P_ii)} (for a Gaussian target, exactly the best mean-field ones). Parameters:
 * {@code loc} (starts at 0) and {@code scale} (positive, starts at 1), so the guide starts at the
 * best mean-field approximation of the reference.
 *
 * <p>Mean-field guides understate posterior standard deviations where latents are correlated (by
 * the factor {@code 1 / sqrt((C^-1)_ii)}, C the correlation matrix): prefer {@link
 * AutoMultivariateNormal} then.
 */
public final class AutoNormal extends AutoGuide {
  /** The guide for the layout's model around {@code reference}. */
  public AutoNormal(LatentLayout layout, GaussianApproximation reference) {
    super(layout, reference);
  }

  @Override
  public GuideKind kind() {
    return GuideKind.MEAN_FIELD;
  }

  @Override
  public GaussianApproximation currentApproximation() {
    int d = dimension();
    double[] m0 = reference().mean();
    double[] s = reference().conditionalSd();
    double[] loc = param("loc", new double[d]);
    double[] ones = new double[d];
    java.util.Arrays.fill(ones, 1);
    double[] scale = param("scale", ones);
    double[] mean = new double[d];
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      mean[i] = m0[i] + s[i] * loc[i];
      l[i][i] = s[i] * scale[i];
    }
    return GaussianApproximation.fromCholesky(mean, l);
  }

  @Override
  protected GenFn program() {
    int d = dimension();
    Tensor m0 = center();
    Tensor s = vector(reference().conditionalSd());
    return Model.define(
        name(),
        b -> {
          Val loc = b.param("loc", Shape.vector(d), Domain.real(), Tensor.zeros(Shape.vector(d)));
          Val scale =
              b.param("scale", Shape.vector(d), Domain.positive(), Tensor.full(Shape.vector(d), 1));
          Val sv = Val.of(s);
          b.sample(
              siteName(),
              Dist.normal(Val.of(m0).add(sv.mul(loc)), sv.mul(scale)),
              Strategy.REPARAM);
        });
  }
}
