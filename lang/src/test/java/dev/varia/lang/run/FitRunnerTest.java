package dev.varia.lang.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.lang.Compilation;
import dev.varia.lang.testing.Ppl;
import org.junit.jupiter.api.Test;

/** Running plans: stopping on request keeps the parameters reached; plans name their choices. */
class FitRunnerTest {
  private static final String MODEL =
      String.join(
          "\n",
          "model m {",
          "  mu ~ normal(0, 1)",
          "  s ~ half_normal(0, 1)",
          "  1.5 ~ normal(mu, s)",
          "}",
          "guide q for m {",
          "  param loc: real = 0",
          "  param scale: real<lower=0> = 1",
          "  mu ~ normal(loc, scale)",
          "  s ~ lognormal(0, 0.5)",
          "}",
          "fit written: m with q using adam(lr = 0.05), steps 500",
          "fit automatic: m with auto_normal using steps 300",
          "");

  /** Stops the fit after {@code at} steps, as Ctrl-C at the REPL does. */
  private static FitListener stopAt(long at) {
    return new FitListener() {
      @Override
      public boolean step(long step, double objective) {
        return step < at;
      }
    };
  }

  @Test
  void aStopRequestEndsTheFitWithTheParametersReached() {
    Compilation c = Ppl.ok(Ppl.compile(MODEL));
    FitOutcome o =
        FitRunner.run(c, FitPlanner.plan(c, FitOptions.none().withFit("written")), stopAt(40));
    assertEquals(FitOutcome.Status.STOPPED, o.status());
    assertEquals(40, o.steps());
    assertTrue(o.ok());
    assertFalse(o.converged());
    assertTrue(o.params().containsKey("q.loc"));
    assertEquals(4000, o.draws().size());

    FitOutcome auto =
        FitRunner.run(c, FitPlanner.plan(c, FitOptions.none().withFit("automatic")), stopAt(30));
    assertEquals(FitOutcome.Status.STOPPED, auto.status());
    assertEquals("auto_normal", auto.guide());
  }

  @Test
  void plansResolveDeclarationsAndOverrides() {
    Compilation c = Ppl.ok(Ppl.compile(MODEL));
    UserError several = assertThrows(UserError.class, () -> FitPlanner.plan(c, FitOptions.none()));
    assertTrue(several.getMessage().contains("written, automatic"), several.getMessage());
    FitPlan p =
        FitPlanner.plan(
            c,
            new FitOptions(
                "written",
                null,
                "auto_lowrank:1",
                "renyi:0.5,4",
                null,
                0.2,
                10L,
                null,
                9L,
                null,
                null,
                null,
                null));
    assertEquals("auto_lowrank(rank = 1)", p.guideLabel());
    assertEquals("renyi(K = 4, alpha = 0.5)", p.objectiveLabel());
    assertEquals(0.2, p.optimizer().settings().get("lr"));
    assertEquals(10, p.steps());
    assertEquals(9, p.seed());
    assertEquals(2, FitPlanner.plans(c, FitOptions.none(), true).size());
  }
}
