package dev.varia.core.dist;

import static dev.varia.core.dist.Cases.T.m;
import static dev.varia.core.dist.Cases.T.s;
import static dev.varia.core.dist.Cases.T.v;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.CauchyDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.GeometricDistribution;
import org.apache.commons.statistics.distribution.LaplaceDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.LogisticDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.PascalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/** The distributions and parameter values of the contract test, with their references. */
final class Cases {
  private Cases() {}

  /** Tensor shorthands. */
  static final class T {
    private T() {}

    static Tensor s(double x) {
      return Tensor.scalar(x);
    }

    static Tensor v(double... x) {
      return Tensor.vector(x);
    }

    static Tensor m(double[]... rows) {
      return Tensor.matrix(rows);
    }
  }

  private static final double[] QUANTILES = {0.05, 0.3, 0.5, 0.8, 0.97};

  /**
   * A univariate case: points at reference quantiles of every batch element, marginals per element,
   * normalisation per element.
   */
  static Case uni(
      String label,
      String name,
      Function<Node[], Distribution> build,
      IntFunction<Ref1D> ref,
      Tensor... params) {
    Case c = new Case(label, name, build, params);
    Shape batch = c.batchShape();
    int b = batch.size();
    Shape shape =
        batch.isScalar() ? Shape.vector(QUANTILES.length) : Shape.matrix(QUANTILES.length, b);
    double[] pts = new double[QUANTILES.length * b];
    double[] lp = new double[pts.length];
    for (int i = 0; i < QUANTILES.length; i++) {
      for (int j = 0; j < b; j++) {
        double x = ref.apply(j).quantile(QUANTILES[i]);
        pts[i * b + j] = x;
        lp[i * b + j] = ref.apply(j).logDensity(x);
      }
    }
    Tensor points = Tensor.wrap(pts, shape);
    c.score(points, lp);
    if (!ref.apply(0).discrete()) {
      c.gradientInX(points, x -> x);
    }
    for (int j = 0; j < b; j++) {
      int jj = j;
      c.marginal(name + "[" + j + "]", d -> d[jj], ref.apply(j));
    }
    c.normalisation = ref;
    c.normalisationElements = b;
    return c;
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    cases.addAll(continuous());
    cases.addAll(discrete());
    cases.addAll(multivariate());
    cases.addAll(FlatCases.all());
    return cases;
  }

  // ------------------------------------------------------------------ continuous univariate

