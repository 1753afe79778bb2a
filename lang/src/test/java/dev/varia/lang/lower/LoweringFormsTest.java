package dev.varia.lang.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ir.Expr;
import dev.varia.core.ir.PrimOp;
import dev.varia.core.ir.Stmt;
import dev.varia.core.ir.Strategy;
import dev.varia.lang.Compilation;
import dev.varia.lang.testing.Ppl;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IR forms the language lowers to: 0-based indices, half-open loops, strategies. */
class LoweringFormsTest {
  private static List<Stmt> body(Compilation c, String fn) {
    return Ppl.ok(c).program().orElseThrow().get(fn).orElseThrow().body().stmts();
  }

  private static double constant(Expr e) {
    return assertInstanceOf(Expr.Const.class, e).value().item();
  }

  @Test
  void loopsAndIndicesBecomeZeroBased() {
    Compilation c =
        Ppl.compile(
            "data {\n  T: int\n  y: real[T]\n}\nmodel m {\n  mu ~ normal(0, 1)\n"
                + "  for t in 2..T {\n    y[t] ~ normal(mu * y[t - 1], 1)\n  }\n}\n",
            "{\"T\": 3, \"y\": [1, 2, 3]}");
    Stmt.For f = assertInstanceOf(Stmt.For.class, body(c, "m").get(1));
    assertEquals(1.0, constant(f.from()), "2..T starts at 1 (0-based)");
    assertEquals("T", assertInstanceOf(Expr.DataRef.class, f.to()).name(), "and stops before T");
    Stmt.Observe o = assertInstanceOf(Stmt.Observe.class, f.body().stmts().get(0));
    Expr.Index yt = assertInstanceOf(Expr.Index.class, o.value());
    assertEquals(
        "t", assertInstanceOf(Expr.Var.class, yt.indices().get(0)).name(), "y[t] is y[t0]");
    Expr.Prim mean = assertInstanceOf(Expr.Prim.class, o.dist().args().get(0));
    Expr.Index prev = assertInstanceOf(Expr.Index.class, mean.args().get(1));
    Expr.Prim tm1 = assertInstanceOf(Expr.Prim.class, prev.indices().get(0));
    assertEquals(PrimOp.SUB, tm1.op(), "y[t - 1] is y[t0 - 1]");
    assertEquals(1.0, constant(tm1.args().get(1)));
  }

  @Test
  void loopIndexAsAValueIsOneBased() {
    Compilation c = Ppl.compile("model m {\n  for t in 1..3 {\n    factor(t)\n  }\n}\n");
    Stmt.For f = assertInstanceOf(Stmt.For.class, body(c, "m").get(0));
    Stmt.Factor x = assertInstanceOf(Stmt.Factor.class, f.body().stmts().get(0));
    Expr.Prim p = assertInstanceOf(Expr.Prim.class, x.logWeight());
    assertEquals(PrimOp.ADD, p.op());
    assertEquals(1.0, constant(p.args().get(1)));
  }

  @Test
  void strategiesPlatesAndMarginalisation() {
    Compilation c =
        Ppl.compile(
            "data {\n  N: int\n  y: real[N]\n}\nmodel m {\n  mu ~ normal(0, 1) @reparam\n"
                + "  k ~ poisson(3) @reinforce(ema = 0.8)\n  b ~ bernoulli(0.5) @enum\n"
                + "  plate n in 1..N {\n    y[n] ~ normal(mu, 1)\n  }\n"
                + "  marginalize z ~ bernoulli(0.3) [N] {\n    y ~ normal(mu + z, 1)\n  }\n}\n",
            "{\"N\": 2, \"y\": [0.5, 1.5]}");
    List<Stmt> b = body(c, "m");
    assertEquals(Strategy.REPARAM, assertInstanceOf(Stmt.Sample.class, b.get(0)).strategy());
    assertEquals(
        Strategy.reinforce(Strategy.Baseline.movingAverage(0.8)),
        assertInstanceOf(Stmt.Sample.class, b.get(1)).strategy());
    assertEquals(Strategy.ENUM, assertInstanceOf(Stmt.Sample.class, b.get(2)).strategy());
    Stmt.Plate p = assertInstanceOf(Stmt.Plate.class, b.get(3));
    assertEquals("N", assertInstanceOf(Expr.DataRef.class, p.size()).name());
    Stmt.Marginalize mz = assertInstanceOf(Stmt.Marginalize.class, b.get(4));
    assertTrue(mz.elementwise());
    assertEquals("bernoulli", mz.dist().family());
  }

  @Test
  void typedLatentsBecomeFlatOrRestrictedSites() {
    Compilation c =
        Ppl.compile(
            "model m {\n  a: real<lower=0, upper=1>\n  b: real<lower=0, upper=1 - a>\n"
                + "  mu: ordered[2]\n  mu ~ normal(0, 2)\n  s: real<lower=0>\n"
                + "  s ~ half_normal(0, 1)\n  w: real<lower=1>[3]\n  w ~ normal(0, 1)\n}\n");
    List<Stmt> b = body(c, "m");
    assertEquals("flat_interval", assertInstanceOf(Stmt.Sample.class, b.get(0)).dist().family());
    Stmt.Sample beta = assertInstanceOf(Stmt.Sample.class, b.get(1));
    assertEquals("flat_interval", beta.dist().family());
    assertInstanceOf(
        Expr.Prim.class, beta.dist().args().get(1), "1 - a: a bound given by a latent");
    Stmt.Sample mu = assertInstanceOf(Stmt.Sample.class, b.get(2));
    assertEquals("ordered:normal", mu.dist().family());
    assertEquals(2.0, constant(mu.batch().get(0)));
    assertEquals("half_normal", assertInstanceOf(Stmt.Sample.class, b.get(3)).dist().family());
    Stmt.Sample w = assertInstanceOf(Stmt.Sample.class, b.get(4));
    assertEquals("lower:normal", w.dist().family());
    assertEquals(3, w.dist().args().size(), "the bound follows the distribution's arguments");
  }
}
