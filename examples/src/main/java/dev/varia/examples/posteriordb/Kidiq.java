package dev.varia.examples.posteriordb;

import static dev.varia.examples.posteriordb.PosteriorDbData.field;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.GenFn;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;

/** kidiq-kidscore_momiq: kid_score ~ N(beta[1] + beta[2] mom_iq, sigma), flat beta. */
public final class Kidiq implements PosteriorDbCase {
  @Override
  public String name() {
    return "kidiq-kidscore_momiq";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "kidscore_momiq",
        m -> {
          Val beta = m.sample("beta", Dist.flat(), 2);
          Val sigma = m.sample("sigma", Dist.halfCauchy(2.5));
          Val mu = beta.at(0).add(beta.at(1).mul(m.data("mom_iq")));
          m.observe(m.data("kid_score"), Dist.normal(mu, sigma));
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    return Map.of("kid_score", field(raw, "kid_score"), "mom_iq", field(raw, "mom_iq"));
  }
}
