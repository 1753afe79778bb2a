package dev.varia.core.dist;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;

/**
 * An independent reference for one scalar (marginal) distribution: log density (log mass), CDF,
 * quantile, mean and variance (NaN where they do not exist or are not to be tested), support
 * bounds. Built from commons-statistics where it has the distribution, otherwise from closed forms
 * written here.
 */
interface Ref1D {
  double logDensity(double x);

  double cdf(double x);

  double quantile(double p);

  default double mean() {
    return Double.NaN;
  }

  default double variance() {
    return Double.NaN;
  }

  boolean discrete();

  double lower();

  double upper();

  /** False for an improper density (flat), whose integral is not checked. */
  default boolean proper() {
    return true;
  }

  static Ref1D of(ContinuousDistribution d) {
    return new Ref1D() {
      public double logDensity(double x) {
        return d.logDensity(x);
      }

      public double cdf(double x) {
        return d.cumulativeProbability(x);
      }

      public double quantile(double p) {
        return d.inverseCumulativeProbability(p);
      }

      public double mean() {
        return d.getMean();
      }

      public double variance() {
        return d.getVariance();
      }

      public boolean discrete() {
        return false;
      }

      public double lower() {
        return d.getSupportLowerBound();
      }

      public double upper() {
        return d.getSupportUpperBound();
      }
    };
  }

  static Ref1D of(DiscreteDistribution d) {
    return new Ref1D() {
      public double logDensity(double x) {
        return x == Math.rint(x) && Math.abs(x) < Integer.MAX_VALUE
            ? d.logProbability((int) x)
            : Double.NEGATIVE_INFINITY;
      }

      public double cdf(double x) {
        return d.cumulativeProbability((int) Math.floor(x));
      }

      public double quantile(double p) {
        return d.inverseCumulativeProbability(p);
      }

      public double mean() {
        return d.getMean();
      }

      public double variance() {
        return d.getVariance();
      }

      public boolean discrete() {
        return true;
      }

      public double lower() {
        return d.getSupportLowerBound();
      }

      public double upper() {
        return d.getSupportUpperBound();
      }
    };
  }

  /** The same reference with mean and/or variance replaced (NaN: not tested). */
  default Ref1D withMoments(double mean, double variance) {
    Ref1D self = this;
    return new Ref1D() {
      public double logDensity(double x) {
        return self.logDensity(x);
      }

      public double cdf(double x) {
        return self.cdf(x);
      }

      public double quantile(double p) {
        return self.quantile(p);
      }

      public double mean() {
        return mean;
      }

      public double variance() {
        return variance;
      }

      public boolean discrete() {
        return self.discrete();
      }

      public double lower() {
        return self.lower();
      }

      public double upper() {
        return self.upper();
      }

      public boolean proper() {
        return self.proper();
      }
    };
  }

  /**
   * A distribution symmetric about 0 truncated to [0, infinity): density 2 f, CDF 2 F - 1. No
   * moments (set them with {@link #withMoments}).
   */
  static Ref1D half(ContinuousDistribution symmetric) {
    return new Ref1D() {
      public double logDensity(double x) {
        return x >= 0 ? Math.log(2) + symmetric.logDensity(x) : Double.NEGATIVE_INFINITY;
      }

      public double cdf(double x) {
        return x <= 0 ? 0 : 2 * symmetric.cumulativeProbability(x) - 1;
      }

      public double quantile(double p) {
        return symmetric.inverseCumulativeProbability(0.5 * (1 + p));
      }

      public boolean discrete() {
        return false;
      }

      public double lower() {
        return 0;
      }

      public double upper() {
        return Double.POSITIVE_INFINITY;
      }
    };
  }

  /**
   * The law of {@code 1 / Y} for Y with the given distribution on (0, infinity): density {@code
   * f(1/x) / x^2}, CDF {@code 1 - F(1/x)}. No moments.
   */
  static Ref1D reciprocal(ContinuousDistribution y) {
    return new Ref1D() {
      public double logDensity(double x) {
        return x > 0 ? y.logDensity(1 / x) - 2 * Math.log(x) : Double.NEGATIVE_INFINITY;
      }

      public double cdf(double x) {
        return x <= 0 ? 0 : y.survivalProbability(1 / x);
      }

      public double quantile(double p) {
        return 1 / y.inverseSurvivalProbability(p);
      }

      public boolean discrete() {
        return false;
      }

      public double lower() {
        return 0;
      }

      public double upper() {
        return Double.POSITIVE_INFINITY;
      }
    };
  }

  /** A discrete law on integers {@code from..} with the given log mass (summed for the CDF). */
  static Ref1D discrete(int from, int to, DoubleUnaryOperator logMass) {
    return new Ref1D() {
      public double logDensity(double x) {
        return x == Math.rint(x) && x >= from && x <= to
            ? logMass.applyAsDouble(x)
            : Double.NEGATIVE_INFINITY;
      }

      public double cdf(double x) {
        double s = 0;
        for (int v = from; v <= Math.min(to, Math.floor(x)); v++) {
          s += Math.exp(logMass.applyAsDouble(v));
        }
        return Math.min(1, s);
      }

      public double quantile(double p) {
        double s = 0;
        for (int v = from; v < to; v++) {
          s += Math.exp(logMass.applyAsDouble(v));
          if (s >= p) {
            return v;
          }
        }
        return to;
      }

      public double mean() {
        double m = 0;
        for (int v = from; v <= Math.min(to, 100_000); v++) {
          m += v * Math.exp(logMass.applyAsDouble(v));
        }
        return m;
      }

      public double variance() {
        double m = mean();
        double s = 0;
        for (int v = from; v <= Math.min(to, 100_000); v++) {
          s += (v - m) * (v - m) * Math.exp(logMass.applyAsDouble(v));
        }
        return s;
      }

      public boolean discrete() {
        return true;
      }

      public double lower() {
        return from;
      }

      public double upper() {
        return to;
      }
    };
  }

  /** A law on 1..K with the given probabilities. */
  static Ref1D categorical(double... probs) {
    return discrete(1, probs.length, v -> Math.log(probs[(int) v - 1]));
  }

  /** The law of {@code a + b Y}, b > 0, for Y with the given distribution; moments from Y's. */
  static Ref1D affine(ContinuousDistribution y, double a, double b) {
    return new Ref1D() {
      public double logDensity(double x) {
        return y.logDensity((x - a) / b) - Math.log(b);
      }

      public double cdf(double x) {
        return y.cumulativeProbability((x - a) / b);
      }

      public double quantile(double p) {
        return a + b * y.inverseCumulativeProbability(p);
      }

      public double mean() {
        return a + b * y.getMean();
      }

      public double variance() {
        return b * b * y.getVariance();
      }

      public boolean discrete() {
        return false;
      }

      public double lower() {
        return a + b * y.getSupportLowerBound();
      }

      public double upper() {
        return a + b * y.getSupportUpperBound();
      }
    };
  }

  /** A point mass. */
  static Ref1D point(double at) {
    return new Ref1D() {
      public double logDensity(double x) {
        return x == at ? 0 : Double.NEGATIVE_INFINITY;
      }

      public double cdf(double x) {
        return x >= at ? 1 : 0;
      }

      public double quantile(double p) {
        return at;
      }

      public double mean() {
        return at;
      }

      public double variance() {
        return 0;
      }

      public boolean discrete() {
        return true;
      }

      public double lower() {
        return at;
      }

      public double upper() {
        return at;
      }
    };
  }
}
