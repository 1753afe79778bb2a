package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.FiniteCategorical;

/**
 * Stan's {@code categorical_logit(beta)} over 1..K: probabilities {@code softmax(beta)}, beta a
 * vector (K) or a matrix (B, K) of rows (finite, or -infinity for an impossible category).
 */
public final class CategoricalLogit extends FiniteCategorical {
  static final String NAME = "categorical_logit";
  private final Node beta;

  private CategoricalLogit(Node beta) {
    super(NAME, beta, true);
    this.beta = beta;
  }

  /** categorical_logit(beta) with a tape parameter. */
  public static CategoricalLogit of(Node beta) {
    Check.requireRank(NAME, "beta", beta.shape(), 1, 2);
    Check.belowInfinity(NAME, "beta", beta);
    return new CategoricalLogit(beta);
  }

  /** categorical_logit(beta) with constant logits on {@code tape}. */
  public static CategoricalLogit of(Tape tape, double... beta) {
    return of(tape.constant(Tensor.vector(beta)));
  }

  @Override
  protected double[] probabilities() {
    double[] b = Check.values(beta);
    int k = categories();
    for (int r = 0; r < b.length / k; r++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        m = Math.max(m, b[r * k + j]);
      }
      double s = 0;
      for (int j = 0; j < k; j++) {
        b[r * k + j] = Math.exp(b[r * k + j] - m);
        s += b[r * k + j];
      }
      for (int j = 0; j < k; j++) {
        b[r * k + j] /= s;
      }
    }
    return b;
  }
}
