package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;

/**
 * The log mass of categorical values x in 1..K under rows of probabilities ({@code log theta[x]})
 * or of logits ({@code beta[x] - log sum exp beta}), per element or fused into the sum. The
 * parameter is a vector (K) or a matrix (B, K) of B rows; x broadcasts with the batch shape (B).
 * Values that are not integers in 1..K score -infinity. No gradient reaches x.
 */
public final class CategoricalLogDensity extends Node {
  private final Node param;
  private final boolean logits;
  private final int k;
  private final int[] row;
  private final int[] cat;
  private final double[] logNorm;
  private final boolean sum;

  private CategoricalLogDensity(
      Tape tape, Shape shape, Node x, Node param, boolean logits, Shape full, boolean sum) {
    super(tape, shape, needsGrad(param));
    this.param = param;
    this.logits = logits;
    this.sum = sum;
    this.k = param.shape().cols();
    int n = full.size();
    Shape batch = param.shape().isMatrix() ? Shape.vector(param.shape().rows()) : Shape.SCALAR;
    Broadcast.Index ix = Broadcast.Index.of(x.shape(), full);
    Broadcast.Index ib = Broadcast.Index.of(batch, full);
    double[] xv = valueOf(x);
    double[] pv = valueOf(param);
    int rows = batch.size();
    this.logNorm = new double[rows];
    if (logits) {
      for (int r = 0; r < rows; r++) {
        logNorm[r] = dev.varia.core.math.SpecialFunctions.logSumExp(pv, r * k, (r + 1) * k);
      }
    }
    this.row = new int[n];
    this.cat = new int[n];
    double[] y = out();
    double total = 0;
    for (int i = 0; i < n; i++) {
      double xi = xv[ix.at(i)];
      int r = ib.at(i);
      row[i] = r;
      double lp;
      if (DistMath.isIntegerIn(xi, 1, k)) {
        cat[i] = (int) xi - 1;
        double v = pv[r * k + cat[i]];
        lp = logits ? v - logNorm[r] : Math.log(v);
      } else {
        cat[i] = -1;
        lp = Double.NEGATIVE_INFINITY;
      }
      if (sum) {
        total += lp;
      } else {
        y[i] = lp;
      }
    }
    if (sum) {
      y[0] = total;
    }
  }

  /** The log mass per element, or its sum when {@code sum}. */
  public static Node of(String dist, Node x, Node param, boolean logits, boolean sum) {
    Tape tape = tapeOf(x, param);
    Shape batch = param.shape().isMatrix() ? Shape.vector(param.shape().rows()) : Shape.SCALAR;
    Shape full = Broadcast.valueShape(dist, x.shape(), batch);
    return new CategoricalLogDensity(tape, sum ? Shape.SCALAR : full, x, param, logits, full, sum);
  }

  @Override
  protected void backward() {
    double[] gp = gradOf(param);
    if (gp == null) {
      return;
    }
    double[] g = outGrad();
    double[] pv = valueOf(param);
    int n = row.length;
    // logits: d/dbeta_rj = sum_i g_i (1[j = x_i] - softmax_rj); first the per-row totals of g
    double[] rowTotal = logits ? new double[logNorm.length] : null;
    for (int i = 0; i < n; i++) {
      double gi = g[sum ? 0 : i];
      if (cat[i] < 0 || gi == 0) {
        continue;
      }
      int at = row[i] * k + cat[i];
      if (logits) {
        gp[at] += gi;
        rowTotal[row[i]] += gi;
      } else {
        gp[at] += gi / pv[at];
      }
    }
    if (logits) {
      for (int r = 0; r < rowTotal.length; r++) {
        if (rowTotal[r] != 0) {
          for (int j = 0; j < k; j++) {
            gp[r * k + j] -= rowTotal[r] * Math.exp(pv[r * k + j] - logNorm[r]);
          }
        }
      }
    }
  }
}
