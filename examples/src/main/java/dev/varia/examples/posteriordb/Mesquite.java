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
 * mesquite-logmesquite: log leaf weight on the logs of the bushes' dimensions and the group, flat
 * priors.
 */
public final class Mesquite implements PosteriorDbCase {
  @Override
  public String name() {
    return "mesquite-logmesquite";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "logmesquite",
        m -> {
          Val beta = m.sample("beta", Dist.flat(), 7);
          Val sigma = m.sample("sigma", Dist.flatLower(0));
          m.observe(m.data("log_weight"), Dist.normal(m.data("x").matmul(beta), sigma));
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    String[] logged = {"diam1", "diam2", "canopy_height", "total_height", "density"};
    Tensor weight = field(raw, "weight");
    Tensor group = field(raw, "group");
    int n = weight.size();
    double[] y = new double[n];
    double[] x = new double[n * 7];
    for (int i = 0; i < n; i++) {
      y[i] = Math.log(weight.get(i));
      x[i * 7] = 1;
      for (int j = 0; j < logged.length; j++) {
        x[i * 7 + 1 + j] = Math.log(field(raw, logged[j]).get(i));
      }
      x[i * 7 + 6] = group.get(i);
    }
    return Map.of("log_weight", Tensor.vector(y), "x", Tensor.wrap(x, Shape.matrix(n, 7)));
  }
}
