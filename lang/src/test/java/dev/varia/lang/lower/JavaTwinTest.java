package dev.varia.lang.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.lang.Compilation;
import dev.varia.lang.testing.Ppl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A .ppl model and its twin written with the fluent Java builder give the same log density on the
 * same choices (so the two front doors build the same model).
 */
class JavaTwinTest {
  private static double assess(Program p, String name, Map<String, Tensor> data, ChoiceMap c) {
    GenerativeFunction gf =
        GenerativeFunction.compile(p, name, data, Families.standard(), new ParamStore());
    return gf.assess(c).logDensity();
  }

  private static void same(Compilation c, String name, GenFn twin, ChoiceMap choices) {
    Ppl.ok(c);
    double fromPpl = assess(c.program().orElseThrow(), name, c.data().orElseThrow(), choices);
    double fromJava = assess(Program.of(twin), name, c.data().orElseThrow(), choices);
    assertTrue(Double.isFinite(fromPpl), "finite: " + fromPpl);
    assertEquals(fromJava, fromPpl, 1e-10 * Math.max(1, Math.abs(fromJava)));
  }

  @Test
  void eightSchools() {
    Compilation c =
        Ppl.compile(
            """
            data {
              J: int<lower=0>
              y: real[J]
              sigma: real<lower=0>[J]
            }
            model schools {
              mu ~ normal(0, 5)
              tau ~ half_cauchy(0, 5)
              eta ~ normal(0, 1) [J]
              report theta = mu + tau * eta
              y ~ normal(theta, sigma)
            }
            """,
            "{\"J\":8,\"y\":[28,8,-3,7,-1,1,18,12],\"sigma\":[15,10,16,11,9,11,10,18]}");
    GenFn twin =
        Model.define(
            "schools",
            m -> {
              Val mu = m.sample("mu", Dist.normal(0, 5));
              Val tau = m.sample("tau", Dist.halfCauchy(5));
              Val eta = m.sample("eta", Dist.normal(0, 1), m.data("J"));
              Val theta = m.report("theta", mu.add(tau.mul(eta)));
              m.observe(m.data("y"), Dist.normal(theta, m.data("sigma")));
            });
    ChoiceMap choices =
        ChoiceMap.builder()
            .put("mu", 4.4)
            .put("tau", 3.6)
            .put("eta", Tensor.vector(0.3, 0.1, -0.2, 0.05, -0.4, -0.1, 0.5, 0.2))
            .build();
    same(c, "schools", twin, choices);
  }

  @Test
  void betaBernoulliCoin() {
    Compilation c =
        Ppl.compile(
            """
            data {
              N: int<lower=0>
              y: int<lower=0, upper=1>[N]
            }
            model coin {
              p ~ beta(2, 2)
              y ~ bernoulli(p)
            }
            """,
            "{\"N\": 6, \"y\": [1, 0, 1, 1, 1, 0]}");
    GenFn twin =
        Model.define(
            "coin",
            m -> {
              Val p = m.sample("p", Dist.beta(2, 2));
              m.observe(m.data("y"), Dist.bernoulli(p));
            });
    same(c, "coin", twin, ChoiceMap.builder().put("p", 0.62).build());
  }

  @Test
  void linearRegression() {
    Compilation c =
        Ppl.compile(
            """
            data {
              N: int<lower=0>
              D: int<lower=0>
              X: matrix[N, D]
              y: vector[N]
            }
            model reg {
              alpha ~ normal(0, 10)
              beta ~ normal(0, 5) [D]
              sigma ~ exponential(1)
              y ~ normal(alpha + X * beta, sigma)
            }
            """,
            "{\"N\": 4, \"D\": 2, \"X\": [[1, 0.5], [0.2, -0.3], [1.5, 1.2], [0, 1]],"
                + " \"y\": [1.0, 0.2, 2.1, 0.7]}");
    GenFn twin =
        Model.define(
            "reg",
            m -> {
              Val alpha = m.sample("alpha", Dist.normal(0, 10));
              Val beta = m.sample("beta", Dist.normal(0, 5), m.data("D"));
              Val sigma = m.sample("sigma", Dist.exponential(1));
              m.observe(m.data("y"), Dist.normal(alpha.add(m.data("X").matmul(beta)), sigma));
            });
    ChoiceMap choices =
        ChoiceMap.builder()
            .put("alpha", 0.3)
            .put("beta", Tensor.vector(0.8, -0.4))
            .put("sigma", 0.9)
            .build();
    same(c, "reg", twin, choices);
  }

  @Test
  void twoComponentMixture() {
    Compilation c =
        Ppl.compile(
            """
            data {
              N: int<lower=0>
              y: real[N]
            }
            model mix {
              mu ~ normal(0, 2) [2]
              sigma ~ half_normal(0, 2) [2]
              theta ~ beta(5, 5)
              marginalize z ~ bernoulli(theta) [N] {
                y ~ normal(mu[2 - z], sigma[2 - z])
              }
            }
            """,
            "{\"N\": 6, \"y\": [-1.2, 0.3, 2.5, 3.1, -0.7, 2.2]}");
    GenFn twin =
        Model.define(
            "mix",
            m -> {
              Val mu = m.sample("mu", Dist.normal(0, 2), 2);
              Val sigma = m.sample("sigma", Dist.halfNormal(2), 2);
              Val theta = m.sample("theta", Dist.beta(5, 5));
              m.marginalize(
                  "z",
                  Dist.bernoulli(theta),
                  true,
                  (b, z) -> {
                    Val k = Val.of(1).sub(z);
                    b.observe(b.data("y"), Dist.normal(mu.at(k), sigma.at(k)));
                  });
            });
    ChoiceMap choices =
        ChoiceMap.builder()
            .put("mu", Tensor.vector(-0.9, 2.6))
            .put("sigma", Tensor.vector(0.7, 0.5))
            .put("theta", 0.45)
            .build();
    same(c, "mix", twin, choices);
  }
}
