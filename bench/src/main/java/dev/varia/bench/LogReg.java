package dev.varia.bench;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.ScalarTape;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;

/**
 * The log joint of Bayesian logistic regression, {@code beta_d ~ Normal(0, 1)}, {@code y_n ~
 * Bernoulli-logit(x_n . beta)}, and its gradient with respect to beta, computed several ways on the
 * same data. The Bernoulli-logit log-likelihood is written {@code y eta - softplus(eta)}.
 */
public final class LogReg {
  private LogReg() {}

  /**
   * The fixed point at which the benchmarks evaluate the gradient: a simple pattern in [-0.3, 0.3].
   */
  public static double[] point(int d) {
    double[] b = new double[d];
    for (int i = 0; i < d; i++) {
      b[i] = 0.15 * ((i % 5) - 2);
    }
    return b;
  }

  /**
   * Hand-written: one pass over the rows computing {@code eta = x_n . beta}, the log-likelihood
   * term and the residual {@code y - sigmoid(eta)} from one shared {@code exp(-|eta|)}, and
   * accumulating {@code residual * x_n} into the gradient.
   */
  public static final class Hand implements GradientProgram {
    private final double[] x;
    private final double[] y;
    private final int rows;
    private final int cols;

    /** On the data set {@code data}. */
    public Hand(BenchData.LogRegData data) {
      this.x = data.x();
      this.y = data.y();
      this.rows = data.rows();
      this.cols = data.cols();
    }

    @Override
    public double valueAndGrad(double[] beta, double[] grad) {
      int d = cols;
      double lp = -d * NormalLogLik.HALF_LOG_TWO_PI;
      for (int j = 0; j < d; j++) {
        lp -= 0.5 * beta[j] * beta[j];
        grad[j] = -beta[j];
      }
      for (int r = 0, off = 0; r < rows; r++, off += d) {
        double eta = 0;
        for (int j = 0; j < d; j++) {
          eta += x[off + j] * beta[j];
        }
        double e = Math.exp(-Math.abs(eta));
        double softplus = Math.max(eta, 0) + Math.log1p(e);
        double sigmoid = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
        lp += y[r] * eta - softplus;
        double res = y[r] - sigmoid;
        for (int j = 0; j < d; j++) {
          grad[j] += res * x[off + j];
        }
      }
      return lp;
    }
  }

  /**
   * Tensor-level AD: {@code eta = X beta}, {@code sum(y * eta - softplus(eta)) - 0.5 sum(beta^2) -
   * D log(2 pi) / 2}. One tape, reset before each evaluation.
   */
  public static final class TensorAd implements GradientProgram {
    private final Tensor x;
    private final Tensor y;
    private final Tape tape = new Tape();

    /** On the data set {@code data}. */
    public TensorAd(BenchData.LogRegData data) {
      this.x = Tensor.wrap(data.x().clone(), Shape.matrix(data.rows(), data.cols()));
      this.y = Tensor.wrap(data.y().clone(), Shape.vector(data.rows()));
    }

    @Override
    public double valueAndGrad(double[] b, double[] grad) {
      tape.reset();
      Node beta = tape.variable(b, Shape.vector(b.length));
      Node eta = tape.constant(x).matmul(beta);
      Node lik = tape.constant(y).mul(eta).sub(eta.softplus()).sum();
      Node prior = beta.square().sum().mul(-0.5).sub(b.length * NormalLogLik.HALF_LOG_TWO_PI);
      Node lp = lik.add(prior);
      tape.backward(lp);
      beta.gradInto(grad, 0);
      return lp.item();
    }
  }

  /**
   * Scalar-tape AD: per row one linear-combination node {@code eta_n = x_n . beta} (D edges), then
   * {@code y_n eta_n - softplus(eta_n)}; an n-ary sum; the prior from per-coefficient squares. One
   * tape, reset before each evaluation.
   */
  public static final class ScalarAd implements GradientProgram {
    private final double[] x;
    private final double[] y;
    private final int rows;
    private final int cols;
    private final ScalarTape tape = new ScalarTape();
    private final int[] beta;
    private final int[] squares;
    private final int[] terms;

    /** On the data set {@code data}. */
    public ScalarAd(BenchData.LogRegData data) {
      this.x = data.x();
      this.y = data.y();
      this.rows = data.rows();
      this.cols = data.cols();
      this.beta = new int[cols];
      this.squares = new int[cols];
      this.terms = new int[rows];
    }

    @Override
    public double valueAndGrad(double[] b, double[] grad) {
      ScalarTape t = tape;
      t.reset();
      for (int j = 0; j < cols; j++) {
        beta[j] = t.variable(b[j]);
        squares[j] = t.square(beta[j]);
      }
      int prior = t.add(t.mul(t.sum(squares), -0.5), -cols * NormalLogLik.HALF_LOG_TWO_PI);
      for (int r = 0; r < rows; r++) {
        int eta = t.dot(beta, x, r * cols);
        terms[r] = t.sub(t.mul(eta, y[r]), t.softplus(eta));
      }
      int lp = t.add(t.sum(terms), prior);
      t.backward(lp);
      for (int j = 0; j < cols; j++) {
        grad[j] = t.adjoint(beta[j]);
      }
      return t.value(lp);
    }
  }
}
