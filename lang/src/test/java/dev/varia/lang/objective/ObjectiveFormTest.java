package dev.varia.lang.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ir.PrimOp;
import dev.varia.lang.Compilation;
import dev.varia.lang.testing.Ppl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objectives and fits reach the inference layer's seam in their checked, resolved form. */
class ObjectiveFormTest {
  private static final String PROGRAM =
      """
      model m {
        mu ~ normal(0, 1)
        1.5 ~ normal(mu, 0.5)
      }
      guide q for m {
        param loc: real = 0
        param scale: real<lower=0> = 1
        mu ~ normal(loc, scale)
      }
      objective my_iwelbo(p, q, K: int) = E {
        w = for k in 1..K {
          z ~ sim(q)
          density(p, z) - z.logq
        }
        logmeanexp(w)
      }
      fit by_hand: m with q using my_iwelbo(K = 4), adam(lr = 0.05), steps 1000, seed 3
      fit m with auto_lowrank(rank = 1) using iwelbo(8), sgd(0.01, momentum = 0.9), particles 2
      """;

  @Test
  void userObjectiveInIntermediateForm() {
    Compilation c = Ppl.ok(Ppl.compile(PROGRAM));
    ObjectiveDef def = c.checked().get().objectives().get("my_iwelbo");
    assertEquals(List.of("p", "q"), def.generativeParams());
    assertEquals(List.of("K"), def.numericParams());
    ObjForm.Expect e = assertInstanceOf(ObjForm.Expect.class, def.body().value());
    ObjForm.Let w = assertInstanceOf(ObjForm.Let.class, e.body().stmts().get(0));
    ObjForm.ForVector loop = assertInstanceOf(ObjForm.ForVector.class, w.value());
    assertEquals(new ObjForm.Num(0, loop.from().span()), loop.from(), "0-based start");
    assertInstanceOf(ObjForm.Arg.class, loop.to());
    ObjForm.Sim sim = assertInstanceOf(ObjForm.Sim.class, loop.body().stmts().get(0));
    assertEquals("q", assertInstanceOf(ObjForm.GenRef.class, sim.gen()).name());
    ObjForm.Prim diff = assertInstanceOf(ObjForm.Prim.class, loop.body().value());
    assertEquals(PrimOp.SUB, diff.op());
    assertInstanceOf(ObjForm.Density.class, diff.args().get(0));
    assertInstanceOf(ObjForm.LogQ.class, diff.args().get(1));
  }

  @Test
  void fitsAreResolved() {
    Compilation c = Ppl.ok(Ppl.compile(PROGRAM));
    List<FitSpec> fits = c.fits();
    assertEquals(2, fits.size());
    FitSpec a = fits.get(0);
    assertEquals("by_hand", a.name());
    assertEquals(new FitSpec.GuideChoice.User("q"), a.guide());
    FitSpec.ObjectiveChoice.User u =
        assertInstanceOf(FitSpec.ObjectiveChoice.User.class, a.objective());
    assertEquals(Map.of("K", 4.0), u.args());
    assertEquals(1000, a.steps().getAsLong());
    assertEquals(3, a.seed().getAsLong());
    assertEquals(0.05, a.optimizer().settings().get("lr"));
    FitSpec b = fits.get(1);
    assertEquals(new FitSpec.GuideChoice.Auto("auto_lowrank", Map.of("rank", 1.0)), b.guide());
    assertEquals(new FitSpec.ObjectiveChoice.Library("iwelbo", Map.of("K", 8.0)), b.objective());
    assertEquals("sgd", b.optimizer().name());
    assertEquals(0.9, b.optimizer().settings().get("momentum"));
    assertEquals(2, b.particles().getAsLong());
    assertTrue(b.steps().isEmpty());
  }
}
