package dev.varia.examples.java;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.examples.data.RegressionData;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.fit.Fit;
import dev.varia.inference.fit.FitResult;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.Adam;
import java.util.Locale;
import java.util.Map;

/**
 * Linear regression in the Java API, the twin of {@code examples/linear_regression.ppl}: the same
 * model, guide, addresses and parameter names, on the same seeded synthetic data ({@link
 * RegressionData#linearExample()}). Fits a mean-field guide with the ELBO and prints the fitted
 * posterior means and sds next to the coefficients that generated the data.
 */
public final class LinearRegression {
  private LinearRegression() {}

  /**
   * {@code alpha ~ N(0, 10); beta ~ N(0, 10) [D]; sigma ~ N+(0, 5); y ~ N(alpha + X beta, sigma)}.
   */
  public static GenFn model() {
    return Model.define(
        "linear",
        m -> {
          Val alpha = m.sample("alpha", Dist.normal(0, 10));
          Val beta = m.sample("beta", Dist.normal(0, 10), m.data("D"));
          Val sigma = m.sample("sigma", Dist.halfNormal(5));
          m.observe(m.data("y"), Dist.normal(alpha.add(m.data("X").matmul(beta)), sigma));
        });
  }

  /** A mean-field guide: normals for alpha and beta, a lognormal for sigma. */
  public static GenFn guide(int d) {
    return Model.define(
        "linear_q",
        m -> {
          Val alphaLoc = m.param("alpha_loc", Shape.SCALAR, Domain.real(), Tensor.scalar(0));
          Val alphaScale =
              m.param("alpha_scale", Shape.SCALAR, Domain.positive(), Tensor.scalar(0.1));
          Val betaLoc = m.param("beta_loc", Shape.vector(d), Domain.real(), Tensor.zeros(vec(d)));
          Val betaScale =
              m.param("beta_scale", Shape.vector(d), Domain.positive(), Tensor.full(vec(d), 0.1));
          Val sigmaLoc = m.param("sigma_loc", Shape.SCALAR, Domain.real(), Tensor.scalar(0));
          Val sigmaScale =
              m.param("sigma_scale", Shape.SCALAR, Domain.positive(), Tensor.scalar(0.1));
          m.sample("alpha", Dist.normal(alphaLoc, alphaScale));
          m.sample("beta", Dist.normal(betaLoc, betaScale));
          m.sample("sigma", Dist.lognormal(sigmaLoc, sigmaScale));
        });
  }

  private static Shape vec(int d) {
    return Shape.vector(d);
  }

  /** The data map the model reads: X (N x D), y, D. */
  public static Map<String, Tensor> data(RegressionData d) {
    return Map.of(
        "X", Tensor.of(d.xRowMajor(), d.n(), d.beta().length),
        "y", Tensor.vector(d.y()),
        "D", Tensor.scalar(d.beta().length));
  }

  /** The model and guide, compiled with the data, sharing {@code store}. */
  public static Map<String, GenerativeFunction> compiled(RegressionData d, ParamStore store) {
    Map<String, Tensor> data = data(d);
    GenFn q = guide(d.beta().length);
    return Map.of(
        "p",
        GenerativeFunction.compile(Program.of(model()), "linear", data, Families.standard(), store),
        "q",
        GenerativeFunction.compile(Program.of(q), "linear_q", data, Families.standard(), store));
  }

  /**
   * Fits the guide to {@code d} with the ELBO (4 particles per step) and Adam at a small step size,
   * which keeps the jitter of the fitted means well under a posterior sd; the fitted parameters end
   * up in {@code store}.
   */
  public static FitResult fit(RegressionData d, ParamStore store, int steps, long seed) {
    Estimator elbo = Estimator.of(Objectives.elbo(4), compiled(d, store));
    return Fit.of(elbo).optimizer(Adam.of(0.005)).steps(steps).seed(seed).run();
  }

  /** Fits and prints the posterior (guide) means and sds against the truth. */
  public static void main(String[] args) {
    RegressionData d = RegressionData.linearExample();
    ParamStore store = new ParamStore();
    FitResult r = fit(d, store, 5000, 1);
    System.out.println("linear regression, " + d.n() + " points: " + r.message());
    System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s%n", "", "truth", "mean", "sd");
    Tensor alphaLoc = store.get("linear_q.alpha_loc").orElseThrow();
    Tensor alphaScale = store.get("linear_q.alpha_scale").orElseThrow();
    Tensor betaLoc = store.get("linear_q.beta_loc").orElseThrow();
    Tensor betaScale = store.get("linear_q.beta_scale").orElseThrow();
    row("alpha", d.alpha(), alphaLoc.item(), alphaScale.item());
    for (int j = 0; j < d.beta().length; j++) {
      row("beta[" + (j + 1) + "]", d.beta()[j], betaLoc.get(j), betaScale.get(j));
    }
    // sigma ~ lognormal(m, s): mean exp(m + s^2 / 2)
    double m = store.get("linear_q.sigma_loc").orElseThrow().item();
    double s = store.get("linear_q.sigma_scale").orElseThrow().item();
    double mean = Math.exp(m + s * s / 2);
    row("sigma", d.sigma(), mean, mean * Math.sqrt(Math.expm1(s * s)));
  }

  private static void row(String name, double truth, double mean, double sd) {
    System.out.printf(Locale.ROOT, "%-8s %8.3f %8.3f %8.3f%n", name, truth, mean, sd);
  }
}
