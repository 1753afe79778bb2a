package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.Distribution;
import dev.varia.core.random.RandomStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Base of {@code categorical(theta)} and {@code categorical_logit(beta)}: values 1..K, parameter a
 * vector (K) or a matrix (B, K) whose rows are the batch. Subclasses supply the row probabilities.
 */
public abstract class FiniteCategorical implements Distribution {
  private final String name;
  private final Node param;
  private final boolean logits;
  private final int k;
  private final Shape batchShape;

  /** A categorical over rows of {@code param}, probabilities or (with {@code logits}) logits. */
  protected FiniteCategorical(String name, Node param, boolean logits) {
    this.name = name;
    this.param = param;
    this.logits = logits;
    this.k = param.shape().cols();
    this.batchShape = param.shape().isMatrix() ? Shape.vector(param.shape().rows()) : Shape.SCALAR;
  }

  /** The probabilities, row-major (B, K). */
  protected abstract double[] probabilities();

  /** The number of categories K. */
  public final int categories() {
    return k;
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
  public Constraint support() {
    return new Constraint.IntegerRange(1, k);
  }

  @Override
  public Node logDensity(Node x) {
    return CategoricalLogDensity.of(name, x, param, logits, false);
  }

  @Override
  public Node logDensitySum(Node x) {
    return CategoricalLogDensity.of(name, x, param, logits, true);
  }

  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    Shape out = Broadcast.drawShape(name, batch, batchShape);
    double[] p = probabilities();
    int rows = batchShape.size();
    double[] cum = new double[p.length];
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += p[r * k + j];
        cum[r * k + j] = s;
      }
    }
    Broadcast.Index ib = Broadcast.Index.of(batchShape, out);
    double[] res = new double[out.size()];
    for (int i = 0; i < res.length; i++) {
      int r = ib.at(i);
      double u = rng.uniform() * cum[r * k + k - 1];
      int j = Arrays.binarySearch(cum, r * k, r * k + k, u);
      j = j >= 0 ? j : -j - 1;
      res[i] = Math.min(j - r * k, k - 1) + 1;
    }
    return Tensor.wrap(res, out);
  }

  @Override
  public boolean isEnumerable() {
    return true;
  }

  @Override
  public Tensor enumerateSupport() {
    return Enumeration.range(1, k);
  }

  @Override
  public Optional<Tensor> mean() {
    return Optional.of(moment(1));
  }

  @Override
  public Optional<Tensor> variance() {
    Tensor m = moment(1);
    Tensor m2 = moment(2);
    double[] v = new double[m.size()];
    for (int r = 0; r < v.length; r++) {
      v[r] = m2.get(r) - m.get(r) * m.get(r);
    }
    return Optional.of(Tensor.wrap(v, batchShape));
  }

  private Tensor moment(int power) {
    double[] p = probabilities();
    double[] m = new double[batchShape.size()];
    for (int r = 0; r < m.length; r++) {
      for (int j = 0; j < k; j++) {
        m[r] += Math.pow(j + 1, power) * p[r * k + j];
      }
    }
    return Tensor.wrap(m, batchShape);
  }

  @Override
  public String toString() {
    return name + " over 1.." + k + " with batch shape " + batchShape;
  }
}
