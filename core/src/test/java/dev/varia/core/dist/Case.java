package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * One distribution with parameter values and independent references, checked by {@link
 * DistributionContractTest}: log density at points, marginals of draws (moments and goodness of
 * fit), normalisation of 1-D densities, gradients, values outside the support, bad parameters and
 * enumeration.
 */
final class Case {
  /** A scalar statistic of one draw (flat batch + event) with its reference law. */
  record Marginal(String name, ToDoubleFunction<double[]> statistic, Ref1D ref) {}

  /** Parameters that must be rejected, naming {@code param} and reporting {@code value}. */
  record Bad(String param, double value, Function<Tape, Distribution> make) {}

  final String label;
  final String distName;
  final Tensor[] params;
  final Function<Node[], Distribution> build;
  final boolean[] differentiable;

  Tensor points;
  double[] expected;
  Tensor xInput;
  UnaryOperator<Node> xMap;
  final List<Marginal> marginals = new ArrayList<>();

  /** Per batch element, the 1-D reference whose support the normalisation integral covers. */
  IntFunction<Ref1D> normalisation;

  int normalisationElements;
  Tensor outside;
  final List<Bad> bad = new ArrayList<>();
  Boolean enumerable;

  /**
   * Whether sample moments are tested (false where the fourth moment, hence the SE, is infinite).
   */
  boolean sampleMoments = true;

  /** Whether marginal j's moments are element j of mean() and variance(). */
  boolean closedFormMoments = true;

  int draws = 20_000;

  Case(String label, String distName, Function<Node[], Distribution> build, Tensor... params) {
    this.label = label;
    this.distName = distName;
    this.build = build;
    this.params = params;
    this.differentiable = new boolean[params.length];
    java.util.Arrays.fill(differentiable, true);
  }

  /** The distribution with constant parameters on {@code tape}. */
  Distribution on(Tape tape) {
    Node[] in = new Node[params.length];
    for (int j = 0; j < in.length; j++) {
      in[j] = tape.constant(params[j]);
    }
    return build.apply(in);
  }

  Case noGradient(int... idx) {
    for (int i : idx) {
      differentiable[i] = false;
    }
    return this;
  }

  Case score(Tensor points, double[] expected) {
    this.points = points;
    this.expected = expected;
    return this;
  }

  /** x-gradients are checked through {@code xMap(xInput)} (identity for the points). */
  Case gradientInX(Tensor xInput, UnaryOperator<Node> xMap) {
    this.xInput = xInput;
    this.xMap = xMap;
    return this;
  }

  Case marginal(String name, ToDoubleFunction<double[]> statistic, Ref1D ref) {
    marginals.add(new Marginal(name, statistic, ref));
    return this;
  }

  Case outside(Tensor values) {
    this.outside = values;
    return this;
  }

  Case bad(String param, double value, Function<Tape, Distribution> make) {
    bad.add(new Bad(param, value, make));
    return this;
  }

  Case enumerable(boolean e) {
    this.enumerable = e;
    return this;
  }

  Case noSampleMoments() {
    this.sampleMoments = false;
    return this;
  }

  Case noClosedFormMoments() {
    this.closedFormMoments = false;
    return this;
  }

  Case draws(int n) {
    this.draws = n;
    return this;
  }

  /** The batch shape of the parameters as given. */
  Shape batchShape() {
    return on(new Tape()).batchShape();
  }

  @Override
  public String toString() {
    return label;
  }
}
