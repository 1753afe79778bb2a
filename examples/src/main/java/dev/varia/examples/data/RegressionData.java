package dev.varia.examples.data;

import dev.varia.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded synthetic data for the regression examples, with the coefficients that generated them:
 * covariates x_nd ~ N(0, 1) and
 *
 * <ul>
 *   <li>linear: y_n ~ N(alpha + x_n . beta, sigma);
 *   <li>logistic: y_n ~ Bernoulli(inv_logit(alpha + x_n . beta)).
 * </ul>
 *
 * <p>{@code examples/linear_regression.csv} and {@code logistic_regression.csv} (columns {@code
 * X[1]..X[D]}, then {@code y}) are written by {@link WriteExampleData}.
 *
 * @param x the covariates, N rows of D
 * @param y the responses
 * @param alpha the true intercept
 * @param beta the true coefficients
 * @param sigma the true noise sd (linear; NaN for logistic)
 */
public record RegressionData(double[][] x, double[] y, double alpha, double[] beta, double sigma) {
  /** The true intercept of both data sets. */
  public static final double ALPHA = 0.5;

  /** The true coefficients of the linear data. */
  public static final double[] LINEAR_BETA = {2.0, -1.0, 0.5};

  /** The true noise sd of the linear data. */
  public static final double LINEAR_SIGMA = 0.8;

  /** The true coefficients of the logistic data. */
  public static final double[] LOGISTIC_BETA = {1.5, -1.0, 0.5};

  /** The seed of the example data files. */
  public static final long SEED = 20240611;

  /** Copies the arrays. */
  public RegressionData {
    x = x.clone();
    y = y.clone();
    beta = beta.clone();
  }

  /** N points of the linear model. */
  public static RegressionData linear(int n, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    double[][] x = covariates(rng, n, LINEAR_BETA.length);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = predictor(x[i], ALPHA, LINEAR_BETA) + LINEAR_SIGMA * rng.normal();
    }
    return new RegressionData(x, y, ALPHA, LINEAR_BETA, LINEAR_SIGMA);
  }

  /** N points of the logistic model. */
  public static RegressionData logistic(int n, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    double[][] x = covariates(rng, n, LOGISTIC_BETA.length);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double p = 1 / (1 + Math.exp(-predictor(x[i], ALPHA, LOGISTIC_BETA)));
      y[i] = rng.uniform() < p ? 1 : 0;
    }
    return new RegressionData(x, y, ALPHA, LOGISTIC_BETA, Double.NaN);
  }

  private static double[][] covariates(RandomStream rng, int n, int d) {
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = rng.normal();
      }
    }
    return x;
  }

  private static double predictor(double[] x, double alpha, double[] beta) {
    double s = alpha;
    for (int j = 0; j < beta.length; j++) {
      s += beta[j] * x[j];
    }
    return s;
  }

  /** The number of points. */
  public int n() {
    return y.length;
  }

  /** The covariates as a flat row-major array. */
  public double[] xRowMajor() {
    int d = beta.length;
    double[] out = new double[n() * d];
    for (int i = 0; i < n(); i++) {
      System.arraycopy(x[i], 0, out, i * d, d);
    }
    return out;
  }

  /** The CSV text: a header {@code X[1],...,X[D],y}, then one line per point. */
  public String csv(boolean integerY) {
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (int j = 1; j <= beta.length; j++) {
      header.add("X[" + j + "]");
    }
    header.add("y");
    b.append(String.join(",", header)).append('\n');
    for (int i = 0; i < n(); i++) {
      for (double v : x[i]) {
        b.append(v).append(',');
      }
      b.append(integerY ? Long.toString(Math.round(y[i])) : Double.toString(y[i])).append('\n');
    }
    return b.toString();
  }

  /** The linear data of the example file (200 points). */
  public static RegressionData linearExample() {
    return linear(200, SEED);
  }

  /** The logistic data of the example file (500 points). */
  public static RegressionData logisticExample() {
    return logistic(500, SEED + 1);
  }
}