  static List<Case> continuous() {
    List<Case> c = new ArrayList<>();
    c.add(
        uni(
                "normal scalar",
                "normal",
                p -> Normal.of(p[0], p[1]),
                j -> Ref1D.of(NormalDistribution.of(0.3, 1.7)),
                s(0.3),
                s(1.7))
            .bad("sigma", -1, t -> Normal.of(t, 0, -1))
            .bad("sigma", 0, t -> Normal.of(t, 0, 0))
            .bad("mu", Double.NaN, t -> Normal.of(t, Double.NaN, 1))
            .bad("sigma", Double.NaN, t -> Normal.of(t, 0, Double.NaN))
            .bad("mu", Double.POSITIVE_INFINITY, t -> Normal.of(t, Double.POSITIVE_INFINITY, 1))
            .enumerable(false));
    double[] mu = {-1, 0, 2.5};
    double[] sigma = {0.5, 1, 3};
    c.add(
        uni(
                "normal batched",
                "normal",
                p -> Normal.of(p[0], p[1]),
                j -> Ref1D.of(NormalDistribution.of(mu[j], sigma[j])),
                v(mu),
                v(sigma))
            .bad("sigma", -2, t -> Normal.of(t.constant(v(0, 0)), t.constant(v(1, -2)))));
    double[] mu4 = {0, 1, 2, 3};
    c.add(
        uni(
            "normal broadcast scalar sigma",
            "normal",
            p -> Normal.of(p[0], p[1]),
            j -> Ref1D.of(NormalDistribution.of(mu4[j], 2)),
            v(mu4),
            s(2)));
    double[] lnMu = {0.2, -0.5};
    double[] lnSigma = {0.5, 0.3};
    c.add(
        uni(
                "lognormal",
                "lognormal",
                p -> LogNormal.of(p[0], p[1]),
                j -> Ref1D.of(LogNormalDistribution.of(lnMu[j], lnSigma[j])),
                v(lnMu),
                v(lnSigma))
            .outside(v(-1, 0))
            .bad("sigma", 0, t -> LogNormal.of(t, 0, 0)));
    double[] hnSigma = {0.7, 2};
    c.add(
        uni(
                "half_normal",
                "half_normal",
                p -> HalfNormal.of(p[0]),
                j ->
                    Ref1D.of(
                        TruncatedNormalDistribution.of(0, hnSigma[j], 0, Double.POSITIVE_INFINITY)),
                v(hnSigma))
            .outside(v(-0.5, -3))
            .bad("sigma", -1, t -> HalfNormal.of(t, -1)));
    c.add(
        uni(
                "cauchy",
                "cauchy",
                p -> Cauchy.of(p[0], p[1]),
                j -> Ref1D.of(CauchyDistribution.of(1, 2)),
                s(1),
                s(2))
            .bad("sigma", -0.5, t -> Cauchy.of(t, 0, -0.5)));
    c.add(
        uni(
                "half_cauchy",
                "half_cauchy",
                p -> HalfCauchy.of(p[0]),
                j -> Ref1D.half(CauchyDistribution.of(0, 1.5)),
                s(1.5))
            .outside(v(-1))
            .bad("sigma", 0, t -> HalfCauchy.of(t, 0)));
    double[] nu = {3, 9};
    double[] tMu = {0, 1};
    double[] tSigma = {1, 2};
    c.add(
        uni(
                "student_t",
                "student_t",
                p -> StudentT.of(p[0], p[1], p[2]),
                // nu = 3: the variance exists but the fourth moment does not, so its SE is unknown
                j -> {
                  Ref1D r = Ref1D.affine(TDistribution.of(nu[j]), tMu[j], tSigma[j]);
                  return nu[j] > 4 ? r : r.withMoments(r.mean(), Double.NaN);
                },
                v(nu),
                v(tMu),
                v(tSigma))
            .bad("nu", 0, t -> StudentT.of(t, 0, 0, 1))
            .bad("sigma", -1, t -> StudentT.of(t, 3, 0, -1)));
    c.add(
        uni(
                "student_t heavy (nu <= 2: no sample moments)",
                "student_t",
                p -> StudentT.of(p[0], p[1], p[2]),
                j -> Ref1D.affine(TDistribution.of(1.5), -1, 0.5),
                s(1.5),
                s(-1),
                s(0.5))
            .noSampleMoments());
    c.add(
        uni(
                "double_exponential",
                "double_exponential",
                p -> Laplace.of(p[0], p[1]),
                j -> Ref1D.of(LaplaceDistribution.of(-1, 0.8)),
                s(-1),
                s(0.8))
            .bad("sigma", 0, t -> Laplace.of(t, 0, 0)));
    c.add(
        uni(
                "logistic",
                "logistic",
                p -> Logistic.of(p[0], p[1]),
                j -> Ref1D.of(LogisticDistribution.of(2, 0.5)),
                s(2),
                s(0.5))
            .bad("sigma", -3, t -> Logistic.of(t, 0, -3)));
    double[] lo = {-1, 2};
    double[] hi = {1, 2.5};
    c.add(
        uni(
                "uniform",
                "uniform",
                p -> Uniform.of(p[0], p[1]),
                j -> Ref1D.of(UniformContinuousDistribution.of(lo[j], hi[j])),
                v(lo),
                v(hi))
            .outside(m(new double[] {-5, 1.9}, new double[] {1.5, 3}))
            .bad("beta", 1, t -> Uniform.of(t, 1, 1))
            .bad("beta", -1, t -> Uniform.of(t, 0, -1))
            .bad("alpha", Double.NaN, t -> Uniform.of(t, Double.NaN, 1)));
    double[] rate = {0.5, 3};
    c.add(
        uni(
                "exponential",
                "exponential",
                p -> Exponential.of(p[0]),
                j -> Ref1D.of(ExponentialDistribution.of(1 / rate[j])),
                v(rate))
            .outside(v(-1, -0.01))
            .bad("beta", 0, t -> Exponential.of(t, 0)));
    double[] shape = {0.5, 2.5, 12};
    double[] gRate = {1, 3, 0.5};
    c.add(
        uni(
                "gamma",
                "gamma",
                p -> Gamma.of(p[0], p[1]),
                j -> Ref1D.of(GammaDistribution.of(shape[j], 1 / gRate[j])),
                v(shape),
                v(gRate))
            .outside(v(-1, -1, -0.5))
            .bad("alpha", -1, t -> Gamma.of(t, -1, 1))
            .bad("beta", 0, t -> Gamma.of(t, 1, 0)));
    double[] igShape = {5.5, 9};
    double[] igScale = {2, 0.5};
    c.add(
        uni(
                "inv_gamma",
                "inv_gamma",
                p -> InvGamma.of(p[0], p[1]),
                j -> {
                  double a = igShape[j];
                  double b = igScale[j];
                  // 1/x ~ gamma(shape a, rate b); moments of the inverse gamma (closed forms)
                  return Ref1D.reciprocal(GammaDistribution.of(a, 1 / b))
                      .withMoments(b / (a - 1), b * b / ((a - 1) * (a - 1) * (a - 2)));
                },
                v(igShape),
                v(igScale))
            .outside(v(-1, 0))
            .bad("beta", -2, t -> InvGamma.of(t, 1, -2)));
    double[] ba = {0.5, 2, 5};
    double[] bb = {0.7, 3, 1};
    c.add(
        uni(
                "beta",
                "beta",
                p -> Beta.of(p[0], p[1]),
                j -> Ref1D.of(BetaDistribution.of(ba[j], bb[j])),
                v(ba),
                v(bb))
            .outside(v(-0.1, 1.2, 2))
            .bad("alpha", 0, t -> Beta.of(t, 0, 1))
            .bad("beta", Double.NaN, t -> Beta.of(t, 1, Double.NaN)));
    double[] at = {1.5, -2};
    c.add(
        uni("delta", "delta", p -> Delta.of(p[0]), j -> Ref1D.point(at[j]), v(at))
            .noGradient(0)
            .outside(v(0, -2.5))
            .bad("at", Double.NaN, t -> Delta.of(t, Double.NaN))
            .enumerable(false));
    c.add(
        uni("delta scalar", "delta", p -> Delta.of(p[0]), j -> Ref1D.point(0.25), s(0.25))
            .noGradient(0)
            .enumerable(true));
    return c;
  }

