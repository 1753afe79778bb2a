package dev.varia.inference.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.Adam;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reweighted wake-sleep learns the parameters of a two-component mixture with a discrete label per
 * point (model: the mixing weight and the means; guide: an amortised logistic classifier of the
 * label, which can represent the exact posterior of each label).
 */
class WakeSleepTest {
  private static final double PI = 0.3;
  private static final double MU0 = -2;
  private static final double MU1 = 2;

  private static double[] data(int n) {
    RandomStream rng = RandomStream.seeded(99);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = (rng.uniform() < PI ? MU1 : MU0) + rng.normal();
    }
    return y;
  }

  private static Map<String, GenerativeFunction> functions(ParamStore store, double[] y) {
    GenFn model =
        Model.define(
            "mix",
            m -> {
              Val pi = m.param("pi", Shape.SCALAR, Domain.interval(0, 1), Tensor.scalar(0.5));
              Val mu0 = m.param("mu0", Shape.SCALAR, Domain.real(), Tensor.scalar(-1.0));
              Val mu1 = m.param("mu1", Shape.SCALAR, Domain.real(), Tensor.scalar(1.0));
              Val z = m.sample("z", Dist.bernoulli(pi), m.data("N"));
              Val mean = z.mul(mu1).add(Val.of(1.0).sub(z).mul(mu0));
              m.observe(m.data("y"), Dist.normal(mean, 1.0));
            });
    GenFn guide =
        Model.define(
            "classify",
            m -> {
              Val a = m.param("a", Shape.SCALAR, Domain.real(), Tensor.scalar(0.0));
              Val b = m.param("b", Shape.SCALAR, Domain.real(), Tensor.scalar(0.0));
              m.sample("z", Dist.bernoulliLogit(m.data("y").mul(b).add(a)));
            });
    Map<String, Tensor> data = Map.of("y", Tensor.vector(y), "N", Tensor.scalar(y.length));
    return Map.of(
        "p", GenerativeFunction.compile(Program.of(model), "mix", data, Families.standard(), store),
        "q",
            GenerativeFunction.compile(
                Program.of(guide), "classify", data, Families.standard(), store));
  }

  private static double value(ParamStore s, String k) {
    return s.get(k).orElseThrow().item();
  }

  @Test
  void jointWakeSleepLearnsTheMixture() {
    double[] y = data(60);
    ParamStore store = new ParamStore();
    FitResult r =
        Fit.of(Estimator.of(Objectives.rws(20), functions(store, y)))
            .optimizer(Adam.of(0.05))
            .steps(1500)
            .seed(4)
            .run();
    assertTrue(r.ok(), r.message());
    assertEquals(MU0, value(store, "mix.mu0"), 0.5);
    assertEquals(MU1, value(store, "mix.mu1"), 0.5);
    assertEquals(PI, value(store, "mix.pi"), 0.15);
    // the exact posterior logit of a label is log(pi/(1-pi)) + (mu1 - mu0) y - (mu1^2 - mu0^2)/2
    assertEquals(MU1 - MU0, value(store, "classify.b"), 1.0);
  }

  @Test
  void alternatingWakePhasesLearnToo() {
    double[] y = data(60);
    ParamStore store = new ParamStore();
    Map<String, GenerativeFunction> fns = functions(store, y);
    FitResult r =
        Fit.alternating(
                List.of(
                    Estimator.of(Objectives.wakeP(20), fns),
                    Estimator.of(Objectives.wakeQ(20), fns)))
            .optimizer(Adam.of(0.05))
            .steps(3000)
            .seed(5)
            .run();
    assertTrue(r.ok(), r.message());
    assertEquals(MU0, value(store, "mix.mu0"), 0.5);
    assertEquals(MU1, value(store, "mix.mu1"), 0.5);
    assertEquals(MU1 - MU0, value(store, "classify.b"), 1.0);
  }
}
