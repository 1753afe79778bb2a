package dev.varia.inference.adev;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Distribution;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.DistSpec;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.ObjectiveBuilder;
import dev.varia.inference.objective.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every distribution under every strategy it supports, through the estimator: for a guide whose
 * site {@code x ~ d(theta)} depends on one unconstrained parameter u, the mean of many gradient
 * estimates of {@code E[f(x)]} matches the exact derivative within 4 standard errors. The exact
 * expectation comes from the distribution's closed-form mean (or, for the heavy-tailed ones, a
 * quadrature of {@code tanh(x)} against the density), differentiated by central differences in u.
 */
class EveryDistributionGradientTest {
  private static final double U = 0.3;

  /** One distribution: its family, its arguments as functions of u, and what f reads. */
  record Family(
      String name, Function<Val, Object[]> args, Function<Node, Object[]> exact, Item f) {}

  /** Which function of x the objective takes the expectation of. */
  enum Item {
    VALUE,
    FIRST,
    TANH,
    CORRELATION_SQUARED
  }

  private static Val exp(Val u) {
    return u.exp();
  }

  private static Val sig(Val u) {
    return u.sigmoid();
  }

  static List<Family> families() {
    List<Family> out = new ArrayList<>();
    out.add(
        new Family("normal", u -> new Object[] {u, 1.3}, u -> new Object[] {u, 1.3}, Item.VALUE));
    out.add(
        new Family(
            "lognormal", u -> new Object[] {u, 0.5}, u -> new Object[] {u, 0.5}, Item.VALUE));
    out.add(
        new Family(
            "half_normal", u -> new Object[] {exp(u)}, u -> new Object[] {u.exp()}, Item.VALUE));
    out.add(
        new Family("cauchy", u -> new Object[] {u, 1.0}, u -> new Object[] {u, 1.0}, Item.TANH));
    out.add(
        new Family(
            "half_cauchy", u -> new Object[] {exp(u)}, u -> new Object[] {u.exp()}, Item.TANH));
    out.add(
        new Family(
            "student_t",
            u -> new Object[] {3.0, u, 1.0},
            u -> new Object[] {3.0, u, 1.0},
            Item.VALUE));
    out.add(
        new Family(
            "double_exponential",
            u -> new Object[] {u, 1.0},
            u -> new Object[] {u, 1.0},
            Item.VALUE));
    out.add(
        new Family("logistic", u -> new Object[] {u, 1.0}, u -> new Object[] {u, 1.0}, Item.VALUE));
    out.add(
        new Family(
            "uniform",
            u -> new Object[] {0.0, exp(u).add(1.0)},
            u -> new Object[] {0.0, u.exp().add(1.0)},
            Item.VALUE));
    out.add(
        new Family(
            "exponential", u -> new Object[] {exp(u)}, u -> new Object[] {u.exp()}, Item.VALUE));
    out.add(
        new Family(
            "gamma",
            u -> new Object[] {exp(u), 2.0},
            u -> new Object[] {u.exp(), 2.0},
            Item.VALUE));
    out.add(
        new Family(
            "inv_gamma",
            u -> new Object[] {exp(u).add(3.0), 2.0},
            u -> new Object[] {u.exp().add(3.0), 2.0},
            Item.VALUE));
    out.add(
        new Family(
            "beta", u -> new Object[] {exp(u), 2.0}, u -> new Object[] {u.exp(), 2.0}, Item.VALUE));
    out.add(
        new Family(
            "dirichlet",
            u -> new Object[] {Val.concat(exp(u), 1.0, 2.0)},
            u ->
                new Object[] {Node.concat(u.exp(), u.tape().constant(1.0), u.tape().constant(2.0))},
            Item.FIRST));
    out.add(
        new Family(
            "bernoulli", u -> new Object[] {sig(u)}, u -> new Object[] {u.sigmoid()}, Item.VALUE));
    out.add(
        new Family("bernoulli_logit", u -> new Object[] {u}, u -> new Object[] {u}, Item.VALUE));
    out.add(
        new Family(
            "binomial",
            u -> new Object[] {5.0, sig(u)},
            u -> new Object[] {5.0, u.sigmoid()},
            Item.VALUE));
    out.add(
        new Family("poisson", u -> new Object[] {exp(u)}, u -> new Object[] {u.exp()}, Item.VALUE));
    out.add(new Family("poisson_log", u -> new Object[] {u}, u -> new Object[] {u}, Item.VALUE));
    out.add(
        new Family(
            "geometric", u -> new Object[] {sig(u)}, u -> new Object[] {u.sigmoid()}, Item.VALUE));
    out.add(
        new Family(
            "categorical_logit",
            u -> new Object[] {Val.concat(u, 0.0, 0.5)},
            u -> new Object[] {Node.concat(u, u.tape().constant(0.0), u.tape().constant(0.5))},
            Item.VALUE));
    out.add(
        new Family(
            "neg_binomial_2",
            u -> new Object[] {exp(u), 2.0},
            u -> new Object[] {u.exp(), 2.0},
            Item.VALUE));
    out.add(
        new Family(
            "lkj_corr_cholesky",
            u -> new Object[] {2.0, exp(u)},
            u -> new Object[] {2.0, u.exp()},
            Item.CORRELATION_SQUARED));
    return out;
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Family f : families()) {
      // u is a variable here so that support bounds which move with it are seen as such
      Tape t = new Tape();
      Distribution d = distribution(f, t, t.variable(U));
      for (Strategy.Kind k : Strategies.supported(d)) {
        if (k == Strategy.Kind.ENUM && d.enumerateSupport().size() > 16) {
          continue;
        }
        out.add(Arguments.of(f.name() + " " + k, f, k));
      }
    }
    return out.stream();
  }

  private static Distribution distribution(Family f, Tape t, Node u) {
    Object[] a = f.exact().apply(u);
    Node[] n = new Node[a.length];
    for (int i = 0; i < a.length; i++) {
      n[i] = a[i] instanceof Node node ? node : t.constant(((Number) a[i]).doubleValue());
    }
    return Families.standard().create(f.name(), n);
  }

  /** E[f(x)] under the family at u, exactly (closed-form mean or quadrature). */
  private static double expectation(Family f, double u) {
    Tape t = new Tape();
    try (Tape.ValueOnly v = t.valueOnly()) {
      Distribution d = distribution(f, t, t.constant(u));
      switch (f.f()) {
        case VALUE:
          return d.mean().orElseThrow().get(0);
        case FIRST:
          return d.mean().orElseThrow().get(0);
        case CORRELATION_SQUARED:
          {
            // for K = 2 the correlation r has density proportional to (1 - r^2)^(eta - 1) on
            // (-1, 1): (r + 1)/2 ~ Beta(eta, eta), so E[r^2] = 1 / (2 eta + 1)
            double eta = Math.exp(u);
            return 1 / (2 * eta + 1);
          }
        default:
          {
            // E[tanh(x)] by the midpoint rule over x = tan(t), t in (-pi/2, pi/2)
            int n = 200_000;
            double h = Math.PI / n;
            double s = 0;
            for (int i = 0; i < n; i++) {
              double th = -Math.PI / 2 + (i + 0.5) * h;
              double x = Math.tan(th);
              double lp = d.logDensity(t.constant(x)).get(0);
              if (lp > Double.NEGATIVE_INFINITY) {
                s += Math.tanh(x) * Math.exp(lp) / (Math.cos(th) * Math.cos(th));
              }
            }
            return s * h;
          }
      }
    }
  }

  private static double exactDerivative(Family f) {
    double h = 1e-4;
    return (expectation(f, U + h) - expectation(f, U - h)) / (2 * h);
  }

  private static Estimator estimator(Family f, Strategy.Kind k) {
    Strategy s =
        k == Strategy.Kind.REINFORCE
            ? Strategy.reinforce(Strategy.Baseline.movingAverage(0.9))
            : new Strategy(k, Strategy.Baseline.none());
    GenFn q =
        Model.define(
            "q",
            b -> {
              Val u = b.param("u", Shape.SCALAR, Domain.real(), Tensor.scalar(U));
              Val x = b.sample("x", DistSpec.of(f.name(), f.args().apply(u)), s);
              switch (f.f()) {
                case FIRST:
                  b.ret(x.at(0));
                  break;
                case TANH:
                  b.ret(x.tanh());
                  break;
                case CORRELATION_SQUARED:
                  b.ret(x.at(1, 0).square());
                  break;
                default:
                  b.ret(x);
              }
            });
    GenerativeFunction g =
        GenerativeFunction.compile(
            Program.of(q), "q", Map.of(), Families.standard(), new ParamStore());
    Objective o =
        ObjectiveBuilder.define(
            "f", Map.of("q", Role.GUIDE), ob -> ob.returned(ob.sim("q")).mul(1.0));
    return Estimator.of(o, Map.of("q", g));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientEstimatesAreUnbiased(String name, Family f, Strategy.Kind k) {
    double exact = exactDerivative(f);
    GradientCheck.Stats s = GradientCheck.run(estimator(f, k), 4000, name.hashCode());
    // the exact value is a central difference (h = 1e-4) of a closed form or a quadrature
    double referenceError = 1e-6 * Math.max(1, Math.abs(exact));
    GradientCheck.assertUnbiased(s, Map.of("q.u", exact), name, referenceError);
    assertTrue(Double.isFinite(s.se("q.u")), name);
  }
}