  // ------------------------------------------------------------------ discrete univariate

  static List<Case> discrete() {
    List<Case> c = new ArrayList<>();
    double[] theta = {0.2, 0.9};
    c.add(
        uni(
                "bernoulli",
                "bernoulli",
                p -> Bernoulli.of(p[0]),
                j -> Ref1D.of(BinomialDistribution.of(1, theta[j])),
                v(theta))
            .outside(v(2, 0.5))
            .bad("theta", 1.5, t -> Bernoulli.of(t, 1.5))
            .bad("theta", -0.1, t -> Bernoulli.of(t, -0.1))
            .bad("theta", Double.NaN, t -> Bernoulli.of(t, Double.NaN))
            .enumerable(true));
    double[] logit = {-1.5, 0.3};
    c.add(
        uni(
                "bernoulli_logit",
                "bernoulli_logit",
                p -> BernoulliLogit.of(p[0]),
                j -> Ref1D.of(BinomialDistribution.of(1, sigmoid(logit[j]))),
                v(logit))
            .outside(v(-1, 3))
            .bad("alpha", Double.NaN, t -> BernoulliLogit.of(t, Double.NaN))
            .enumerable(true));
    double[] bTheta = {0.3, 0.75};
    c.add(
        uni(
                "binomial",
                "binomial",
                p -> Binomial.of(p[0], p[1]),
                j -> Ref1D.of(BinomialDistribution.of(10, bTheta[j])),
                s(10),
                v(bTheta))
            .noGradient(0)
            .outside(v(11, 2.5))
            .bad("N", -1, t -> Binomial.of(t, -1, 0.5))
            .bad("N", 2.5, t -> Binomial.of(t.constant(2.5), t.constant(0.5)))
            .bad("theta", 1.1, t -> Binomial.of(t, 3, 1.1))
            .enumerable(true));
    int[] ns = {5, 20};
    c.add(
        uni(
                "binomial ragged N",
                "binomial",
                p -> Binomial.of(p[0], p[1]),
                j -> Ref1D.of(BinomialDistribution.of(ns[j], 0.4)),
                v(5, 20),
                s(0.4))
            .noGradient(0)
            .outside(v(6, -1))
            .enumerable(false));
    double[] blAlpha = {-0.5, 1};
    c.add(
        uni(
                "binomial_logit",
                "binomial_logit",
                p -> BinomialLogit.of(p[0], p[1]),
                j -> Ref1D.of(BinomialDistribution.of(12, sigmoid(blAlpha[j]))),
                s(12),
                v(blAlpha))
            .noGradient(0)
            .outside(v(13, -1))
            .enumerable(true));
    double[] lambda = {0.7, 4, 60};
    c.add(
        uni(
                "poisson",
                "poisson",
                p -> Poisson.of(p[0]),
                j -> Ref1D.of(PoissonDistribution.of(lambda[j])),
                v(lambda))
            .outside(v(-1, 1.5, 2.5))
            .bad("lambda", -1, t -> Poisson.of(t, -1))
            .bad("lambda", Double.NaN, t -> Poisson.of(t, Double.NaN))
            .enumerable(false));
    double[] logRate = {-1, 2};
    c.add(
        uni(
                "poisson_log",
                "poisson_log",
                p -> PoissonLog.of(p[0]),
                j -> Ref1D.of(PoissonDistribution.of(Math.exp(logRate[j]))),
                v(logRate))
            .outside(v(-2, 0.5))
            .bad("alpha", Double.NaN, t -> PoissonLog.of(t, Double.NaN)));
    double[] gp = {0.3, 0.8};
    c.add(
        uni(
                "geometric",
                "geometric",
                p -> Geometric.of(p[0]),
                j -> Ref1D.of(GeometricDistribution.of(gp[j])),
                v(gp))
            .outside(v(-1, 0.5))
            .bad("p", 0, t -> Geometric.of(t, 0))
            .bad("p", 1.2, t -> Geometric.of(t, 1.2)));
    double[] nbMu = {3, 10};
    int[] nbPhi = {2, 5};
    c.add(
        uni(
                "neg_binomial_2 (integer phi vs Pascal)",
                "neg_binomial_2",
                p -> NegBinomial2.of(p[0], p[1]),
                j -> Ref1D.of(PascalDistribution.of(nbPhi[j], nbPhi[j] / (nbMu[j] + nbPhi[j]))),
                v(nbMu),
                v(2, 5))
            .outside(v(-1, 1.5))
            .bad("mu", 0, t -> NegBinomial2.of(t, 0, 1))
            .bad("phi", -1, t -> NegBinomial2.of(t, 1, -1)));
    c.add(
        uni(
            "neg_binomial_2 (fractional phi vs closed form)",
            "neg_binomial_2",
            p -> NegBinomial2.of(p[0], p[1]),
            j -> nb2(4, 1.5),
            s(4),
            s(1.5)));
    double[] eta = {1, 2.5};
    int[] etaPhi = {3, 1};
    c.add(
        uni(
                "neg_binomial_2_log",
                "neg_binomial_2_log",
                p -> NegBinomial2Log.of(p[0], p[1]),
                j -> {
                  double mean = Math.exp(eta[j]);
                  return Ref1D.of(PascalDistribution.of(etaPhi[j], etaPhi[j] / (mean + etaPhi[j])));
                },
                v(eta),
                v(3, 1))
            .bad("phi", 0, t -> NegBinomial2Log.of(t, 1, 0)));
    double[] cat = {0.2, 0.5, 0.3};
    c.add(
        uni(
                "categorical",
                "categorical",
                // parameterised by log theta through softmax, so perturbations stay on the simplex
                p -> Categorical.of(MultivariateCases.softmaxRows(p[0])),
                j -> Ref1D.categorical(cat),
                v(MultivariateCases.logs(cat)))
            .outside(v(0, 4, 1.5))
            .bad("theta", 0.9, t -> Categorical.of(t, 0.2, 0.3, 0.4))
            .bad("theta", -0.1, t -> Categorical.of(t, -0.1, 0.6, 0.5))
            .enumerable(true));
    double[][] rows = {{0.1, 0.6, 0.3}, {0.5, 0.25, 0.25}};
    c.add(
        uni(
                "categorical batched rows",
                "categorical",
                p -> Categorical.of(MultivariateCases.softmaxRows(p[0])),
                j -> Ref1D.categorical(rows[j]),
                m(MultivariateCases.logs(rows[0]), MultivariateCases.logs(rows[1])))
            .outside(m(new double[] {0, 3.5}, new double[] {4, -1}))
            .enumerable(true));
    double[] logits = {1, -0.5, 0.2, 2};
    double[] soft = softmax(logits);
    c.add(
        uni(
                "categorical_logit",
                "categorical_logit",
                p -> CategoricalLogit.of(p[0]),
                j -> Ref1D.categorical(soft),
                v(logits))
            .outside(v(5))
            .bad("beta", Double.NaN, t -> CategoricalLogit.of(t, 0, Double.NaN))
            .enumerable(true));
    return c;
  }

  /** neg_binomial_2(mu, phi) written out: C(x + phi - 1, x) (mu/(mu+phi))^x (phi/(mu+phi))^phi. */
  static Ref1D nb2(double mu, double phi) {
    Ref1D r =
        Ref1D.discrete(
            0,
            100_000,
            x ->
                LogGamma.value(x + phi)
                    - LogGamma.value(x + 1)
                    - LogGamma.value(phi)
                    + x * Math.log(mu / (mu + phi))
                    + phi * Math.log(phi / (mu + phi)));
    return r.withMoments(mu, mu + mu * mu / phi);
  }

  static double[] softmax(double[] b) {
    double s = 0;
    double[] p = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      p[i] = Math.exp(b[i]);
      s += p[i];
    }
    for (int i = 0; i < b.length; i++) {
      p[i] /= s;
    }
    return p;
  }

  // ------------------------------------------------------------------ multivariate

  static List<Case> multivariate() {
    return MultivariateCases.all();
  }
}
