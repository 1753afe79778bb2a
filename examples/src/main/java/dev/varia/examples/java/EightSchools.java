package dev.varia.examples.java;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
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
 * Eight schools, non-centred, in the Java API: the derived {@code theta = mu + tau * eta} is a
 * reported quantity, recorded in every trace.
 */
public final class EightSchools {
  /** Estimated treatment effects (Rubin 1981). */
  public static final double[] Y = {28, 8, -3, 7, -1, 1, 18, 12};

  /** Their standard errors. */
  public static final double[] SIGMA = {15, 10, 16, 11, 9, 11, 10, 18};

  private EightSchools() {}

  /** The model. */
  public static GenFn model() {
    return Model.define(
        "schools",
        m -> {
          Val mu = m.sample("mu", Dist.normal(0, 5));
          Val tau = m.sample("tau", Dist.halfCauchy(5));
          Val eta = m.sample("eta", Dist.normal(0, 1), m.data("J"));
          Val theta = m.report("theta", mu.add(tau.mul(eta)));
          m.observe(m.data("y"), Dist.normal(theta, m.data("sigma")));
        });
  }

  /** The model compiled with the data. */
  public static GenerativeFunction compiled() {
    return GenerativeFunction.compile(
        Program.of(model()),
        "schools",
        Map.of("J", Tensor.scalar(Y.length), "y", Tensor.vector(Y), "sigma", Tensor.vector(SIGMA)),
        Families.standard(),
        new ParamStore());
  }

  /** Prints a simulated trace with its reported theta. */
  public static void main(String[] args) {
    Trace t = compiled().simulate(RandomStream.seeded(1));
    System.out.println("choices:  " + t.choices());
    System.out.println("theta:    " + t.reported("theta").orElseThrow());
    System.out.println("log joint " + t.score());
  }
}
