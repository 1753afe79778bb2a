package dev.varia.core.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.internal.ImplicitBeta;
import dev.varia.core.dist.internal.ImplicitGamma;
import dev.varia.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reparameterised and implicitly reparameterised gradients are unbiased: the mean over draws of
 * d/dtheta f(rsample) matches d/dtheta E[f(x)] from a closed form (central differences of the
 * closed form, which are exact to ~1e-10) within 4 standard errors. Draws are taken in independent
 * chunks; the chunk means of the gradient give the standard error, so parameters shared by all
 * draws (a Cholesky factor) are covered too.
 */
class ReparamGradientTest {
  private static final int CHUNKS = 40;
  private static final int PER_CHUNK = 500;

  /** A distribution, the statistic f (on a batch of draws, one value per draw) and E[f](theta). */
  record Case(
      String label,
      Tensor[] params,
      Function<Node[], Distribution> build,
      UnaryOperator<Node> f,
      ToDoubleFunction<double[]> expectation) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Case of(
      String label,
      Function<Node[], Distribution> build,
      UnaryOperator<Node> f,
      ToDoubleFunction<double[]> expectation,
      Tensor... params) {
    return new Case(label, params, build, f, expectation);
  }

  static Tensor s(double x) {
    return Tensor.scalar(x);
  }

  static Node square(Node x) {
    return x.square();
  }

  static Node identity(Node x) {
    return x;
  }

  /** 1 / (1 + x^2): bounded, for distributions without moments. */
  static Node lorentz(Node x) {
    return x.square().add(1).rdiv(1);
  }

  /** Per draw (rows of a matrix) sum_j w_j x_j^2. */
  static UnaryOperator<Node> weightedSquares(double... w) {
    return x -> x.square().matmul(x.tape().constant(Tensor.vector(w)));
  }

