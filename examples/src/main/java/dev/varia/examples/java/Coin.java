package dev.varia.examples.java;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Trace;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import java.util.Map;

/**
 * The Beta-Bernoulli coin in the Java API: {@code p ~ beta(1, 1)}, ten flips observed. Simulates a
 * trace and scores a choice of p; the exact posterior is Beta(1 + heads, 1 + tails).
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

  /** Prints a simulated trace and the log joint at a few values of p. */
  public static void main(String[] args) {
    GenerativeFunction coin = compiled();
    Trace t = coin.simulate(RandomStream.seeded(1));
    System.out.println("simulated: " + t.choices() + ", log joint " + t.score());
    for (double p : new double[] {0.3, 0.5, 0.7}) {
      double lp = coin.assess(ChoiceMap.of("p", Tensor.scalar(p))).logDensity();
      System.out.printf("log p(p = %.1f, flips) = %.6f%n", p, lp);
    }
  }
}
