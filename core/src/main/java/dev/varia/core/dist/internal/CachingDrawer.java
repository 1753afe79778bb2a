package dev.varia.core.dist.internal;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * A {@link Univariate.Drawer} that builds a sampler per distinct parameter vector and reuses it
 * while consecutive elements share their parameters (samplers with set-up cost, such as large-mean
 * Poisson or binomial tables, are then built once per batch of scalar parameters).
 */
public final class CachingDrawer implements Univariate.Drawer {
  private final Function<double[], DoubleSupplier> factory;
  private double[] last;
  private DoubleSupplier sampler;

  /** Draws with {@code factory.apply(p)}, rebuilt whenever p changes. */
  public CachingDrawer(Function<double[], DoubleSupplier> factory) {
    this.factory = factory;
  }

  @Override
  public double draw(double[] p) {
    if (last == null || !Arrays.equals(p, last)) {
      last = p.clone();
      sampler = factory.apply(last);
    }
    return sampler.getAsDouble();
  }
}
