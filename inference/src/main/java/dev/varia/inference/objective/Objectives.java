package dev.varia.inference.objective;

import dev.varia.core.model.Val;
import java.util.Set;

/**
 * The library objectives, written in the objective language itself (ADEV.md section 4), over {@code
 * p} (the model) and {@code q} (the guide). All are maximised and update the parameters of both the
 * model and the guide.
 */
public final class Objectives {
  private Objectives() {}

  /** ELBO = E_{x ~ q}[log p(x, y) - log q(x)], one particle. */
  public static Objective elbo() {
    return ObjectiveBuilder.define(
        "elbo",
        ObjectiveBuilder.MODEL_AND_GUIDE,
        o -> {
          ObjectiveBuilder.Trace z = o.sim("q");
          return o.density("p", z).sub(o.logq(z));
        });
  }

  /**
   * The ELBO averaged over {@code k} independent particles per step, with leave-one-out baselines
   * for score-function sites.
   */
  public static Objective elbo(int k) {
    if (k == 1) {
      return elbo();
    }
    return ObjectiveBuilder.define(
        "elbo",
        ObjectiveBuilder.MODEL_AND_GUIDE,
        o ->
            o.particles(
                    k,
                    MultiSample.LEAVE_ONE_OUT,
                    (b, i) -> {
                      ObjectiveBuilder.Trace z = b.sim("q");
                      return b.density("p", z).sub(b.logq(z));
                    })
                .mean());
  }

  /** IWELBO(K) = E[log (1/K) sum_k p(x_k, y) / q(x_k)], x_k iid from q (Burda et al. 2016). */
  public static Objective iwelbo(int k) {
    return weighted("iwelbo", k, MultiSample.NONE, 0.0);
  }

  /**
   * VIMCO(K) (Mnih and Rezende 2016): IWELBO(K) whose score-function sites use the VIMCO
   * leave-one-out baseline.
   */
  public static Objective vimco(int k) {
    return weighted("vimco", k, MultiSample.VIMCO, 0.0);
  }

  /**
   * The K-sample Renyi bound (Li and Turner 2016): E[(1/(1 - alpha)) log (1/K) sum_k (p/q)^(1 -
   * alpha)]; alpha = 0 is IWELBO(K), alpha -> 1 the ELBO.
   */
  public static Objective renyi(double alpha, int k) {
    if (alpha == 1.0) {
      return elbo(k);
    }
    return weighted("renyi", k, MultiSample.NONE, alpha);
  }

  private static Objective weighted(String name, int k, MultiSample baseline, double alpha) {
    if (k < 1) {
      throw new IllegalArgumentException(name + " needs K >= 1 particles, got " + k);
    }
    return ObjectiveBuilder.define(
        name,
        ObjectiveBuilder.MODEL_AND_GUIDE,
        Set.of(Role.MODEL, Role.GUIDE),
        o -> {
          Val w =
              o.particles(
                  k,
                  baseline,
                  (b, i) -> {
                    ObjectiveBuilder.Trace z = b.sim("q");
                    return b.density("p", z).sub(b.logq(z));
                  });
          if (alpha == 0.0) {
            return w.logMeanExp();
          }
          double s = 1 - alpha;
          return w.mul(s).logMeanExp().div(s);
        });
  }
}
