package dev.varia.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.Address;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Span;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Running the rest of a program more than once from a random choice. */
class ContinuationTest {
  /**
   * Draws every choice from its distribution and records the draws; at the site named {@code
   * target} it runs the rest of the program twice (once recording, once value-only) with given
   * values, keeps both results, and finishes the run with the first.
   */
  static final class ForkingHandler extends ScoringHandler {
    final Address target;
    final double[] values;
    final Map<Address, Double> draws = new LinkedHashMap<>();
    final List<Node> results = new ArrayList<>();
    final List<ForkingHandler> branches = new ArrayList<>();
    final List<Node> injected = new ArrayList<>();

    ForkingHandler(Address target, double... values) {
      this.target = target;
      this.values = values;
    }

    @Override
    public Node sample(Machine m, SampleSite site) {
      if (site.elementAddress().equals(target) && values.length > 0) {
        Continuation k = m.capture();
        for (int i = 0; i < values.length; i++) {
          Continuation.Resumption r = k.instantiate();
          ForkingHandler h = (ForkingHandler) r.handler(this);
          h.draws.put(target, values[i]);
          Node v = m.tape().variable(values[i]);
          injected.add(v);
          RandomStream rng = m.rng().fork(i);
          Node out;
          if (i == 1) {
            try (Tape.ValueOnly s = m.tape().valueOnly()) {
              out = r.resume(v, rng);
            }
          } else {
            out = r.resume(v, rng);
          }
          results.add(out);
          branches.add(h);
        }
        m.finish(results.get(0));
        return m.tape().constant(values[0]);
      }
      Tensor x =
          site.dist()
              .sample(m.rng(), site.isElement() ? dev.varia.core.ad.Shape.SCALAR : site.batch());
      draws.put(site.elementAddress(), x.get(0));
      return m.tape().constant(x);
    }

    @Override
    public Node param(Machine m, ParamSite site) {
      return m.tape().constant(site.init());
    }

    @Override
    public void report(Machine m, Address address, int[] element, Node value, Span span) {}

    @Override
    public ForkingHandler copy() {
      ForkingHandler c = copyScoresInto(new ForkingHandler(target));
      c.draws.putAll(draws);
      return c;
    }
  }

  private static CompiledFunction compile(GenFn fn) {
    return CompiledProgram.compile(Program.of(fn), Map.of(), Families.standard())
        .function(fn.name());
  }

  /** a ~ N(0,1); for t in 0..4 { x[t] ~ N(a, 1); s = s + 2 x[t] }; return s. */
  private static GenFn loopModel() {
    return Model.define(
        "loop",
        m -> {
          Val a = m.sample("a", Dist.normal(0, 1));
          m.let("s", a);
          m.forRange(
              "t",
              0,
              4,
              (b, t) -> {
                Val x = b.sampleAt("x", t, Dist.normal(a, 1));
                b.let("s", b.var("s").add(x.mul(2.0)));
              });
          m.ret(m.var("s"));
        });
  }

  @Test
  void runsTheRestOfALoopTwiceFromASiteInsideIt() {
    Tape tape = new Tape();
    ForkingHandler h = new ForkingHandler(Address.parse("x/1"), 0.5, -1.25);
    Node out =
        Machine.run(
            compile(loopModel()), new Node[0], h, Address.root(), tape, RandomStream.seeded(3));
    assertEquals(2, h.results.size());
    for (int i = 0; i < 2; i++) {
      Map<Address, Double> d = h.branches.get(i).draws;
      double expected =
          d.get(Address.parse("a"))
              + 2
                  * (d.get(Address.parse("x/0"))
                      + d.get(Address.parse("x/1"))
                      + d.get(Address.parse("x/2"))
                      + d.get(Address.parse("x/3")));
      assertEquals(expected, h.results.get(i).item(), 1e-12);
      assertEquals(new double[] {0.5, -1.25}[i], d.get(Address.parse("x/1")));
      // choices before the site are shared, later ones are the branch's own
      assertEquals(h.draws.get(Address.parse("x/0")), d.get(Address.parse("x/0")));
      assertFalse(h.draws.containsKey(Address.parse("x/2")));
    }
    // the branch's later draws come from forked streams: different per branch, reproducible
    assertTrue(
        !h.branches
            .get(0)
            .draws
            .get(Address.parse("x/2"))
            .equals(h.branches.get(1).draws.get(Address.parse("x/2"))));
    // the run ended with the first branch's value
    assertEquals(h.results.get(0).item(), out.item());
    // the recorded branch carries a gradient to the injected value (ds/dx1 = 2); the value-only
    // branch records nothing
    assertTrue(h.results.get(0).requiresGrad());
    assertFalse(h.results.get(1).requiresGrad());
    tape.backward(h.results.get(0));
    assertEquals(2.0, h.injected.get(0).gradAt(0));
  }

