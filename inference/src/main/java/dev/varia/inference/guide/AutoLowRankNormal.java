package dev.varia.inference.guide;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.DistSpec;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;

/**
 * The low-rank-plus-diagonal automatic guide: {@code z ~ N(m0 + s loc, S (W W' + diag(d)) S)} with
 * {@code S = diag(s)}, s the reference's marginal standard deviations, W of {@code rank} columns.
 * Parameters: {@code loc} (starts at 0), {@code cov_factor} W and {@code cov_diag} d (positive),
 * starting at the reference's leading eigen-directions on the correlation scale ({@link
 * GaussianApproximation#lowRank}). Costs O(d r^2) per draw: the default for many latents.
 */
public final class AutoLowRankNormal extends AutoGuide {
  private final int rank;

  /** The guide of the given rank for the layout's model around {@code reference}. */
  public AutoLowRankNormal(LatentLayout layout, GaussianApproximation reference, int rank) {
    super(layout, reference);
    if (rank < 1) {
      throw new IllegalArgumentException("the rank must be at least 1, got " + rank);
    }
    this.rank = Math.min(rank, layout.dimension());
  }

  /** The default rank, {@code ceil(sqrt(d))} (as Pyro's AutoLowRankMultivariateNormal). */
  public static int defaultRank(int dimension) {
    return (int) Math.ceil(Math.sqrt(dimension));
  }

  /** The rank of the factor. */
  public int rank() {
    return rank;
  }

  @Override
  public GuideKind kind() {
    return GuideKind.LOW_RANK;
  }

  @Override
  public GaussianApproximation currentApproximation() {
    int d = dimension();
    double[] m0 = reference().mean();
    double[] s = reference().marginalSd();
    GaussianApproximation.LowRank init = reference().lowRank(rank);
    double[] loc = param("loc", new double[d]);
    double[] wFlat = param("cov_factor", flatten(init.factor()));
    double[] diag = param("cov_diag", init.diagonal());
    double[] mean = new double[d];
    double[] dd = new double[d];
    double[][] w = new double[d][rank];
    for (int i = 0; i < d; i++) {
      mean[i] = m0[i] + s[i] * loc[i];
      dd[i] = s[i] * s[i] * diag[i];
      for (int k = 0; k < rank; k++) {
        w[i][k] = s[i] * wFlat[i * rank + k];
      }
    }
    GaussianApproximation low = GaussianApproximation.fromLowRank(mean, dd, w);
    return d <= AutoFit.DENSE_LIMIT
        ? GaussianApproximation.fromCovariance(mean, low.covariance())
        : low;
  }

  private static double[] flatten(double[][] m) {
    int r = m.length == 0 ? 0 : m[0].length;
    double[] out = new double[m.length * r];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * r, r);
    }
    return out;
  }

  @Override
  protected GenFn program() {
    int d = dimension();
    Tensor m0 = center();
    double[] s = reference().marginalSd();
    GaussianApproximation.LowRank init = reference().lowRank(rank);
    double[] sq = new double[d];
    for (int i = 0; i < d; i++) {
      sq[i] = s[i] * s[i];
    }
    Tensor column = Tensor.wrap(s.clone(), Shape.matrix(d, 1));
    return Model.define(
        name(),
        b -> {
          Val loc = b.param("loc", Shape.vector(d), Domain.real(), Tensor.zeros(Shape.vector(d)));
          Val w =
              b.param("cov_factor", Shape.matrix(d, rank), Domain.real(), matrix(init.factor()));
          Val diag =
              b.param("cov_diag", Shape.vector(d), Domain.positive(), vector(init.diagonal()));
          b.sample(
              siteName(),
              DistSpec.of(
                  "multi_normal_lowrank",
                  Val.of(m0).add(Val.of(vector(s)).mul(loc)),
                  Val.of(column).mul(w),
                  Val.of(vector(sq)).mul(diag)),
              Strategy.REPARAM);
        });
  }
}
