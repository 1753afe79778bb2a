package dev.varia.examples.posteriordb;

import static dev.varia.examples.posteriordb.PosteriorDbData.field;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.GenFn;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;

/**
 * garch-garch11: GARCH(1,1) with flat priors on the constrained region; beta1's upper bound 1 -
 * alpha1 depends on another latent.
 */
public final class Garch implements PosteriorDbCase {
  @Override
  public String name() {
    return "garch-garch11";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "garch11",
        m -> {
          Val mu = m.sample("mu", Dist.flat());
          Val alpha0 = m.sample("alpha0", Dist.flatLower(0));
          Val alpha1 = m.sample("alpha1", Dist.flatInterval(0, 1));
          Val beta1 = m.sample("beta1", Dist.flatInterval(0, Val.of(1).sub(alpha1)));
          Val y = m.data("y");
          m.array("s", 0.0, m.data("T"));
          m.setAt("s", 0, m.data("sigma1"));
          m.forRange(
              "t",
              1,
              m.data("T"),
              (b, t) -> {
                Val prev = b.var("s").at(t.sub(1));
                Val dev = y.at(t.sub(1)).sub(mu);
                b.setAt(
                    "s",
                    t,
                    alpha0.add(alpha1.mul(dev.square())).add(beta1.mul(prev.square())).sqrt());
              });
          m.observe(y, Dist.normal(mu, m.var("s")));
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    return Map.of("T", field(raw, "T"), "y", field(raw, "y"), "sigma1", field(raw, "sigma1"));
  }
}