  @Test
  void seededRunsAreBitIdentical() {
    double[] first = runTwice();
    double[] second = runTwice();
    assertEquals(first[0], second[0]);
    assertEquals(first[1], second[1]);
  }

  private static double[] runTwice() {
    ForkingHandler h = new ForkingHandler(Address.parse("x/0"), 1.0, 2.0);
    Machine.run(
        compile(loopModel()), new Node[0], h, Address.root(), new Tape(), RandomStream.seeded(9));
    return new double[] {h.results.get(0).item(), h.results.get(1).item()};
  }

  @Test
  void theRestSpansReturnsFromCalledFunctions() {
    GenFn inner =
        Model.define(
            "inner",
            (b, a) -> {
              Val z = b.sample("z", Dist.normal(a[0], 1));
              b.ret(z.mul(10.0));
            },
            "m");
    GenFn outer =
        Model.define(
            "outer",
            m -> {
              Val r = m.callAt("step", 1, "inner", 0.0);
              m.ret(r.add(1.0));
            });
    CompiledFunction fn =
        CompiledProgram.compile(Program.of(List.of(outer, inner)), Map.of(), Families.standard())
            .function("outer");
    ForkingHandler h = new ForkingHandler(Address.parse("step/1/z"), 0.5, 3.0);
    Machine.run(fn, new Node[0], h, Address.root(), new Tape(), RandomStream.seeded(1));
    assertEquals(6.0, h.results.get(0).item(), 1e-12);
    assertEquals(31.0, h.results.get(1).item(), 1e-12);
  }

  @Test
  void deepRecursionDoesNotGrowTheJavaStack() {
    // chain(n, s): if n > 0 { x ~ N(s, 1); return chain(n - 1, x) } else return s
    GenFn chain =
        Model.define(
            "chain",
            (b, a) ->
                b.ifElse(
                    a[0].gt(0.0),
                    t -> {
                      Val x = t.sample("x", Dist.normal(a[1], 0.1));
                      t.ret(t.call("next", "chain", a[0].sub(1.0), x));
                    },
                    e -> e.ret(a[1])),
            "n",
            "s");
    CompiledFunction fn =
        CompiledProgram.compile(Program.of(chain), Map.of(), Families.standard()).function("chain");
    Tape tape = new Tape();
    Node[] args = {tape.constant(2000.0), tape.constant(0.0)};
    Address deep = Address.root();
    for (int i = 0; i < 1500; i++) {
      deep = deep.child("next");
    }
    ForkingHandler h = new ForkingHandler(deep.child("x"), 5.0, 7.0);
    Node out = Machine.run(fn, args, h, Address.root(), tape, RandomStream.seeded(2));
    assertNotNull(out);
    assertEquals(2, h.results.size());
    // the rest after the captured site is 500 more levels: the result stays near the injected value
    assertEquals(5.0, h.results.get(0).item(), 10.0);
    assertEquals(7.0, h.results.get(1).item(), 10.0);
  }

  @Test
  void twentyThousandSitesRunAndResume() {
    GenFn many =
        Model.define(
            "many",
            m -> {
              m.let("s", 0.0);
              m.forRange(
                  "t",
                  0,
                  20000,
                  (b, t) -> {
                    Val z = b.callAt("step", t, "leaf");
                    b.let("s", b.var("s").add(z));
                  });
              m.ret(m.var("s"));
            });
    GenFn leaf = Model.define("leaf", m -> m.ret(m.sample("z", Dist.normal(0, 1))));
    CompiledFunction fn =
        CompiledProgram.compile(Program.of(List.of(many, leaf)), Map.of(), Families.standard())
            .function("many");
    ForkingHandler h = new ForkingHandler(Address.parse("step/10000/z"), 100.0, 200.0);
    Machine.run(fn, new Node[0], h, Address.root(), new Tape(), RandomStream.seeded(4));
    assertEquals(20000, h.branches.get(0).draws.size());
    double diff = h.results.get(1).item() - h.results.get(0).item();
    // the branches share the first 10,000 draws and differ at the injected value and after
    assertTrue(Math.abs(diff - 100.0) < 5 * Math.sqrt(2 * 9999), "difference " + diff);
  }
}
