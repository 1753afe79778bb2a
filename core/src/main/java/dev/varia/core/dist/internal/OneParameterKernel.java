package dev.varia.core.dist.internal;

/**
 * A kernel of a discrete distribution with one parameter t, written as two scalar functions {@code
 * lp(x, t)} and {@code dlp/dt(x, t)}; the loops over the batch call them directly (no per-element
 * argument arrays), which is what the hot discrete likelihoods (bernoulli, bernoulli_logit,
 * poisson, poisson_log) use.
 */
public abstract class OneParameterKernel implements ElementwiseKernel {
  /** lp(x; t), -infinity outside the support. */
  protected abstract double lp(double x, double t);

  /** d lp / dt, 0 outside the support. */
  protected abstract double dlp(double x, double t);

  @Override
  public final int arity() {
    return 1;
  }

  @Override
  public final boolean continuous() {
    return false;
  }

  @Override
  public final double logDensity(double x, double[] p) {
    return lp(x, p[0]);
  }

  @Override
  public final void gradient(double x, double[] p, double[] d) {
    d[0] = 0;
    d[1] = dlp(x, p[0]);
  }

  @Override
  public final double forward(double[][] v, int[] s, int n, double[] out) {
    double[] x = v[0];
    double[] t = v[1];
    int sx = s[0];
    int st = s[1];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double lp = lp(x[i * sx], t[i * st]);
      if (out != null) {
        out[i] = lp;
      }
      total += lp;
    }
    return total;
  }

  @Override
  public final void backward(double[][] v, int[] s, int n, double[] g, int gs, double[][] grads) {
    double[] gt = grads[1];
    if (gt == null) {
      return;
    }
    double[] x = v[0];
    double[] t = v[1];
    int sx = s[0];
    int st = s[1];
    for (int i = 0; i < n; i++) {
      double gi = g[i * gs];
      if (gi != 0) {
        gt[i * st] += gi * dlp(x[i * sx], t[i * st]);
      }
    }
  }
}
