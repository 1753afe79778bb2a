package dev.varia.core.dist.internal;

import dev.varia.core.random.RandomStream;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/** Exact samplers shared by the distributions (commons-rng and commons-statistics). */
public final class Draws {
  private Draws() {}

  /** A Poisson sampler of the given mean (always 0 for mean 0). */
  public static DoubleSupplier poisson(RandomStream rng, double mean) {
    if (mean == 0) {
      return () -> 0.0;
    }
    var s = PoissonSampler.of(rng.provider(), mean);
    return () -> s.sample();
  }

  /** One Poisson draw of the given mean. */
  public static double poissonDraw(RandomStream rng, double mean) {
    return poisson(rng, mean).getAsDouble();
  }

  /** A binomial sampler for n trials with success probability p. */
  public static DoubleSupplier binomial(RandomStream rng, double n, double p) {
    var s = BinomialDistribution.of((int) n, p).createSampler(rng.provider());
    return () -> s.sample();
  }

  /** One standard gamma draw of shape {@code alpha} (rate 1). */
  public static double standardGamma(RandomStream rng, double alpha) {
    return AhrensDieterMarsagliaTsangGammaSampler.of(rng.provider(), alpha, 1).sample();
  }

  /** One beta(a, b) draw. */
  public static double beta(RandomStream rng, double a, double b) {
    return ChengBetaSampler.of(rng.provider(), a, b).sample();
  }
}
