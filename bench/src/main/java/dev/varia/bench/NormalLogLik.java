package dev.varia.bench;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.ScalarTape;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;

/**
 * The Normal log-likelihood {@code sum_i log Normal(x_i | mu, exp(logSigma))} and its gradient with
 * respect to {@code (mu, logSigma)}, computed several ways on the same data. Parameters are {@code
 * {mu, logSigma}}.
 */
public final class NormalLogLik {
  /** log(2 pi) / 2. */
  static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private NormalLogLik() {}

  /** The fixed point at which the benchmarks evaluate the gradient. */
  public static double[] point() {
    return new double[] {1.2, 0.4};
  }

  /**
   * Hand-written: one plain loop over the data accumulating {@code sum(x - mu)} and {@code sum((x -
   * mu)^2)}, then the closed-form gradient.
   */
  public static final class Hand implements GradientProgram {
    private final double[] x;

    /** On data {@code x}. */
    public Hand(double[] x) {
      this.x = x;
    }

    @Override
    public double valueAndGrad(double[] p, double[] grad) {
      double mu = p[0];
      double logSigma = p[1];
      double inv = Math.exp(-logSigma);
      double s1 = 0;
      double s2 = 0;
      for (double xi : x) {
        double d = xi - mu;
        s1 += d;
        s2 += d * d;
      }
      int n = x.length;
      double inv2 = inv * inv;
      grad[0] = s1 * inv2;
      grad[1] = s2 * inv2 - n;
      return -0.5 * s2 * inv2 - n * logSigma - n * HALF_LOG_TWO_PI;
    }
  }

  /**
   * Tensor-level AD, composed of ordinary operations: {@code z = (x - mu) / exp(logSigma)}, {@code
   * -0.5 sum(z^2) - n logSigma - n log(2 pi) / 2}. One tape, reset before each evaluation.
   */
  public static final class TensorAd implements GradientProgram {
    private final Tensor x;
    private final Tape tape = new Tape();

    /** On data {@code x}. */
    public TensorAd(double[] x) {
      this.x = Tensor.wrap(x.clone(), Shape.vector(x.length));
    }

    @Override
    public double valueAndGrad(double[] p, double[] grad) {
      tape.reset();
      Node mu = tape.variable(p[0]);
      Node logSigma = tape.variable(p[1]);
      Node data = tape.constant(x);
      int n = x.size();
      Node z = data.sub(mu).div(logSigma.exp());
      Node lp = z.square().sum().mul(-0.5).sub(logSigma.mul(n)).sub(n * HALF_LOG_TWO_PI);
      tape.backward(lp);
      grad[0] = mu.gradAt(0);
      grad[1] = logSigma.gradAt(0);
      return lp.item();
    }
  }

  /**
   * Tensor-level AD with the engine's fused operations: {@code -0.5 * sumOfSquares(standardize(x,
   * mu, exp(logSigma))) - n logSigma - n log(2 pi) / 2} (one entry each for the standardisation and
   * the sum of squares instead of sub, div, square and sum).
   */
  public static final class TensorAdFused implements GradientProgram {
    private final Tensor x;
    private final Tape tape = new Tape();

    /** On data {@code x}. */
    public TensorAdFused(double[] x) {
      this.x = Tensor.wrap(x.clone(), Shape.vector(x.length));
    }

    @Override
    public double valueAndGrad(double[] p, double[] grad) {
      tape.reset();
      Node mu = tape.variable(p[0]);
      Node logSigma = tape.variable(p[1]);
      int n = x.size();
      Node z = tape.constant(x).standardize(mu, logSigma.exp());
      Node lp = z.sumOfSquares().mul(-0.5).sub(logSigma.mul(n)).sub(n * HALF_LOG_TWO_PI);
      tape.backward(lp);
      grad[0] = mu.gradAt(0);
      grad[1] = logSigma.gradAt(0);
      return lp.item();
    }
  }

  /**
   * Tensor-level AD through the distribution library: {@code Normal.of(mu, exp(logSigma))
   * .logDensitySum(x)}, the fused log-density node a Varia model records for a vector observation.
   */
  public static final class TensorAdDistribution implements GradientProgram {
    private final Tensor x;
    private final Tape tape = new Tape();

    /** On data {@code x}. */
    public TensorAdDistribution(double[] x) {
      this.x = Tensor.wrap(x.clone(), Shape.vector(x.length));
    }

    @Override
    public double valueAndGrad(double[] p, double[] grad) {
      tape.reset();
      Node mu = tape.variable(p[0]);
      Node logSigma = tape.variable(p[1]);
      Node lp = dev.varia.core.dist.Normal.of(mu, logSigma.exp()).logDensitySum(tape.constant(x));
      tape.backward(lp);
      grad[0] = mu.gradAt(0);
      grad[1] = logSigma.gradAt(0);
      return lp.item();
    }
  }

  /**
   * Scalar-tape AD: one node per operation per data point ({@code (x_i - mu) / sigma}, squared),
   * summed with one n-ary sum node. One tape, reset before each evaluation.
   */
  public static final class ScalarAd implements GradientProgram {
    private final double[] x;
    private final ScalarTape tape = new ScalarTape();
    private final int[] terms;

    /** On data {@code x}. */
    public ScalarAd(double[] x) {
      this.x = x;
      this.terms = new int[x.length];
    }

    @Override
    public double valueAndGrad(double[] p, double[] grad) {
      ScalarTape t = tape;
      t.reset();
      int mu = t.variable(p[0]);
      int logSigma = t.variable(p[1]);
      int sigma = t.exp(logSigma);
      int n = x.length;
      for (int i = 0; i < n; i++) {
        int z = t.div(t.sub(t.constant(x[i]), mu), sigma);
        terms[i] = t.square(z);
      }
      int lp =
          t.add(
              t.add(t.mul(t.sum(terms), -0.5), t.mul(logSigma, -(double) n)), -n * HALF_LOG_TWO_PI);
      t.backward(lp);
      grad[0] = t.adjoint(mu);
      grad[1] = t.adjoint(logSigma);
      return t.value(lp);
    }
  }
}
