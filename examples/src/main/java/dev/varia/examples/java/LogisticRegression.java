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
 * Logistic regression in the Java API, the twin of {@code examples/logistic_regression.ppl}: the
 * same model, guide, addresses and parameter names, on the same seeded synthetic data ({@link
 * RegressionData#logisticExample()}). Fits a mean-field normal guide with the ELBO and prints the
 * fitted posterior means and sds next to the coefficients that generated the data.
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  /** {@code alpha ~ N(0, 5); beta ~ N(0, 5) [D]; y ~ bernoulli_logit(alpha + X beta)}. */
  public static GenFn model() {
    return Model.define(
        "logistic",
        m -> {
          Val alpha = m.sample("alpha", Dist.normal(0, 5));
          Val beta = m.sample("beta", Dist.normal(0, 5), m.data("D"));
          m.observe(m.data("y"), Dist.bernoulliLogit(alpha.add(m.data("X").matmul(beta))));
        });
  }

  /** A mean-field normal guide. */
  public static GenFn guide(int d) {
    return Model.define(
        "logistic_q",
        m -> {
          Val alphaLoc = m.param("alpha_loc", Shape.SCALAR, Domain.real(), Tensor.scalar(0));
          Val alphaScale =
              m.param("alpha_scale", Shape.SCALAR, Domain.positive(), Tensor.scalar(0.1));
          Val betaLoc =
              m.param("beta_loc", Shape.vector(d), Domain.real(), Tensor.zeros(Shape.vector(d)));
          Val betaScale =
              m.param(
                  "beta_scale",
                  Shape.vector(d),
                  Domain.positive(),
                  Tensor.full(Shape.vector(d), 0.1));
          m.sample("alpha", Dist.normal(alphaLoc, alphaScale));
          m.sample("beta", Dist.normal(betaLoc, betaScale));
        });
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
        GenerativeFunction.compile(
            Program.of(model()), "logistic", data, Families.standard(), store),
        "q",
        GenerativeFunction.compile(Program.of(q), "logistic_q", data, Families.standard(), store));
  }

  /** Fits the guide to {@code d}; the fitted parameters end up in {@code store}. */
  public static FitResult fit(RegressionData d, ParamStore store, int steps, long seed) {
    Estimator elbo = Estimator.of(Objectives.elbo(2), compiled(d, store));
    return Fit.of(elbo).optimizer(Adam.of(0.02)).steps(steps).seed(seed).run();
  }

  /** Fits and prints the posterior (guide) means and sds against the truth. */
  public static void main(String[] args) {
    RegressionData d = RegressionData.logisticExample();
    ParamStore store = new ParamStore();
    FitResult r = fit(d, store, 3000, 1);
    System.out.println("logistic regression, " + d.n() + " points: " + r.message());
    System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s%n", "", "truth", "mean", "sd");
    row(
        "alpha",
        d.alpha(),
        store.get("logistic_q.alpha_loc").orElseThrow().item(),
        store.get("logistic_q.alpha_scale").orElseThrow().item());
    Tensor loc = store.get("logistic_q.beta_loc").orElseThrow();
    Tensor scale = store.get("logistic_q.beta_scale").orElseThrow();
    for (int j = 0; j < d.beta().length; j++) {
      row("beta[" + (j + 1) + "]", d.beta()[j], loc.get(j), scale.get(j));
    }
  }

  private static void row(String name, double truth, double mean, double sd) {
    System.out.printf(Locale.ROOT, "%-8s %8.3f %8.3f %8.3f%n", name, truth, mean, sd);
  }
}
