package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.Enumeration;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.random.RandomStream;

/**
 * A point mass at {@code at} (elementwise): log mass 0 at the point, -infinity elsewhere. Its
 * {@link #rsample} is {@code at} itself, so gradients reach the point (a MAP guide is a Delta).
 * Enumerable when every element has the same point.
 */
public final class Delta extends Univariate {
  static final String NAME = "delta";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Delta(Node at) {
    super(NAME, new String[] {"at"}, at);
  }

  /** A point mass at {@code at} (any shape; each element is one point mass). */
  public static Delta of(Node at) {
    Check.notNaN(NAME, "at", at);
    return new Delta(at);
  }

  /** A point mass at a constant on {@code tape}. */
  public static Delta of(Tape tape, double at) {
    return of(tape.constant(at));
  }

  @Override
  public Constraint support() {
    return new Constraint.Point(param(0));
  }

  @Override
  protected ElementwiseKernel kernel() {
    return KERNEL;
  }

  @Override
  protected Drawer drawer(RandomStream rng) {
    return p -> p[0];
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    return param(0).add(tape().constant(Tensor.zeros(drawShape(batch))));
  }

  @Override
  public boolean isEnumerable() {
    return Enumeration.allEqual(param(0));
  }

  @Override
  public Tensor enumerateSupport() {
    if (!isEnumerable()) {
      throw Enumeration.notEnumerable(NAME, "its point differs between batch elements");
    }
    return Tensor.vector(param(0).get(0));
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0];
  }

  @Override
  protected double varianceOf(double[] p) {
    return 0;
  }

  /** lp = 0 at the point, -infinity elsewhere; no gradient. */
  private static final class Kernel implements ElementwiseKernel {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public boolean continuous() {
      return false;
    }

    @Override
    public double logDensity(double x, double[] p) {
      return x == p[0] ? 0.0 : Double.NEGATIVE_INFINITY;
    }

    @Override
    public void gradient(double x, double[] p, double[] d) {
      d[0] = 0;
      d[1] = 0;
    }
  }
}
