package dev.varia.inference.guide.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The divergence monitor stops a fit whose objective clearly drops, and only then. */
class DivergenceMonitorTest {
  @Test
  void aNoisyImprovingObjectiveRunsOn() {
    DivergenceMonitor m = new DivergenceMonitor(20, 50);
    RandomStream rng = RandomStream.seeded(1);
    for (int step = 1; step <= 2000; step++) {
      // heavy-tailed noise around a rising level
      double noise = rng.normal() / Math.max(0.05, rng.uniform());
      assertTrue(m.afterStep(step, -10 + step * 1e-3 + noise), "step " + step);
    }
    assertFalse(m.diverged());
  }

  @Test
  void aDroppingObjectiveStopsTheFit() {
    DivergenceMonitor m = new DivergenceMonitor(20, 50);
    RandomStream rng = RandomStream.seeded(2);
    int stopped = -1;
    for (int step = 1; step <= 2000 && stopped < 0; step++) {
      double level = step < 300 ? -10 : -10 - (step - 300) * 0.05;
      if (!m.afterStep(step, level + rng.normal())) {
        stopped = step;
      }
    }
    assertTrue(m.diverged());
    assertTrue(stopped > 300 && stopped < 500, "stopped at " + stopped);
  }
}
