package dev.varia.inference.objective;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;

/**
 * A conjugate Normal-Normal model with a Gaussian guide, for objective tests: mu ~ N(0, s0), y_i ~
 * N(mu, 1). The exact posterior is Normal and the log evidence is known in closed form.
 */
public final class ConjugateModels {
  /** Prior sd of mu. */
  public static final double S0 = 2.0;

  /** The data. */
  public static final double[] Y = {1.2, 0.4, 2.1, 1.7, 0.9};

  private ConjugateModels() {}

  /** The model p. */
  public static GenerativeFunction model(ParamStore store) {
    GenFn p =
        Model.define(
            "p",
            m -> {
              Val mu = m.sample("mu", Dist.normal(0, S0));
              m.observe(m.data("y"), Dist.normal(mu, 1.0));
            });
    return GenerativeFunction.compile(
        Program.of(p), "p", Map.of("y", Tensor.vector(Y)), Families.standard(), store);
  }

  /** The guide q: mu ~ N(m, s) with learned m and s > 0. */
  public static GenerativeFunction guide(ParamStore store, double m0, double s0, Strategy s) {
    GenFn q =
        Model.define(
            "q",
            m -> {
              Val loc = m.param("m", Shape.SCALAR, Domain.real(), Tensor.scalar(m0));
              Val scale = m.param("s", Shape.SCALAR, Domain.positive(), Tensor.scalar(s0));
              m.sample("mu", Dist.normal(loc, scale), s);
            });
    return GenerativeFunction.compile(Program.of(q), "q", Map.of(), Families.standard(), store);
  }

  /** Posterior mean of mu. */
  public static double posteriorMean() {
    double prec = 1 / (S0 * S0) + Y.length;
    double sum = 0;
    for (double v : Y) {
      sum += v;
    }
    return sum / prec;
  }

  /** Posterior sd of mu. */
  public static double posteriorSd() {
    return Math.sqrt(1 / (1 / (S0 * S0) + Y.length));
  }

  /** log p(y). */
  public static double logEvidence() {
    int n = Y.length;
    double sum = 0;
    double sumSq = 0;
    for (double v : Y) {
      sum += v;
      sumSq += v * v;
    }
    double c = S0 * S0 / (1 + n * S0 * S0);
    return -0.5 * n * Math.log(2 * Math.PI)
        - 0.5 * Math.log(1 + n * S0 * S0)
        - 0.5 * (sumSq - c * sum * sum);
  }
}
