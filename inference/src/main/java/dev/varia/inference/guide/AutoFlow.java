package dev.varia.inference.guide;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.exec.DistributionFamilies;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.DistSpec;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.guide.internal.CouplingFlow;
import dev.varia.inference.guide.internal.GuideFamilies;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The normalising-flow automatic guide: a stack of affine coupling layers (Real NVP) in the
 * whitened coordinates of the reference Gaussian ({@link CouplingFlow}), so it starts as the
 * reference (the coupling networks' output weights start at 0, their input weights small and
 * random, from a fixed seed) and can bend it into skewed or heavy-tailed shapes a Gaussian cannot
 * take. Parameters: {@code shift} and {@code log_scale} of the base, and per layer {@code w1_l},
 * {@code c1_l}, {@code w2_l}, {@code c2_l}.
 */
public final class AutoFlow extends AutoGuide {
  private final int layers;
  private final int hidden;

  /** The guide with {@code layers} coupling layers of {@code hidden} units each. */
  public AutoFlow(LatentLayout layout, GaussianApproximation reference, int layers, int hidden) {
    super(layout, reference);
    if (layers < 0 || hidden < 1) {
      throw new IllegalArgumentException("a flow needs layers >= 0 and hidden >= 1");
    }
    this.layers = layout.dimension() > 1 ? layers : 0;
    this.hidden = hidden;
  }

  /** The number of coupling layers (none in one dimension). */
  public int layers() {
    return layers;
  }

  @Override
  public GuideKind kind() {
    return GuideKind.FLOW;
  }

  @Override
  protected DistributionFamilies families() {
    return GuideFamilies.instance();
  }

  @Override
  protected GenFn program() {
    int d = dimension();
    Tensor m0 = center();
    double[][] l0;
    if (reference().isDense()) {
      l0 = reference().choleskyFactor();
    } else {
      double[] s = reference().marginalSd();
      l0 = new double[d][d];
      for (int i = 0; i < d; i++) {
        l0[i][i] = s[i];
      }
    }
    Tensor l0t = matrix(l0);
    RandomStream rng = RandomStream.seeded(0xF10L);
    return Model.define(
        name(),
        b -> {
          List<Object> args = new ArrayList<>();
          args.add(Val.of(m0));
          args.add(Val.of(l0t));
          args.add(b.param("shift", Shape.vector(d), Domain.real(), Tensor.zeros(Shape.vector(d))));
          args.add(
              b.param("log_scale", Shape.vector(d), Domain.real(), Tensor.zeros(Shape.vector(d))));
          for (int l = 0; l < layers; l++) {
            int na = CouplingFlow.conditioningSize(d, l);
            int nb = d - na;
            double[] w1 = new double[hidden * na];
            for (int i = 0; i < w1.length; i++) {
              w1[i] = rng.normal() / Math.sqrt(na);
            }
            args.add(
                b.param(
                    "w1_" + l,
                    Shape.matrix(hidden, na),
                    Domain.real(),
                    Tensor.wrap(w1, Shape.matrix(hidden, na))));
            args.add(
                b.param(
                    "c1_" + l,
                    Shape.vector(hidden),
                    Domain.real(),
                    Tensor.zeros(Shape.vector(hidden))));
            args.add(
                b.param(
                    "w2_" + l,
                    Shape.matrix(2 * nb, hidden),
                    Domain.real(),
                    Tensor.zeros(Shape.matrix(2 * nb, hidden))));
            args.add(
                b.param(
                    "c2_" + l,
                    Shape.vector(2 * nb),
                    Domain.real(),
                    Tensor.zeros(Shape.vector(2 * nb))));
          }
          b.sample(siteName(), DistSpec.of(CouplingFlow.NAME, args.toArray()), Strategy.REPARAM);
        });
  }
}
