package dev.varia.inference.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Update rules against values worked out by hand from the papers' formulas. */
class OptimizerUpdateTest {
  private static final double TOL = 1e-15;

  private static double[] run(Optimizer opt, double... objectiveGradients) {
    double[] x = {0};
    ParameterArrays p = ParameterArrays.of(Map.of("x", x));
    double[] trace = new double[objectiveGradients.length];
    for (int t = 0; t < objectiveGradients.length; t++) {
      opt.step(p, Gradient.ofObjective(Map.of("x", new double[] {objectiveGradients[t]})));
      trace[t] = x[0];
    }
    return trace;
  }

  @Test
  void plainSgd() {
    double[] x = run(Sgd.of(0.1), 1, -3);
    assertEquals(0.1, x[0], TOL);
    assertEquals(0.1 - 0.3, x[1], TOL);
  }

  @Test
  void heavyBallMomentum() {
    // v1 = 1, x1 = 0.1; v2 = 0.9 + 1 = 1.9, x2 = 0.1 + 0.19
    double[] x = run(Sgd.builder(0.1).momentum(0.9).build(), 1, 1);
    assertEquals(0.1, x[0], TOL);
    assertEquals(0.29, x[1], TOL);
  }

  @Test
  void nesterovMomentum() {
    // v1 = 1, x1 = 0.1 (1 + 0.9 * 1) = 0.19; v2 = 1.9, x2 = 0.19 + 0.1 (1 + 0.9 * 1.9) = 0.461
    double[] x = run(Sgd.builder(0.1).nesterov(0.9).build(), 1, 1);
    assertEquals(0.19, x[0], TOL);
    assertEquals(0.461, x[1], TOL);
  }

  @Test
  void adamFirstStepIsTheLearningRateTimesTheSignThanksToBiasCorrection() {
    double[] x = run(Adam.of(0.1), 2, -1);
    assertEquals(0.1 * 2 / (2 + 1e-8), x[0], TOL);
    // step 2: m = 0.9 * 0.2 - 0.1 = 0.08, v = 0.999 * 0.004 + 0.001 = 0.004996
    double mhat = 0.08 / (1 - 0.9 * 0.9);
    double vhat = 0.004996 / (1 - 0.999 * 0.999);
    assertEquals(x[0] + 0.1 * mhat / (Math.sqrt(vhat) + 1e-8), x[1], TOL);
  }

  @Test
  void amsgradUsesTheRunningMaximumOfTheSecondMoment() {
    // gradients 10 then 0.1: v2 < v1, so AMSGrad divides by the larger v1 (bias-corrected at 2)
    double[] x = run(Adam.builder(0.1).amsgrad(true).build(), 10, 0.1);
    double m2 = 0.9 * 1.0 + 0.1 * 0.1;
    double v1 = 0.001 * 100;
    double v2 = 0.999 * v1 + 0.001 * 0.01;
    assertTrue(v2 < v1);
    double expected = x[0] + 0.1 * (m2 / (1 - 0.81)) / (Math.sqrt(v1 / (1 - 0.999 * 0.999)) + 1e-8);
    assertEquals(expected, x[1], TOL);
    double[] plain = run(Adam.of(0.1), 10, 0.1);
    assertTrue(Math.abs(plain[1] - x[1]) > 1e-6, "plain Adam differs at step 2");
  }

  @Test
  void adaGrad() {
    // G = 9, x = 0.5 * 3 / 3; G = 25, x += 0.5 * 4 / 5
    double[] x = run(AdaGrad.builder(0.5).epsilon(1e-300).build(), 3, 4);
    assertEquals(0.5, x[0], TOL);
    assertEquals(0.9, x[1], TOL);
  }

  @Test
  void rmsProp() {
    double[] x = run(RmsProp.builder(0.01).rho(0.9).epsilon(1e-300).build(), 2, 1);
    assertEquals(0.01 * 2 / Math.sqrt(0.4), x[0], TOL);
    assertEquals(x[0] + 0.01 * 1 / Math.sqrt(0.9 * 0.4 + 0.1 * 1), x[1], TOL);
  }

