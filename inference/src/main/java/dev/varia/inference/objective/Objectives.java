package dev.varia.inference.objective;

import dev.varia.core.gen.Selection;
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

  /**
   * HVI (Ranganath et al. 2016, with the reverse model r = q's own process for the auxiliary
   * choices): the ELBO of the family {@code marginal(q, keep)}, {@code E[log p(x, y) - log q(u) q(x
   * | u) + log r(u | x)]}.
   */
  public static Objective hvi(Selection keep) {
    return iwhvi(keep, 1);
  }

  /** IWHVI(N) (Sobolev and Vetrov 2019): log q(x) estimated with N auxiliary samples. */
  public static Objective iwhvi(Selection keep, int n) {
    return ObjectiveBuilder.define(
        n == 1 ? "hvi" : "iwhvi",
        ObjectiveBuilder.MODEL_AND_GUIDE,
        o -> {
          ObjectiveBuilder.Trace z = o.simMarginal("q", keep, n);
          return o.density("p", z).sub(o.logq(z));
        });
  }

  /** DIWHVI(K, N): IWELBO(K) with each log q(x_k) estimated with N auxiliary samples. */
  public static Objective diwhvi(Selection keep, int k, int n) {
    return ObjectiveBuilder.define(
        "diwhvi",
        ObjectiveBuilder.MODEL_AND_GUIDE,
        o ->
            o.particles(
                    k,
                    MultiSample.NONE,
                    (b, i) -> {
                      ObjectiveBuilder.Trace z = b.simMarginal("q", keep, n);
                      return b.density("p", z).sub(b.logq(z));
                    })
                .logMeanExp());
  }

  /**
   * Reweighted wake-sleep, wake phase for the model (Bornschein and Bengio 2015): gradient {@code
   * sum_k wbar_k grad_theta log p(x_k, y)} with K particles from the guide and normalised weights,
   * all held constant. Updates the model's parameters only.
   */
  public static Objective wakeP(int k) {
    return wakeSleep("wake_p", k, Set.of(Role.MODEL), true, false);
  }

  /**
   * Reweighted wake-sleep, wake phase for the guide: gradient {@code sum_k wbar_k grad_phi log
   * q(x_k)} (the inclusive KL), particles and weights held constant. Updates the guide's parameters
   * only.
   */
  public static Objective wakeQ(int k) {
    return wakeSleep("wake_q", k, Set.of(Role.GUIDE), false, true);
  }

  /** Both wake phases in one objective: model and guide learned jointly. */
  public static Objective rws(int k) {
    return wakeSleep("rws", k, Set.of(Role.MODEL, Role.GUIDE), true, true);
  }

  private static Objective wakeSleep(
      String name, int k, Set<Role> updates, boolean model, boolean guide) {
    return ObjectiveBuilder.define(
        name,
        ObjectiveBuilder.MODEL_AND_GUIDE,
        updates,
        o -> {
          // each particle yields (log p, log q) as a row
          Val rows =
              o.particles(
                  k,
                  MultiSample.NONE,
                  (b, i) -> {
                    ObjectiveBuilder.Trace z = b.simDetached("q");
                    return Val.concat(b.density("p", z), b.logq(z));
                  });
          Val cols = o.let(rows.transpose());
          Val lp = o.let(cols.at(0));
          Val lq = o.let(cols.at(1));
          Val w = lp.sub(lq).stopGradient();
          Val wbar = o.let(w.sub(w.logSumExp()).exp());
          Val target = model && guide ? lp.add(lq) : model ? lp : lq;
          return wbar.mul(target).sum();
        });
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
