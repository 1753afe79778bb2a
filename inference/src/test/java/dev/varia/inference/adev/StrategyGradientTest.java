package dev.varia.inference.adev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.Builder;
import dev.varia.core.model.Dist;
import dev.varia.core.model.DistSpec;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.ObjectiveBuilder;
import dev.varia.inference.objective.Role;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each gradient strategy on programs whose expectation and gradient are known in closed form: the
 * mean of many gradient estimates matches the exact gradient within 4 standard errors.
 */
class StrategyGradientTest {
  static GenerativeFunction guide(GenFn fn) {
    return GenerativeFunction.compile(
        Program.of(fn), fn.name(), Map.of(), Families.standard(), new ParamStore());
  }

  /** E over q's trace of f(x, returned). */
  static Estimator expectationOf(GenFn q, BiFunction<Val, Val, Val> f) {
    Objective o =
        ObjectiveBuilder.define(
            "f",
            Map.of("q", Role.GUIDE),
            ob -> {
              ObjectiveBuilder.Trace z = ob.sim("q");
              return f.apply(ob.choice(z, "x"), ob.returned(z));
            });
    return Estimator.of(o, Map.of("q", guide(q)));
  }

  static Val param(Builder b, String name, double init, Domain d) {
    return b.param(name, Shape.SCALAR, d, Tensor.scalar(init));
  }

  /** A guide with parameter theta (in domain d) drawing x ~ dist(theta) with strategy s. */
  static GenFn oneSite(double init, Domain d, Function<Val, DistSpec> dist, Strategy s) {
    return Model.define(
        "q",
        b -> {
          Val theta = param(b, "theta", init, d);
          b.sample("x", dist.apply(theta), s);
          b.ret(theta);
        });
  }