  @Test
  void stanAdviSequence() {
    // s1 = g1^2 = 4, x1 = 1^(-1/2) * 2 / (1 + 2); s2 = 0.1 * 1 + 0.9 * 4 = 3.7
    double[] x = run(AdviStepSequence.of(1.0), 2, 1);
    assertEquals(2.0 / 3, x[0], TOL);
    assertEquals(2.0 / 3 + Math.pow(2, -0.5 + 1e-16) / (1 + Math.sqrt(3.7)), x[1], TOL);
  }

  @Test
  void adamKeepsAStepCountPerParameter() {
    // b is updated for the first time at global step 2: its first step is still lr * sign
    double[] a = {0};
    double[] b = {0};
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    ParameterArrays p = ParameterArrays.of(m);
    Adam adam = Adam.of(0.1);
    adam.step(p, Gradient.ofObjective(Map.of("a", new double[] {1})));
    adam.step(p, Gradient.ofObjective(Map.of("b", new double[] {-5})));
    assertEquals(-0.1 * 5 / (5 + 1e-8), b[0], TOL);
    assertEquals(0.1 / (1 + 1e-8), a[0], TOL, "a did not move at step 2");
    assertEquals(2, adam.steps());
  }

  @Test
  void globalNormClippingRescalesAllArraysTogether() {
    double[] a = {0, 0};
    double[] b = {0};
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    Sgd sgd = Sgd.builder(1.0).clipGlobalNorm(1.0).build();
    Map<String, double[]> g = new LinkedHashMap<>();
    g.put("a", new double[] {3, 0});
    g.put("b", new double[] {4}); // global norm 5
    StepReport r = sgd.step(ParameterArrays.of(m), Gradient.ofObjective(g));
    assertEquals(5.0, r.gradientNorm(), TOL);
    assertTrue(r.clipped());
    assertEquals(0.6, a[0], TOL);
    assertEquals(0.8, b[0], TOL);
    // below the threshold nothing is rescaled
    StepReport r2 =
        sgd.step(ParameterArrays.of(m), Gradient.ofLoss(Map.of("a", new double[] {0.3, 0.4})));
    assertEquals(0.5, r2.gradientNorm(), TOL);
    assertTrue(!r2.clipped());
    assertEquals(0.3, a[0], TOL);
    assertEquals(-0.4, a[1], TOL);
  }

  @Test
  void globalNormDoesNotOverflow() {
    Gradient g = Gradient.ofLoss(Map.of("a", new double[] {3e300, 4e300}));
    assertEquals(5e300, g.globalNorm(), 1e285);
  }

  @Test
  void reportsTheScheduledRate() {
    Sgd sgd = Sgd.builder(1).learningRate(LearningRate.stepDecay(1, 0.5, 1)).build();
    double[] x = {0};
    ParameterArrays p = ParameterArrays.of(Map.of("x", x));
    assertEquals(1.0, sgd.nextLearningRate(), 0);
    assertEquals(1.0, sgd.step(p, Gradient.ofLoss(Map.of("x", new double[] {1}))).learningRate());
    assertEquals(0.5, sgd.step(p, Gradient.ofLoss(Map.of("x", new double[] {1}))).learningRate());
    assertEquals(-1.5, x[0], TOL);
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> Sgd.builder(0.1).momentum(1).build());
    assertThrows(IllegalArgumentException.class, () -> Sgd.of(-1));
    assertThrows(IllegalArgumentException.class, () -> Adam.builder(0.1).beta2(1).build());
    assertThrows(IllegalArgumentException.class, () -> Adam.builder(0.1).clipGlobalNorm(0).build());
    assertThrows(
        IllegalArgumentException.class, () -> AdviStepSequence.builder(1).alpha(0).build());
  }
}
