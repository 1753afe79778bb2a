package dev.varia.core.dist.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Distribution;
import dev.varia.core.random.RandomStream;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Base of the univariate distributions (scalar events): parameters broadcast to the batch shape,
 * the log density is one {@link ElementwiseLogDensity} node over an {@link ElementwiseKernel}, and
 * draws, means and variances are computed per element from the parameter values.
 */
public abstract class Univariate implements Distribution {
  private final String name;
  private final Node[] params;
  private final Shape batchShape;

  /**
   * A distribution named {@code name} with parameters {@code params} (named {@code names}, in
   * kernel order), all on one tape.
   */
  protected Univariate(String name, String[] names, Node... params) {
    this.name = name;
    this.params = params.clone();
    Shape[] shapes = new Shape[params.length];
    for (int j = 0; j < params.length; j++) {
      if (params[j].tape() != params[0].tape()) {
        throw new VariaException(
            name
                + ": parameters "
                + names[0]
                + " and "
                + names[j]
                + " are on different tapes; put both on one tape");
      }
      shapes[j] = params[j].shape();
    }
    this.batchShape = Broadcast.batchShape(name, names, shapes);
  }

  /** The kernel computing the log density and its partial derivatives. */
  protected abstract ElementwiseKernel kernel();

  /** A sampler for one call of {@link #sample}: one draw per element from its parameters. */
  protected abstract Drawer drawer(RandomStream rng);

  /** Draws one value given one element's parameters (in kernel order). */
  @FunctionalInterface
  public interface Drawer {
    /** One draw. */
    double draw(double[] p);
  }

  /** The mean of one element (NaN where it is undefined or has no closed form). */
  protected double meanOf(double[] p) {
    return Double.NaN;
  }

  /** The variance of one element (NaN where it is undefined or has no closed form). */
  protected double varianceOf(double[] p) {
    return Double.NaN;
  }

  /** Parameter j (kernel order). */
  protected final Node param(int j) {
    return params[j];
  }

  /** The tape the parameters live on. */
  protected final Tape tape() {
    return params[0].tape();
  }

  /** The batch shape of a draw of batch {@code requested}. */
  protected final Shape drawShape(Shape requested) {
    return Broadcast.drawShape(name, requested, batchShape);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Shape batchShape() {
    return batchShape;
  }

  @Override
  public Node logDensity(Node x) {
    return ElementwiseLogDensity.perElement(name, kernel(), x, params);
  }

  @Override
  public Node logDensitySum(Node x) {
    return ElementwiseLogDensity.sum(name, kernel(), x, params);
  }

  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    Shape out = drawShape(batch);
    Drawer d = drawer(rng);
    double[] res = new double[out.size()];
    forEachElement(out, (k, p) -> res[k] = d.draw(p));
    return Tensor.wrap(res, out);
  }

  /** Calls {@code action} for each element of {@code out} with that element's parameters. */
  protected final void forEachElement(Shape out, ElementAction action) {
    int m = params.length;
    double[][] pv = new double[m][];
    Broadcast.Index[] idx = new Broadcast.Index[m];
    for (int j = 0; j < m; j++) {
      pv[j] = Check.values(params[j]);
      idx[j] = Broadcast.Index.of(params[j].shape(), out);
    }
    double[] p = new double[m];
    for (int k = 0; k < out.size(); k++) {
      for (int j = 0; j < m; j++) {
        p[j] = pv[j][idx[j].at(k)];
      }
      action.apply(k, p);
    }
  }

  /** A per-element action of {@link #forEachElement}. */
  @FunctionalInterface
  public interface ElementAction {
    /** Called for element k with its parameters p (a reused array). */
    void apply(int k, double[] p);
  }

  @Override
  public Optional<Tensor> mean() {
    return moment(this::meanOf);
  }

  @Override
  public Optional<Tensor> variance() {
    return moment(this::varianceOf);
  }

  private Optional<Tensor> moment(ToDoubleFunction<double[]> f) {
    double[] res = new double[batchShape.size()];
    boolean[] any = {false};
    forEachElement(
        batchShape,
        (k, p) -> {
          res[k] = f.applyAsDouble(p);
          any[0] |= !Double.isNaN(res[k]);
        });
    return any[0] ? Optional.of(Tensor.wrap(res, batchShape)) : Optional.empty();
  }

  @Override
  public String toString() {
    return name + " with batch shape " + batchShape;
  }
}
