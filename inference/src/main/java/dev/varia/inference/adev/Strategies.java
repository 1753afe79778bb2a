package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.Bernoulli;
import dev.varia.core.dist.BernoulliLogit;
import dev.varia.core.dist.Distribution;
import dev.varia.core.dist.Normal;
import dev.varia.core.dist.Poisson;
import dev.varia.core.dist.PoissonLog;
import dev.varia.core.exec.SampleSite;
import dev.varia.core.ir.Strategy;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which gradient strategies a distribution supports, and the default for a site that names none:
 * REPARAM where the distribution has a reparameterised sampler; else ENUM when its support is
 * finite, small ({@link EstimatorOptions#maxEnumerate()}) and the site is one value outside a plate
 * (enumeration re-runs the rest of the objective per value); else REINFORCE with a moving-average
 * baseline.
 */
public final class Strategies {
  private Strategies() {}

  /** The strategies {@code d} supports at a site of one value. */
  public static Set<Strategy.Kind> supported(Distribution d) {
    Set<Strategy.Kind> s = EnumSet.noneOf(Strategy.Kind.class);
    if (!supportMoves(d)) {
      // the score function needs a support that does not depend on the parameters
      s.add(Strategy.Kind.REINFORCE);
    }
    if (d.hasReparam()) {
      s.add(Strategy.Kind.REPARAM);
    }
    if (d.isEnumerable()) {
      s.add(Strategy.Kind.ENUM);
    }
    if (supportsMvd(d)) {
      s.add(Strategy.Kind.MVD);
    }
    return s;
  }

  /** True if the support's bounds depend on values that carry gradients (uniform(a, b), ...). */
  static boolean supportMoves(Distribution d) {
    Constraint c = d.support();
    if (c instanceof Constraint.GreaterThan g) {
      return g.lower().requiresGrad();
    }
    if (c instanceof Constraint.LessThan l) {
      return l.upper().requiresGrad();
    }
    if (c instanceof Constraint.Interval i) {
      return i.lower().requiresGrad() || i.upper().requiresGrad();
    }
    if (c instanceof Constraint.Point p) {
      return p.at().requiresGrad();
    }
    return false;
  }

  /**
   * Measure-valued derivatives exist here for Bernoulli (probability or logit), Poisson (rate or
   * log rate) and the mean of a Normal whose scale is a constant.
   */
  static boolean supportsMvd(Distribution d) {
    if (d instanceof Normal n) {
      return !n.sigma().requiresGrad() && n.mu().size() == 1 && n.sigma().size() == 1;
    }
    return d instanceof Bernoulli
        || d instanceof BernoulliLogit
        || d instanceof Poisson
        || d instanceof PoissonLog;
  }

  /** The strategy to use at {@code site}, checking that an annotated one applies. */
  static Strategy.Kind resolve(SampleSite site, EstimatorOptions options) {
    Distribution d = site.dist();
    Strategy.Kind k = site.strategy().kind();
    switch (k) {
      case AUTO:
        if (d.hasReparam()) {
          return Strategy.Kind.REPARAM;
        }
        if (d.isEnumerable()
            && !site.inPlate()
            && (site.isElement() || site.batch().size() == 1)
            && d.enumerateSupport().size() <= options.maxEnumerate()) {
          return Strategy.Kind.ENUM;
        }
        if (supportMoves(d)) {
          throw unsupported(
              site,
              "a default strategy",
              "has a support that depends on the parameters and no reparameterised sampler");
        }
        return Strategy.Kind.REINFORCE;
      case REPARAM:
        if (!d.hasReparam()) {
          throw unsupported(site, "REPARAM", "has no reparameterised sampler");
        }
        return k;
      case ENUM:
        if (!d.isEnumerable()) {
          throw unsupported(site, "ENUM", "has no finite support to enumerate");
        }
        return k;
      case REINFORCE:
        if (supportMoves(d)) {
          throw unsupported(
              site,
              "REINFORCE",
              "has a support that depends on the parameters, which the score function cannot"
                  + " differentiate");
        }
        return k;
      case MVD:
        if (!supportsMvd(d)) {
          throw unsupported(
              site,
              "MVD",
              "has no measure-valued derivative here (Bernoulli, Poisson and the mean of a Normal"
                  + " with constant scale do)");
        }
        return k;
      default:
        return k;
    }
  }

  private static VariaException unsupported(SampleSite site, String strategy, String why) {
    return new VariaException(
        "site "
            + site.displayName()
            + ": "
            + strategy
            + " does not apply, "
            + site.dist().name()
            + " "
            + why
            + "; supported here: "
            + supported(site.dist()));
  }
}
