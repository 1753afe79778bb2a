package dev.varia.examples.posteriordb;

import static dev.varia.examples.posteriordb.PosteriorDbData.field;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.GenFn;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;

/** sblrc-blr: y ~ N(X beta, sigma), beta ~ N(0, 10), sigma ~ Half-Normal(0, 10). */
public final class Sblrc implements PosteriorDbCase {
  @Override
  public String name() {
    return "sblrc-blr";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "blr",
        m -> {
          Val beta = m.sample("beta", Dist.normal(0, 10), 5);
          Val sigma = m.sample("sigma", Dist.halfNormal(10));
          m.observe(m.data("y"), Dist.normal(m.data("X").matmul(beta), sigma));
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    return Map.of("X", field(raw, "X"), "y", field(raw, "y"));
  }
}
