package dev.varia.inference.guide;

import dev.varia.core.ad.Shape;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.DistSpec;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;

/**
 * The MAP (point-mass) automatic guide: {@code z = loc}, a Delta on the unconstrained scale, with
 * {@code loc} starting at the reference's mean (the mode). Fitted by default with L-BFGS on the log
 * joint at the constrained values, without log-Jacobians: Stan's {@code optimize}, whose flat prior
 * on a positive sigma gives the maximum-likelihood sigma. Used inside an objective instead, its
 * ELBO is the log joint on the unconstrained scale, log-Jacobians included. Its draws are all the
 * point: summaries have sd 0, and k-hat and the evidence are not defined.
 */
public final class AutoDelta extends AutoGuide {
  /** The guide for the layout's model at {@code reference}'s mean. */
  public AutoDelta(LatentLayout layout, GaussianApproximation reference) {
    super(layout, reference);
  }

  @Override
  public GuideKind kind() {
    return GuideKind.MAP;
  }

  @Override
  protected GenFn program() {
    int d = dimension();
    return Model.define(
        name(),
        b -> {
          Val loc = b.param("loc", Shape.vector(d), Domain.real(), center());
          b.sample(siteName(), DistSpec.of("delta", loc), Strategy.REPARAM);
        });
  }
}
