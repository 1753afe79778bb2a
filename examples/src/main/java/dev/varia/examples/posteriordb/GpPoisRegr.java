package dev.varia.examples.posteriordb;

import static dev.varia.examples.posteriordb.PosteriorDbData.field;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.PrimOp;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * gp_pois_regr-gp_pois_regr: a latent Gaussian process (squared-exponential kernel, Cholesky inside
 * the model) with a Poisson log link; f = L f_tilde is reported.
 */
public final class GpPoisRegr implements PosteriorDbCase {
  @Override
  public String name() {
    return "gp_pois_regr-gp_pois_regr";
  }

  @Override
  public GenFn model() {
    return Model.define(
        "gp_pois_regr",
        m -> {
          Val rho = m.sample("rho", Dist.gamma(25, 4));
          Val alpha = m.sample("alpha", Dist.halfNormal(2));
          Val fTilde = m.sample("f_tilde", Dist.normal(0, 1), m.data("N"));
          Val kernel =
              alpha
                  .square()
                  .mul(m.data("sq_dist").div(rho.square().mul(2)).neg().exp())
                  .add(m.data("jitter"));
          Val l =
              Val.wrap(
                  new Expr.Prim(
                      PrimOp.CHOLESKY,
                      List.of(kernel.expr()),
                      dev.varia.core.ir.Span.synthetic("gp_pois_regr")));
          Val f = m.report("f", l.matmul(fTilde));
          m.observe(m.data("k"), Dist.poissonLog(f));
        });
  }

  @Override
  public Map<String, Tensor> data(Map<String, Tensor> raw) {
    Tensor x = field(raw, "x");
    int n = x.size();
    double[] d2 = new double[n * n];
    double[] jitter = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = x.get(i) - x.get(j);
        d2[i * n + j] = d * d;
      }
      jitter[i * n + i] = 1e-10;
    }
    return Map.of(
        "N", Tensor.scalar(n),
        "k", field(raw, "k"),
        "sq_dist", Tensor.wrap(d2, Shape.matrix(n, n)),
        "jitter", Tensor.wrap(jitter, Shape.matrix(n, n)));
  }

  @Override
  public boolean relaxed() {
    return true;
  }

  @Override
  public Set<String> heavyTailed() {
    return Set.of("rho", "alpha");
  }
}
