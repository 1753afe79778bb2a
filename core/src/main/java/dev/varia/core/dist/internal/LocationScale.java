package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.random.RandomStream;

/**
 * Base of the location-scale families {@code x = loc + scale * z} with z from a fixed standard
 * density, and of their half (|z|, location 0) and log (x = exp(loc + scale * z)) variants. The log
 * density and its derivatives follow from the standard log density f and f' alone; draws and
 * reparameterised draws transform standard draws.
 */
public abstract class LocationScale extends Univariate {
  /** How x is made from a standard draw z. */
  public enum Variant {
    /** x = loc + scale * z; parameters (loc, scale). */
    PLAIN,
    /** x = scale * |z| for a density symmetric about 0; parameter (scale); support x >= 0. */
    HALF,
    /** x = exp(loc + scale * z); parameters (loc, scale); support x > 0. */
    LOG
  }

  private final Variant variant;
  private final Standard standard;
  private final ElementwiseKernel kernel;

  /**
   * A family built on {@code standard} with log-density kernel {@code kernel} (usually {@link
   * #kernel(Standard, Variant)}, shared by all instances); parameters are (loc, scale) for PLAIN
   * and LOG, (scale) for HALF.
   */
  protected LocationScale(
      String name,
      Variant variant,
      Standard standard,
      ElementwiseKernel kernel,
      String[] names,
      Node... params) {
    super(name, names, params);
    this.variant = variant;
    this.standard = standard;
    this.kernel = kernel;
  }

  /** The log-density kernel of the given variant of a standard density. */
  public static ElementwiseKernel kernel(Standard standard, Variant variant) {
    return new LocationScaleKernel(standard, variant);
  }

  @Override
  protected ElementwiseKernel kernel() {
    return kernel;
  }

  @Override
  protected Drawer drawer(RandomStream rng) {
    switch (variant) {
      case PLAIN:
        return p -> p[0] + p[1] * standard.draw(rng);
      case HALF:
        return p -> p[0] * Math.abs(standard.draw(rng));
      default:
        return p -> Math.exp(p[0] + p[1] * standard.draw(rng));
    }
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    Shape out = drawShape(batch);
    double[] z = new double[out.size()];
    for (int k = 0; k < z.length; k++) {
      z[k] = variant == Variant.HALF ? Math.abs(standard.draw(rng)) : standard.draw(rng);
    }
    Node eps = tape().constant(Tensor.wrap(z, out));
    if (variant == Variant.HALF) {
      return param(0).mul(eps);
    }
    Node x = param(0).add(param(1).mul(eps));
    return variant == Variant.LOG ? x.exp() : x;
  }
}