  /** Per draw (a . x)^2. */
  static UnaryOperator<Node> projectionSquared(double... a) {
    return x -> x.matmul(x.tape().constant(Tensor.vector(a))).square();
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(
        of(
            "normal E[x^2] = mu^2 + sigma^2",
            p -> Normal.of(p[0], p[1]),
            ReparamGradientTest::square,
            t -> t[0] * t[0] + t[1] * t[1],
            s(0.5),
            s(1.3)));
    c.add(
        of(
            "lognormal E[x] = exp(mu + sigma^2/2)",
            p -> LogNormal.of(p[0], p[1]),
            ReparamGradientTest::identity,
            t -> Math.exp(t[0] + 0.5 * t[1] * t[1]),
            s(0.2),
            s(0.4)));
    c.add(
        of(
            "half_normal E[x] = sigma sqrt(2/pi)",
            p -> HalfNormal.of(p[0]),
            ReparamGradientTest::identity,
            t -> t[0] * Math.sqrt(2 / Math.PI),
            s(1.5)));
    c.add(
        of(
            "cauchy E[1/(1+x^2)] = (1+sigma)/((1+sigma)^2+mu^2)",
            p -> Cauchy.of(p[0], p[1]),
            ReparamGradientTest::lorentz,
            t -> (1 + t[1]) / ((1 + t[1]) * (1 + t[1]) + t[0] * t[0]),
            s(1),
            s(0.7)));
    c.add(
        of(
            "half_cauchy E[1/(1+x^2)] = 1/(1+sigma)",
            p -> HalfCauchy.of(p[0]),
            ReparamGradientTest::lorentz,
            t -> 1 / (1 + t[0]),
            s(0.8)));
    c.add(
        of(
            "student_t E[x^2] = mu^2 + sigma^2 nu/(nu-2) (nu by implicit gamma)",
            p -> StudentT.of(p[0], p[1], p[2]),
            ReparamGradientTest::square,
            t -> t[1] * t[1] + t[2] * t[2] * t[0] / (t[0] - 2),
            s(9),
            s(0.5),
            s(1.2)));
    c.add(
        of(
            "double_exponential E[x^2] = mu^2 + 2 sigma^2",
            p -> Laplace.of(p[0], p[1]),
            ReparamGradientTest::square,
            t -> t[0] * t[0] + 2 * t[1] * t[1],
            s(-0.3),
            s(0.9)));
    c.add(
        of(
            "logistic E[x^2] = mu^2 + pi^2 sigma^2 / 3",
            p -> Logistic.of(p[0], p[1]),
            ReparamGradientTest::square,
            t -> t[0] * t[0] + Math.PI * Math.PI * t[1] * t[1] / 3,
            s(0.4),
            s(0.6)));
    c.add(
        of(
            "uniform E[x^2] = (a^2 + ab + b^2)/3",
            p -> Uniform.of(p[0], p[1]),
            ReparamGradientTest::square,
            t -> (t[0] * t[0] + t[0] * t[1] + t[1] * t[1]) / 3,
            s(-1),
            s(2)));
    c.add(
        of(
            "exponential E[x^2] = 2/beta^2",
            p -> Exponential.of(p[0]),
            ReparamGradientTest::square,
            t -> 2 / (t[0] * t[0]),
            s(1.5)));
    c.add(
        of(
            "gamma E[x^2] = alpha(alpha+1)/beta^2",
            p -> Gamma.of(p[0], p[1]),
            ReparamGradientTest::square,
            t -> t[0] * (t[0] + 1) / (t[1] * t[1]),
            s(2.5),
            s(1.5)));
    c.add(
        of(
            "gamma small shape E[x] = alpha/beta",
            p -> Gamma.of(p[0], p[1]),
            ReparamGradientTest::identity,
            t -> t[0] / t[1],
            s(0.6),
            s(2)));
    c.add(
        of(
            "inv_gamma E[x] = beta/(alpha-1)",
            p -> InvGamma.of(p[0], p[1]),
            ReparamGradientTest::identity,
            t -> t[1] / (t[0] - 1),
            s(4.5),
            s(2)));
    c.add(
        of(
            "beta E[x^2] = a(a+1)/((a+b)(a+b+1))",
            p -> Beta.of(p[0], p[1]),
            ReparamGradientTest::square,
            t -> t[0] * (t[0] + 1) / ((t[0] + t[1]) * (t[0] + t[1] + 1)),
            s(1.5),
            s(2.5)));
    c.add(
        of(
            "beta small shapes E[x] = a/(a+b)",
            p -> Beta.of(p[0], p[1]),
            ReparamGradientTest::identity,
            t -> t[0] / (t[0] + t[1]),
            s(0.5),
            s(0.7)));
    double[] w = {1, 2, 3};
    c.add(
        of(
            "dirichlet E[sum w x^2], E[x_j^2] = a_j(a_j+1)/(a0(a0+1))",
            p -> Dirichlet.of(p[0]),
            weightedSquares(w),
            t -> {
              double a0 = t[0] + t[1] + t[2];
              double e = 0;
              for (int j = 0; j < 3; j++) {
                e += w[j] * t[j] * (t[j] + 1) / (a0 * (a0 + 1));
              }
              return e;
            },
            Tensor.vector(0.7, 1.5, 3)));
    c.add(
        of(
            "multi_normal_diag E[sum w x^2]",
            p -> MvNormalDiag.of(p[0], p[1]),
            weightedSquares(w),
            t -> {
              double e = 0;
              for (int j = 0; j < 3; j++) {
                e += w[j] * (t[j] * t[j] + t[3 + j] * t[3 + j]);
              }
              return e;
            },
            Tensor.vector(0.5, -1, 0.2),
            Tensor.vector(1, 0.4, 1.5)));
    double[] a = {1, -2, 0.5};
    c.add(
        of(
            "multi_normal_cholesky E[(a.x)^2] = (a.mu)^2 + a' L L' a",
            p -> MvNormalCholesky.of(p[0], p[1]),
            projectionSquared(a),
            t -> gaussianProjection(a, t, 3, false),
            Tensor.vector(1, -1, 0.5),
            Tensor.matrix(new double[][] {{1.2, 0, 0}, {0.3, 0.8, 0}, {-0.5, 0.4, 0.6}})));
    c.add(
        of(
            "multi_normal E[(a.x)^2] = (a.mu)^2 + a' Sigma a (Sigma read from its lower triangle)",
            p -> MvNormal.of(p[0], p[1]),
            projectionSquared(a),
            t -> gaussianProjection(a, t, 3, true),
            Tensor.vector(1, -1, 0.5),
            Tensor.matrix(new double[][] {{2, 0.6, -0.3}, {0.6, 1, 0.2}, {-0.3, 0.2, 0.5}})));
    double[] a4 = {1, -2, 0.5, 1.5};
    c.add(
        of(
            "multi_normal_lowrank E[(a.x)^2] = (a.mu)^2 + a'(W W' + diag d)a",
            p -> MvNormalLowRank.of(p[0], p[1], p[2]),
            projectionSquared(a4),
            t -> {
              double am = 0;
              for (int j = 0; j < 4; j++) {
                am += a4[j] * t[j];
              }
              double e = am * am;
              for (int r = 0; r < 2; r++) {
                double aw = 0;
                for (int j = 0; j < 4; j++) {
                  aw += a4[j] * t[4 + j * 2 + r];
                }
                e += aw * aw;
              }
              for (int j = 0; j < 4; j++) {
                e += a4[j] * a4[j] * t[12 + j];
              }
              return e;
            },
            Tensor.vector(0.5, -1, 2, 0),
            Tensor.matrix(new double[][] {{1, 0.2}, {-0.5, 0.8}, {0.3, -0.6}, {0.9, 0.4}}),
            Tensor.vector(0.5, 1, 0.3, 0.8)));
    c.add(
        of(
            "delta E[x^2] = at^2",
            p -> Delta.of(p[0]),
            ReparamGradientTest::square,
            t -> t[0] * t[0],
            s(1.7)));
    return c.stream();
  }

