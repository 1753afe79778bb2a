package dev.varia.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.random.RandomStream;
import org.junit.jupiter.api.Test;

/** Stan's ADVI convergence rule on synthetic objective traces. */
class ObjectiveConvergenceTest {
  @Test
  void evaluationsByHandAsStanComputesThem() {
    // changes |prev - f| / |prev|: 0.5, 0.1, 0.1 / 45 = 0.002222, 0.01 / 44.9 = 0.000223
    ObjectiveConvergence rule = ObjectiveConvergence.builder().bufferSize(2).build();
    assertFalse(rule.observeEvaluation(-100).converged());
    ObjectiveConvergence.Decision d = rule.observeEvaluation(-50);
    assertEquals(0.5, d.relativeChange(), 1e-15);
    d = rule.observeEvaluation(-45);
    assertEquals(0.1, d.relativeChange(), 1e-15);
    assertEquals(0.3, d.meanRelativeChange(), 1e-15);
    d = rule.observeEvaluation(-44.9);
    // buffer (0.1, 0.00222): mean 0.0511; Stan's median of two is the upper one, 0.1
    assertEquals(0.1 / 45, d.relativeChange(), 1e-15);
    assertEquals((0.1 + 0.1 / 45) / 2, d.meanRelativeChange(), 1e-15);
    assertEquals(0.1, d.medianRelativeChange(), 1e-15);
    assertFalse(d.converged());
    d = rule.observeEvaluation(-44.89);
    assertEquals(ObjectiveConvergence.Status.CONVERGED_MEAN, d.status());
    assertEquals((0.1 / 45 + 0.01 / 44.9) / 2, d.meanRelativeChange(), 1e-15);
  }

  @Test
  void medianConvergesWhereOneWildChangeKeepsTheMeanUp() {
    ObjectiveConvergence rule = ObjectiveConvergence.builder().bufferSize(3).build();
    rule.observeEvaluation(-100);
    rule.observeEvaluation(-100.1); // 0.001
    rule.observeEvaluation(-300); // 1.997
    ObjectiveConvergence.Decision d = rule.observeEvaluation(-300.3); // 0.001
    assertTrue(d.meanRelativeChange() > 0.01);
    assertEquals(ObjectiveConvergence.Status.CONVERGED_MEDIAN, d.status());
  }

  /** A converging trace: -1000 - 9000 exp(-t / 300), optionally with N(0, sd) noise. */
  private static double converging(int t, RandomStream rng, double sd) {
    return -1000 - 9000 * Math.exp(-t / 300.0) + sd * rng.normal();
  }

  @Test
  void aConvergingTraceConvergesOnceTheTrendIsFlatter() {
    ObjectiveConvergence rule = ObjectiveConvergence.builder().build();
    RandomStream rng = RandomStream.seeded(3);
    int stoppedAt = -1;
    for (int t = 1; t <= 10000 && stoppedAt < 0; t++) {
      if (rule.observe(converging(t, rng, 5)).converged()) {
        stoppedAt = t;
      }
    }
    assertTrue(stoppedAt > 0, "converged");
    assertEquals(0, stoppedAt % 100, "decisions are made at the end of a window");
    // the trend's own relative change over the last window is below the tolerance: the noise
    // (sd 5 per step, 0.5 for a window mean of 100, relative ~7e-4) cannot fake it
    double trendChange =
        Math.abs(
            (windowMean(stoppedAt - 100) - windowMean(stoppedAt)) / windowMean(stoppedAt - 100));
    assertTrue(trendChange < 0.01, "trend change " + trendChange + " at " + stoppedAt);
    // and it was not flat yet one evaluation earlier for the whole buffer: the mean of the last
    // 10 changes of the trend, at the previous evaluation, was above the tolerance
    double meanBefore = 0;
    for (int w = 1; w <= 10; w++) {
      int end = stoppedAt - 100 * w;
      meanBefore += Math.abs((windowMean(end - 100) - windowMean(end)) / windowMean(end - 100));
    }
    meanBefore /= 10;
    assertTrue(meanBefore > 0.005, "it did not wait needlessly long: " + meanBefore);
    System.out.printf("convergence rule: converging trace stopped at step %d%n", stoppedAt);
  }

