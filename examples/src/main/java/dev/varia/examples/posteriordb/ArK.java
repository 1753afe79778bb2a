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
 * arK-arK: an AR(K) series, y[t] ~ N(alpha + sum_k beta[k] y[t-k], sigma) for t > K, through a lag
 * matrix built once from the data.
 */
public final class ArK implements PosteriorDbCase {
  @Override
  public String name() {
    return "arK-arK";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "arK",
        m -> {
          Val alpha = m.sample("alpha", Dist.normal(0, 10));
          Val beta = m.sample("beta", Dist.normal(0, 10), m.data("K"));
          Val sigma = m.sample("sigma", Dist.halfCauchy(2.5));
          Val mu = alpha.add(m.data("lags").matmul(beta));
          m.observe(m.data("y_later"), Dist.normal(mu, sigma));
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    int k = (int) field(raw, "K").item();
    Tensor y = field(raw, "y");
    int t = y.size();
    int rows = t - k;
    double[] lags = new double[rows * k];
    double[] later = new double[rows];
    for (int r = 0; r < rows; r++) {
      later[r] = y.get(r + k);
      for (int j = 1; j <= k; j++) {
        lags[r * k + (j - 1)] = y.get(r + k - j);
      }
    }
    return Map.of(
        "K", Tensor.scalar(k),
        "lags", Tensor.wrap(lags, Shape.matrix(rows, k)),
        "y_later", Tensor.vector(later));
  }
}
