package dev.varia.examples.posteriordb;

import static dev.varia.examples.posteriordb.PosteriorDbData.field;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.GenFn;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;

/**
 * earnings-logearn_interaction_z: log earnings on standardised height, sex and their interaction,
 * all priors flat (sigma flat on (0, inf)).
 */
public final class Earnings implements PosteriorDbCase {
  @Override
  public String name() {
    return "earnings-logearn_interaction_z";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "logearn_interaction_z",
        m -> {
          Val beta = m.sample("beta", Dist.flat(), 4);
          Val sigma = m.sample("sigma", Dist.flatLower(0));
          m.observe(m.data("log_earn"), Dist.normal(m.data("x").matmul(beta), sigma));
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    Tensor earn = field(raw, "earn");
    Tensor height = field(raw, "height");
    Tensor male = field(raw, "male");
    int n = earn.size();
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += height.get(i);
    }
    mean /= n;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += (height.get(i) - mean) * (height.get(i) - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double[] logEarn = new double[n];
    double[] x = new double[n * 4];
    for (int i = 0; i < n; i++) {
      logEarn[i] = Math.log(earn.get(i));
      double z = (height.get(i) - mean) / sd;
      x[i * 4] = 1;
      x[i * 4 + 1] = z;
      x[i * 4 + 2] = male.get(i);
      x[i * 4 + 3] = z * male.get(i);
    }
    return Map.of("log_earn", Tensor.vector(logEarn), "x", Tensor.wrap(x, Shape.matrix(n, 4)));
  }
}
