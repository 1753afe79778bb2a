package dev.varia.core.dist.internal;

/**
 * The scalar mathematics of a univariate log density {@code lp(x; p_1..p_m)} and its partial
 * derivatives, from which {@link ElementwiseLogDensity} builds one fused tape node for a whole
 * batch.
 *
 * <p>Operands are passed as arrays with a stride of 1 (one value per element) or 0 (one value
 * shared by all elements): operand j of element i is {@code v[j][i * s[j]]}, operand 0 being x. The
 * default loops call {@link #logDensity} and {@link #gradient} per element; distributions where
 * models spend their time override {@link #forward} and {@link #backward} with tight loops.
 *
 * <p>Outside the support {@link #logDensity} is -infinity and {@link #gradient} writes zeros (never
 * NaN), so that a masked element cannot poison the gradients of the others.
 */
public interface ElementwiseKernel {
  /** Number of parameters m (operands besides x). */
  int arity();

  /** True if the log density is differentiable in x (continuous distributions). */
  boolean continuous();

  /** lp(x; p). */
  double logDensity(double x, double[] p);

  /**
   * Writes d lp / dx into {@code d[0]} and d lp / dp_j into {@code d[j + 1]}; zeros outside the
   * support.
   */
  void gradient(double x, double[] p, double[] d);

  /**
   * Computes lp for {@code n} elements, writing them into {@code out} when it is not null, and
   * returns their sum.
   */
  default double forward(double[][] v, int[] s, int n, double[] out) {
    int m = arity();
    double[] p = new double[m];
    double[] x = v[0];
    int sx = s[0];
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        p[j] = v[j + 1][i * s[j + 1]];
      }
      double lp = logDensity(x[i * sx], p);
      if (out != null) {
        out[i] = lp;
      }
      total += lp;
    }
    return total;
  }

  /**
   * Adds {@code g[i * gs] * d lp_i / d operand_j} into {@code grads[j][i * s[j]]} for every operand
   * whose {@code grads[j]} is not null.
   */
  default void backward(double[][] v, int[] s, int n, double[] g, int gs, double[][] grads) {
    int m = arity();
    double[] p = new double[m];
    double[] d = new double[m + 1];
    double[] x = v[0];
    int sx = s[0];
    for (int i = 0; i < n; i++) {
      double gi = g[i * gs];
      if (gi == 0) {
        continue;
      }
      for (int j = 0; j < m; j++) {
        p[j] = v[j + 1][i * s[j + 1]];
      }
      gradient(x[i * sx], p, d);
      for (int j = 0; j <= m; j++) {
        if (grads[j] != null) {
          grads[j][i * s[j]] += gi * d[j];
        }
      }
    }
  }

  /**
   * The number of sufficient statistics that let the fused sum's gradient be formed without a
   * second pass over the data, when x is constant and every parameter is shared by all elements; 0
   * if the kernel has none.
   */
  default int statistics() {
    return 0;
  }

  /**
   * The fused sum for constant x (stride 1) and shared parameters, writing the sufficient
   * statistics into {@code stats}; one pass over the data.
   */
  default double forwardStatistics(double[][] v, int n, double[] stats) {
    throw new UnsupportedOperationException();
  }

  /**
   * Adds {@code g * d(sum)/d p_j} into {@code grads[j][0]} (parameters only) from the statistics.
   */
  default void backwardStatistics(double[][] v, int n, double g, double[] stats, double[][] grads) {
    throw new UnsupportedOperationException();
  }
}