  static Stream<Arguments> cases() {
    double mu = 0.7;
    double p = 0.3;
    double lambda = 2.0;
    double g = 0.4;
    Strategy none = Strategy.reinforce(Strategy.Baseline.none());
    Strategy constant = Strategy.reinforce(Strategy.Baseline.constant(5.0));
    Strategy average = Strategy.reinforce(Strategy.Baseline.movingAverage(0.9));
    // E_{x ~ N(mu, 1)} x^2 = mu^2 + 1, d/dmu = 2 mu
    Function<Val, DistSpec> normal = t -> Dist.normal(t, 1.0);
    BiFunction<Val, Val, Val> square = (x, r) -> x.mul(x);
    // the ADEV paper's example: E_{b ~ Bern(p)} [b ? 0 : -p/2] = (p^2 - p)/2, d/dp = p - 1/2
    Function<Val, DistSpec> bern = Dist::bernoulli;
    BiFunction<Val, Val, Val> adev = (b, pp) -> Val.of(1.0).sub(b).mul(pp.mul(-0.5));
    double adevGrad = (p - 0.5) * p * (1 - p); // chain rule to the logit
    // E_{x ~ Pois(l)} x^2 = l + l^2, d/dl = 1 + 2 l; unconstrained log l
    Function<Val, DistSpec> pois = Dist::poisson;
    double poisGrad = (1 + 2 * lambda) * lambda;
    // E_{x ~ Geom(p)} x = (1 - p)/p (failures), d/dp = -1/p^2; unconstrained logit
    Function<Val, DistSpec> geom = t -> DistSpec.of("geometric", t);
    BiFunction<Val, Val, Val> identity = (x, r) -> x;
    double geomGrad = -1 / (g * g) * g * (1 - g);
    Domain unit = Domain.interval(0, 1);
    return Stream.of(
        Arguments.of(
            "normal REPARAM", oneSite(mu, Domain.real(), normal, Strategy.REPARAM), square, 2 * mu),
        Arguments.of("normal REINFORCE", oneSite(mu, Domain.real(), normal, none), square, 2 * mu),
        Arguments.of(
            "normal REINFORCE constant baseline",
            oneSite(mu, Domain.real(), normal, constant),
            square,
            2 * mu),
        Arguments.of(
            "normal REINFORCE moving average",
            oneSite(mu, Domain.real(), normal, average),
            square,
            2 * mu),
        Arguments.of(
            "normal-mean MVD", oneSite(mu, Domain.real(), normal, Strategy.MVD), square, 2 * mu),
        Arguments.of("bernoulli REINFORCE", oneSite(p, unit, bern, none), adev, adevGrad),
        Arguments.of("bernoulli MVD", oneSite(p, unit, bern, Strategy.MVD), adev, adevGrad),
        Arguments.of("bernoulli ENUM", oneSite(p, unit, bern, Strategy.ENUM), adev, adevGrad),
        Arguments.of(
            "poisson REINFORCE", oneSite(lambda, Domain.positive(), pois, none), square, poisGrad),
        Arguments.of(
            "poisson MVD",
            oneSite(lambda, Domain.positive(), pois, Strategy.MVD),
            square,
            poisGrad),
        Arguments.of("geometric REINFORCE", oneSite(g, unit, geom, none), identity, geomGrad));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void meanGradientMatchesTheExactGradient(
      String name, GenFn q, BiFunction<Val, Val, Val> f, double exact) {
    GradientCheck.Stats s = GradientCheck.run(expectationOf(q, f), 6000, 1234);
    GradientCheck.assertUnbiased(s, Map.of("q.theta", exact), name);
    assertTrue(s.se("q.theta") < 0.1 + 0.1 * Math.abs(exact), name + ": too noisy to be sharp");
  }

  @Test
  void uniformReparameterisedGradients() {
    // E_{x ~ U(a, b)} x^2 = (a^2 + ab + b^2)/3, gradient ((2a + b)/3, (a + 2b)/3)
    double a = 0.5;
    double b = 2.0;
    GenFn q =
        Model.define(
            "q",
            m -> {
              Val lo = param(m, "a", a, Domain.real());
              Val hi = param(m, "b", b, Domain.real());
              m.sample("x", Dist.uniform(lo, hi), Strategy.REPARAM);
              m.ret(lo);
            });
    GradientCheck.Stats s = GradientCheck.run(expectationOf(q, (x, r) -> x.mul(x)), 6000, 7);
    GradientCheck.assertUnbiased(
        s, Map.of("q.a", (2 * a + b) / 3, "q.b", (a + 2 * b) / 3), "uniform");
  }

  @Test
  void enumerationIsExactWhenTheRestIsDeterministic() {
    double p = 0.3;
    GenFn q = oneSite(p, Domain.interval(0, 1), Dist::bernoulli, Strategy.ENUM);
    Estimator est = expectationOf(q, (b, pp) -> Val.of(1.0).sub(b).mul(pp.mul(-0.5)));
    GradientCheck.Stats s = GradientCheck.run(est, 20, 3);
    assertEquals((p - 0.5) * p * (1 - p), s.mean("q.theta"), 1e-10);
    assertEquals(0.0, s.variance("q.theta"), 1e-20);
    assertEquals((p * p - p) / 2, s.valueMean(), 1e-10);
  }

  @Test
  void mixedStrategiesInOneProgram() {
    // x ~ N(mu, 1) reparameterised, b ~ Bern(p) enumerated: E[x^2 (1 + b)] = (mu^2 + 1)(1 + p)
    double mu = 0.4;
    double p = 0.6;
    GenFn q =
        Model.define(
            "q",
            m -> {
              Val muv = param(m, "mu", mu, Domain.real());
              Val pv = param(m, "p", p, Domain.interval(0, 1));
              Val x = m.sample("x", Dist.normal(muv, 1.0), Strategy.REPARAM);
              Val b = m.sample("b", Dist.bernoulli(pv), Strategy.ENUM);
              m.ret(x.mul(x).mul(b.add(1.0)));
            });
    Objective o =
        ObjectiveBuilder.define("mixed", Map.of("q", Role.GUIDE), ob -> ob.returned(ob.sim("q")));
    GradientCheck.Stats s = GradientCheck.run(Estimator.of(o, Map.of("q", guide(q))), 6000, 11);
    GradientCheck.assertUnbiased(
        s, Map.of("q.mu", 2 * mu * (1 + p), "q.p", (mu * mu + 1) * p * (1 - p)), "mixed");
  }

  @Test
  void nestedExpectationIsUnbiased() {
    // E_x[x^2 + 3 E_y[y]] with x ~ N(mu, 1) reparameterised and y ~ N(nu, 1) by REINFORCE
    double mu = 0.5;
    double nu = -0.8;
    GenFn q = oneSite(mu, Domain.real(), t -> Dist.normal(t, 1.0), Strategy.REPARAM);
    GenFn r =
        Model.define(
            "r",
            m -> {
              Val n = param(m, "nu", nu, Domain.real());
              m.sample("y", Dist.normal(n, 1.0), Strategy.reinforce(Strategy.Baseline.none()));
            });
    Objective o =
        ObjectiveBuilder.define(
            "nested",
            Map.of("q", Role.GUIDE, "r", Role.GUIDE),
            ob -> {
              Val x = ob.choice(ob.sim("q"), "x");
              Val inner = ob.expect(ib -> ib.choice(ib.sim("r"), "y"));
              return x.mul(x).add(inner.mul(3.0));
            });
    Estimator est = Estimator.of(o, Map.of("q", guide(q), "r", guide(r)));
    GradientCheck.Stats s = GradientCheck.run(est, 6000, 5);
    GradientCheck.assertUnbiased(s, Map.of("q.theta", 2 * mu, "r.nu", 3.0), "nested");
  }

  @Test
  void aNonLinearUseOfAnExpectationIsRefused() {
    VariaException e =
        assertThrows(
            VariaException.class,
            () ->
                ObjectiveBuilder.define(
                    "biased",
                    Map.of("q", Role.GUIDE),
                    ob -> ob.expect(ib -> ib.choice(ib.sim("q"), "x")).log()));
    assertTrue(e.getMessage().contains("non-linearly"), e.getMessage());
  }

  @Test
  void strategiesAreCheckedAgainstTheDistribution() {
    GenFn q = oneSite(0.3, Domain.interval(0, 1), Dist::bernoulli, Strategy.REPARAM);
    VariaException e =
        assertThrows(
            VariaException.class,
            () ->
                expectationOf(q, (x, r) -> x).value(dev.varia.core.random.RandomStream.seeded(1)));
    assertTrue(e.getMessage().contains("REPARAM does not apply"), e.getMessage());
    GenFn n = oneSite(0.3, Domain.real(), t -> Dist.normal(t, 1.0), Strategy.ENUM);
    VariaException e2 =
        assertThrows(
            VariaException.class,
            () ->
                expectationOf(n, (x, r) -> x).value(dev.varia.core.random.RandomStream.seeded(1)));
    assertTrue(e2.getMessage().contains("ENUM does not apply"), e2.getMessage());
  }

  @Test
  void theScoreFunctionIsRefusedWhereTheSupportMovesWithTheParameters() {
    GenFn q =
        Model.define(
            "q",
            m -> {
              Val hi = param(m, "b", 2.0, Domain.real());
              m.sample("x", Dist.uniform(0.0, hi), Strategy.reinforce(Strategy.Baseline.none()));
              m.ret(hi);
            });
    VariaException e =
        assertThrows(
            VariaException.class, () -> GradientCheck.run(expectationOf(q, (x, r) -> x), 1, 1));
    assertTrue(e.getMessage().contains("REINFORCE does not apply"), e.getMessage());
  }

  @Test
  void reparamHasLowerVarianceThanReinforceAndABaselineHelps() {
    double mu = 0.7;
    Function<Val, DistSpec> normal = t -> Dist.normal(t, 1.0);
    BiFunction<Val, Val, Val> sq = (x, r) -> x.mul(x);
    double rep = varianceOf(oneSite(mu, Domain.real(), normal, Strategy.REPARAM), sq);
    double none =
        varianceOf(
            oneSite(mu, Domain.real(), normal, Strategy.reinforce(Strategy.Baseline.none())), sq);
    double good =
        varianceOf(
            oneSite(
                mu,
                Domain.real(),
                normal,
                Strategy.reinforce(Strategy.Baseline.constant(mu * mu + 1))),
            sq);
    assertTrue(rep * 2 < none, "REPARAM variance " + rep + " vs REINFORCE " + none);
    assertTrue(good * 1.5 < none, "baseline variance " + good + " vs none " + none);
  }

  private static double varianceOf(GenFn q, BiFunction<Val, Val, Val> f) {
    return GradientCheck.run(expectationOf(q, f), 4000, 99).variance("q.theta");
  }

  @Test
  void supportTableListsTheStrategies() {
    dev.varia.core.ad.Tape t = new dev.varia.core.ad.Tape();
    assertEquals(
        java.util.EnumSet.of(Strategy.Kind.REINFORCE, Strategy.Kind.ENUM, Strategy.Kind.MVD),
        Strategies.supported(dev.varia.core.dist.Bernoulli.of(t, 0.3)));
    assertEquals(
        java.util.EnumSet.of(Strategy.Kind.REINFORCE, Strategy.Kind.REPARAM, Strategy.Kind.MVD),
        Strategies.supported(dev.varia.core.dist.Normal.of(t, 0, 1)));
    assertEquals(
        java.util.EnumSet.of(Strategy.Kind.REINFORCE, Strategy.Kind.REPARAM),
        Strategies.supported(dev.varia.core.dist.Gamma.of(t, 2, 1)));
    List.of();
  }
}
