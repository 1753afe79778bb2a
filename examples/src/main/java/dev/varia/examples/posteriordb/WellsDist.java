package dev.varia.examples.posteriordb;

import static dev.varia.examples.posteriordb.PosteriorDbData.field;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.GenFn;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;

/** wells_data-wells_dist: switched ~ Bernoulli(logit^-1(beta[1] + beta[2] dist)), flat beta. */
public final class WellsDist implements PosteriorDbCase {
  @Override
  public String name() {
    return "wells_data-wells_dist";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "wells_dist",
        m -> {
          Val beta = m.sample("beta", Dist.flat(), 2);
          Val eta = beta.at(0).add(beta.at(1).mul(m.data("dist")));
          m.observe(m.data("switched"), Dist.bernoulliLogit(eta));
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    return Map.of("switched", field(raw, "switched"), "dist", field(raw, "dist"));
  }
}
