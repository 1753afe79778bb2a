package dev.varia.inference.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** State export and import, and refusal of bad steps. */
class OptimizerStateTest {
  private static Map<String, double[]> gradientAt(double[] a, double[] b) {
    Map<String, double[]> g = new LinkedHashMap<>();
    g.put("a", new double[] {Math.sin(a[0]) - 0.3, a[1] * a[1] - 1});
    g.put("b", new double[] {Math.cos(b[0] + a[0])});
    return g;
  }

  private static Map<String, double[]> params(double[] a, double[] b) {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    return m;
  }

  @Test
  void restoredStateContinuesBitIdentically() {
    double[] a1 = {0.1, 0.2};
    double[] b1 = {0.3};
    Adam one = Adam.builder(0.05).learningRate(LearningRate.cosine(0.05, 0.001, 40)).build();
    ParameterArrays p1 = ParameterArrays.of(params(a1, b1));
    double[] a2 = {0.1, 0.2};
    double[] b2 = {0.3};
    Adam first = Adam.builder(0.05).learningRate(LearningRate.cosine(0.05, 0.001, 40)).build();
    ParameterArrays p2 = ParameterArrays.of(params(a2, b2));
    for (int t = 0; t < 50; t++) {
      one.step(p1, Gradient.ofObjective(gradientAt(a1, b1)));
      if (t < 20) {
        first.step(p2, Gradient.ofObjective(gradientAt(a2, b2)));
      }
      if (t == 19) {
        OptimizerState s = first.state();
        first = Adam.builder(0.05).learningRate(LearningRate.cosine(0.05, 0.001, 40)).build();
        first.restore(s);
        assertEquals(20, first.steps());
      }
      if (t >= 20) {
        first.step(p2, Gradient.ofObjective(gradientAt(a2, b2)));
      }
    }
    assertArrayEquals(a1, a2, 0.0);
    assertArrayEquals(b1, b2, 0.0);
    assertEquals(one.steps(), first.steps());
  }

  @Test
  void stateIsACopy() {
    double[] x = {0};
    Adam adam = Adam.of(0.1);
    adam.step(ParameterArrays.of(Map.of("x", x)), Gradient.ofLoss(Map.of("x", new double[] {1})));
    OptimizerState s = adam.state();
    s.parameters().get("x").slots().get("m")[0] = 99;
    assertEquals(-0.1, adam.state().parameters().get("x").slots().get("m")[0], 1e-15);
    assertEquals(1, s.parameters().get("x").count());
  }

  @Test
  void refusesStateOfAnotherOptimiser() {
    Adam adam = Adam.of(0.1);
    adam.step(
        ParameterArrays.of(Map.of("x", new double[] {0})),
        Gradient.ofLoss(Map.of("x", new double[] {1})));
    Sgd sgd = Sgd.builder(0.1).momentum(0.5).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sgd.restore(adam.state()));
    assertTrue(e.getMessage().contains("adam") && e.getMessage().contains("sgd-momentum"));
    Adam ams = Adam.builder(0.1).amsgrad(true).build();
    assertThrows(IllegalArgumentException.class, () -> ams.restore(adam.state()));
  }

  @Test
  void refusesStateWhoseLengthDoesNotMatchTheParameter() {
    Adam adam = Adam.of(0.1);
    adam.step(
        ParameterArrays.of(Map.of("x", new double[] {0, 0})),
        Gradient.ofLoss(Map.of("x", new double[] {1, 1})));
    Adam other = Adam.of(0.1);
    other.restore(adam.state());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                other.step(
                    ParameterArrays.of(Map.of("x", new double[] {0, 0, 0})),
                    Gradient.ofLoss(Map.of("x", new double[] {1, 1, 1}))));
    assertTrue(e.getMessage().contains("length 2 but the parameter has length 3"), e.getMessage());
  }

  @Test
  void aNonFiniteGradientChangesNothing() {
    double[] a = {1, 2};
    double[] b = {3};
    Adam adam = Adam.of(0.1);
    ParameterArrays p = ParameterArrays.of(params(a, b));
    adam.step(p, Gradient.ofObjective(gradientAt(a, b)));
    OptimizerState before = adam.state();
    double[] aBefore = a.clone();
    double[] bBefore = b.clone();
    Map<String, double[]> bad = gradientAt(a, b);
    bad.get("b")[0] = Double.NaN; // "a" comes first and is fine: it must not move either
    NonFiniteGradientException e =
        assertThrows(
            NonFiniteGradientException.class, () -> adam.step(p, Gradient.ofObjective(bad)));
    assertEquals("b", e.parameter());
    assertEquals(0, e.index());
    assertArrayEquals(aBefore, a, 0.0);
    assertArrayEquals(bBefore, b, 0.0);
    assertEquals(before.steps(), adam.steps());
    assertArrayEquals(
        before.parameters().get("a").slots().get("v"),
        adam.state().parameters().get("a").slots().get("v"),
        0.0);
  }

  @Test
  void refusesUnknownKeysAndWrongLengths() {
    ParameterArrays p = ParameterArrays.of(Map.of("x", new double[] {0}));
    Sgd sgd = Sgd.of(0.1);
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> sgd.step(p, Gradient.ofLoss(Map.of("y", new double[] {1}))));
    assertTrue(unknown.getMessage().contains("y"));
    IllegalArgumentException length =
        assertThrows(
            IllegalArgumentException.class,
            () -> sgd.step(p, Gradient.ofLoss(Map.of("x", new double[] {1, 2}))));
    assertTrue(length.getMessage().contains("length 2"));
  }
}
