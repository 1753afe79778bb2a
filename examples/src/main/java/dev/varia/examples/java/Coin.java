package dev.varia.examples.java;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Trace;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.fit.Fit;
import dev.varia.inference.fit.FitResult;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.Adam;
import java.util.Locale;
import java.util.Map;

/**
 * The Beta-Bernoulli coin in the Java API, the twin of {@code examples/coin.ppl}: {@code p ~
 * beta(1, 1)}, ten flips observed. Simulates a trace, scores a few choices of p, then fits a Beta
 * guide with the ELBO; the exact posterior is Beta(1 + heads, 1 + tails), which the guide can
 * match.
 */
public final class Coin {
  /** The observed flips. */
  public static final double[] FLIPS = {1, 0, 1, 1, 0, 1, 1, 1, 0, 1};

  private Coin() {}

  /** The model. */
  public static GenFn model() {
    return Model.define(
        "coin",
        m -> {
          Val p = m.sample("p", Dist.beta(1, 1));
          m.observe(m.data("flips"), Dist.bernoulli(p));
        });
  }

  /** The model compiled with the flips as data. */
  public static GenerativeFunction compiled() {
    return GenerativeFunction.compile(
        Program.of(model()),
        "coin",
        Map.of("flips", Tensor.vector(FLIPS)),
        Families.standard(),
        new ParamStore());
  }

  /** The guide: {@code p ~ beta(a, b)} with learned shapes, reparameterised implicitly. */
  public static GenFn guide() {
    return Model.define(
        "coin_q",
        m -> {
          Val a = m.param("a", Shape.SCALAR, Domain.positive(), Tensor.scalar(1));
          Val b = m.param("b", Shape.SCALAR, Domain.positive(), Tensor.scalar(1));
          m.sample("p", Dist.beta(a, b), Strategy.REPARAM);
        });
  }

  /**
   * Fits the guide with the ELBO (4 particles per step, Adam); returns the fitted shapes {a, b}.
   */
  public static double[] fit(int steps, long seed) {
    ParamStore store = new ParamStore();
    Map<String, Tensor> data = Map.of("flips", Tensor.vector(FLIPS));
    GenerativeFunction p =
        GenerativeFunction.compile(Program.of(model()), "coin", data, Families.standard(), store);
    GenerativeFunction q =
        GenerativeFunction.compile(Program.of(guide()), "coin_q", data, Families.standard(), store);
    FitResult r =
        Fit.of(Estimator.of(Objectives.elbo(4), Map.of("p", p, "q", q)))
            .optimizer(Adam.of(0.05))
            .steps(steps)
            .seed(seed)
            .run();
    if (!r.ok()) {
      throw new IllegalStateException(r.message());
    }
    return new double[] {
      store.get("coin_q.a").orElseThrow().item(), store.get("coin_q.b").orElseThrow().item()
    };
  }

  /** The number of heads among the flips. */
  public static int heads() {
    int h = 0;
    for (double f : FLIPS) {
      h += (int) f;
    }
    return h;
  }

  /** Prints a simulated trace, the log joint at a few values of p, and the fitted posterior. */
  public static void main(String[] args) {
    GenerativeFunction coin = compiled();
    Trace t = coin.simulate(RandomStream.seeded(1));
    System.out.println("simulated: " + t.choices() + ", log joint " + t.score());
    for (double p : new double[] {0.3, 0.5, 0.7}) {
      double lp = coin.assess(ChoiceMap.of("p", Tensor.scalar(p))).logDensity();
      System.out.printf("log p(p = %.1f, flips) = %.6f%n", p, lp);
    }
    double[] ab = fit(3000, 1);
    int h = heads();
    int tails = FLIPS.length - h;
    System.out.printf(
        Locale.ROOT,
        "fitted guide Beta(%.3f, %.3f): mean %.4f; exact posterior Beta(%d, %d): mean %.4f%n",
        ab[0],
        ab[1],
        ab[0] / (ab[0] + ab[1]),
        1 + h,
        1 + tails,
        (1.0 + h) / (2.0 + h + tails));
  }
}