  private static double windowMean(int end) {
    double s = 0;
    for (int t = end - 99; t <= end; t++) {
      s += -1000 - 9000 * Math.exp(-t / 300.0);
    }
    return s / 100;
  }

  @Test
  void aNoisyFlatTraceConvergesAtTheFirstComparison() {
    // mean -50, sd 1: window means differ by N(0, 0.141^2), relative ~0.0028 << 0.01
    // (a change above 0.01 would need a 3.5 sd deviation)
    ObjectiveConvergence rule = ObjectiveConvergence.builder().build();
    RandomStream rng = RandomStream.seeded(4);
    int stoppedAt = -1;
    for (int t = 1; t <= 1000 && stoppedAt < 0; t++) {
      if (rule.observe(-50 + rng.normal()).converged()) {
        stoppedAt = t;
      }
    }
    assertEquals(200, stoppedAt);
  }

  @Test
  void aStillRisingTraceDoesNotConverge() {
    // rising by 2 per step from -10000: 200 per window, relative change 0.02 .. 0.1
    ObjectiveConvergence rule = ObjectiveConvergence.builder().build();
    RandomStream rng = RandomStream.seeded(5);
    for (int t = 1; t <= 4000; t++) {
      ObjectiveConvergence.Decision d = rule.observe(-10000 + 2 * t + 5 * rng.normal());
      assertFalse(d.converged(), "converged at " + t);
    }
  }

  @Test
  void flagsADivergingTraceAfterTenEvaluations() {
    ObjectiveConvergence rule = ObjectiveConvergence.builder().evalEvery(1).build();
    ObjectiveConvergence.Decision d = null;
    for (int t = 1; t <= 12; t++) {
      d = rule.observe(-Math.pow(2, t)); // doubles: relative change 1 each time
      assertEquals(t > 10, d.mayBeDiverging(), "at " + t);
    }
    assertFalse(d.converged());
  }

  @Test
  void replayingAHistoryRebuildsTheSameState() {
    RandomStream rng = RandomStream.seeded(6);
    double[] history = new double[3000];
    for (int t = 0; t < history.length; t++) {
      history[t] = converging(t + 1, rng, 20);
    }
    ObjectiveConvergence a = ObjectiveConvergence.builder().tolerance(0.001).build();
    for (int t = 0; t < 1700; t++) {
      a.observe(history[t]);
    }
    ObjectiveConvergence b = ObjectiveConvergence.builder().tolerance(0.001).build();
    for (int t = 0; t < 1234; t++) {
      b.observe(history[t]); // a checkpoint at 1234 ...
    }
    ObjectiveConvergence resumed = ObjectiveConvergence.builder().tolerance(0.001).build();
    for (int t = 0; t < 1234; t++) {
      resumed.observe(history[t]); // ... replayed into a fresh rule
    }
    for (int t = 1234; t < 1700; t++) {
      assertEquals(b.observe(history[t]), resumed.observe(history[t]));
    }
    assertEquals(a.lastDecision(), resumed.lastDecision());
  }

  @Test
  void medianWindowIgnoresAWildEstimate() {
    ObjectiveConvergence mean = ObjectiveConvergence.builder().evalEvery(5).build();
    ObjectiveConvergence median =
        ObjectiveConvergence.builder()
            .evalEvery(5)
            .windowStatistic(ObjectiveConvergence.WindowStatistic.MEDIAN)
            .build();
    double[] trace = {-10, -10, -10, -10, -10, -10, -10, -1e6, -10, -10};
    ObjectiveConvergence.Decision dm = null;
    ObjectiveConvergence.Decision dd = null;
    for (double v : trace) {
      dm = mean.observe(v);
      dd = median.observe(v);
    }
    assertFalse(dm.converged());
    assertTrue(dd.converged());
    assertEquals(0.0, dd.relativeChange(), 0.0);
  }

  @Test
  void refusesNonFiniteEstimates() {
    ObjectiveConvergence rule = ObjectiveConvergence.builder().build();
    assertThrows(IllegalArgumentException.class, () -> rule.observe(Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> rule.observeEvaluation(Double.NEGATIVE_INFINITY));
    assertThrows(
        IllegalArgumentException.class, () -> ObjectiveConvergence.builder().tolerance(0).build());
    assertEquals(
        20, ObjectiveConvergence.builder().bufferSizeForIterations(20000).build().bufferSize());
  }
}
