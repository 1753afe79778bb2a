package dev.varia.examples.posteriordb;

import static dev.varia.examples.posteriordb.PosteriorDbData.field;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.GenFn;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;
import java.util.Set;

/**
 * eight_schools-eight_schools_noncentered: theta = mu + tau * theta_trans reported, tau ~
 * Half-Cauchy(0, 5).
 */
public final class EightSchoolsNoncentered implements PosteriorDbCase {
  @Override
  public String name() {
    return "eight_schools-eight_schools_noncentered";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "eight_schools_noncentered",
        m -> {
          Val thetaTrans = m.sample("theta_trans", Dist.normal(0, 1), m.data("J"));
          Val mu = m.sample("mu", Dist.normal(0, 5));
          Val tau = m.sample("tau", Dist.halfCauchy(5));
          Val theta = m.report("theta", mu.add(tau.mul(thetaTrans)));
          m.observe(m.data("y"), Dist.normal(theta, m.data("sigma")));
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    return Map.of("J", field(raw, "J"), "y", field(raw, "y"), "sigma", field(raw, "sigma"));
  }

  @Override
  public boolean relaxed() {
    return true;
  }

  @Override
  public Set<String> heavyTailed() {
    return Set.of("tau");
  }
}