  /**
   * (a.mu)^2 + a' S a with theta = (mu (k), M (k x k)): S = M M' for a Cholesky factor, or S the
   * symmetric matrix of M's lower triangle for a covariance.
   */
  static double gaussianProjection(double[] a, double[] t, int k, boolean covariance) {
    double am = 0;
    for (int j = 0; j < k; j++) {
      am += a[j] * t[j];
    }
    double[][] s = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (covariance) {
          s[i][j] = i >= j ? t[k + i * k + j] : t[k + j * k + i];
        } else {
          for (int q = 0; q < k; q++) {
            s[i][j] += t[k + i * k + q] * t[k + j * k + q];
          }
        }
      }
    }
    return am * am + DenseGaussian.quadratic(a, s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void meanGradientIsUnbiased(Case c) {
    int dim = 0;
    for (Tensor p : c.params()) {
      dim += p.size();
    }
    double[][] chunkGrads = new double[CHUNKS][dim];
    RandomStream rng = RandomStream.seeded(c.label().hashCode());
    Tape tape = new Tape();
    for (int k = 0; k < CHUNKS; k++) {
      tape.reset();
      Node[] p = new Node[c.params().length];
      for (int j = 0; j < p.length; j++) {
        p[j] = tape.variable(c.params()[j]);
      }
      Distribution d = c.build().apply(p);
      assertTrue(d.hasReparam(), c + " has a reparameterised sampler");
      Node x = d.rsample(rng.split(), Shape.vector(PER_CHUNK));
      tape.backward(c.f().apply(x).mean());
      for (int j = 0, off = 0; j < p.length; j++) {
        p[j].gradInto(chunkGrads[k], off);
        off += p[j].size();
      }
    }
    double[] theta = new double[dim];
    for (int j = 0, off = 0; j < c.params().length; j++) {
      c.params()[j].copyInto(theta, off);
      off += c.params()[j].size();
    }
    for (int i = 0; i < dim; i++) {
      double exact = centralDifference(c.expectation(), theta, i);
      double mean = 0;
      for (double[] g : chunkGrads) {
        mean += g[i];
      }
      mean /= CHUNKS;
      double ss = 0;
      for (double[] g : chunkGrads) {
        ss += (g[i] - mean) * (g[i] - mean);
      }
      double se = Math.sqrt(ss / (CHUNKS - 1) / CHUNKS);
      double tol = Math.max(Stats.Z * se, 1e-8 * Math.max(1, Math.abs(exact)));
      assertTrue(
          Math.abs(mean - exact) <= tol,
          c + ": d/dtheta[" + i + "] estimate " + mean + " vs exact " + exact + " (SE " + se + ")");
    }
  }

  /**
   * The implicit gradient of a standard gamma draw equals the derivative of the quantile at fixed
   * probability: dx/dalpha = d/dalpha F^-1(u; alpha), by central differences of commons-statistics'
   * inverse CDF.
   */
  @Test
  void implicitGammaGradientIsTheQuantileDerivative() {
    for (double alpha : new double[] {0.3, 1, 2.5, 40}) {
      for (double u : new double[] {0.01, 0.3, 0.5, 0.9, 0.999}) {
        double x = GammaDistribution.of(alpha, 1).inverseCumulativeProbability(u);
        double h = 1e-5 * alpha;
        double fd =
            (GammaDistribution.of(alpha + h, 1).inverseCumulativeProbability(u)
                    - GammaDistribution.of(alpha - h, 1).inverseCumulativeProbability(u))
                / (2 * h);
        double dx = ImplicitGamma.dxda(alpha, x);
        assertEquals(fd, dx, 1e-6 * Math.max(1, Math.abs(fd)), "alpha " + alpha + ", u " + u);
      }
    }
  }

  /** As for the gamma, for both shapes of the beta. */
  @Test
  void implicitBetaGradientIsTheQuantileDerivative() {
    double[][] shapes = {{0.5, 0.7}, {2, 3}, {1.5, 20}};
    double[] d = new double[2];
    for (double[] ab : shapes) {
      for (double u : new double[] {0.02, 0.4, 0.75, 0.98}) {
        double a = ab[0];
        double b = ab[1];
        double x = BetaDistribution.of(a, b).inverseCumulativeProbability(u);
        ImplicitBeta.dx(x, ab, d);
        double h = 1e-6;
        double fdA =
            (BetaDistribution.of(a + h, b).inverseCumulativeProbability(u)
                    - BetaDistribution.of(a - h, b).inverseCumulativeProbability(u))
                / (2 * h);
        double fdB =
            (BetaDistribution.of(a, b + h).inverseCumulativeProbability(u)
                    - BetaDistribution.of(a, b - h).inverseCumulativeProbability(u))
                / (2 * h);
        assertEquals(fdA, d[0], 1e-6 * Math.max(1, Math.abs(fdA)), a + ", " + b + ", u " + u);
        assertEquals(fdB, d[1], 1e-6 * Math.max(1, Math.abs(fdB)), a + ", " + b + ", u " + u);
      }
    }
  }

  static double centralDifference(ToDoubleFunction<double[]> f, double[] theta, int i) {
    double h = 1e-5 * Math.max(1, Math.abs(theta[i]));
    double[] t = theta.clone();
    t[i] = theta[i] + h;
    double up = f.applyAsDouble(t);
    t[i] = theta[i] - h;
    double down = f.applyAsDouble(t);
    return (up - down) / (2 * h);
  }
}
