package dev.varia.examples.posteriordb;

import static dev.varia.examples.posteriordb.PosteriorDbData.field;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.GenFn;
import dev.varia.core.model.Dist;
import dev.varia.core.model.DistSpec;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;

/**
 * low_dim_gauss_mix-low_dim_gauss_mix: a two-component normal mixture with ordered means; each
 * point's component label is summed out exactly (elementwise, O(N K)).
 */
public final class LowDimGaussMix implements PosteriorDbCase {
  @Override
  public String name() {
    return "low_dim_gauss_mix-low_dim_gauss_mix";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "low_dim_gauss_mix",
        m -> {
          Val mu = m.sample("mu", DistSpec.of("ordered:normal", 0, 2), 2);
          Val sigma = m.sample("sigma", Dist.halfNormal(2), 2);
          Val theta = m.sample("theta", Dist.beta(5, 5));
          // z = 1 (probability theta): component 1; z = 0: component 2
          m.marginalize(
              "z",
              Dist.bernoulli(theta),
              true,
              (b, z) -> {
                Val notZ = Val.of(1).sub(z);
                Val loc = z.mul(mu.at(0)).add(notZ.mul(mu.at(1)));
                Val scale = z.mul(sigma.at(0)).add(notZ.mul(sigma.at(1)));
                b.observe(b.data("y"), Dist.normal(loc, scale));
              });
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    return Map.of("y", field(raw, "y"));
  }
}
