package dev.varia.inference.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Schedule values at hand-computed steps (t = 1 is the first step). */
class LearningRateTest {
  private static final double TOL = 1e-15;

  @Test
  void constant() {
    assertEquals(0.3, LearningRate.constant(0.3).at(1000), 0);
  }

  @Test
  void exponentialDecay() {
    LearningRate r = LearningRate.exponentialDecay(0.1, 0.5, 10);
    assertEquals(0.1, r.at(1), TOL);
    assertEquals(0.1 * Math.pow(0.5, 0.5), r.at(6), TOL);
    assertEquals(0.05, r.at(11), TOL);
    assertEquals(0.025, r.at(21), TOL);
  }

  @Test
  void stepDecay() {
    LearningRate r = LearningRate.stepDecay(1, 0.1, 5);
    assertEquals(1, r.at(5), TOL);
    assertEquals(0.1, r.at(6), TOL);
    assertEquals(0.1, r.at(10), TOL);
    assertEquals(0.01, r.at(11), TOL);
  }

  @Test
  void inverseTimeIsRobbinsMonro() {
    LearningRate r = LearningRate.inverseTime(1, 10, 1);
    assertEquals(1, r.at(1), TOL);
    assertEquals(0.5, r.at(11), TOL);
    assertEquals(0.25, r.at(31), TOL);
    assertEquals(0.5, LearningRate.inverseTime(1, 10, 0.5).at(31), TOL);
  }

  @Test
  void cosine() {
    LearningRate r = LearningRate.cosine(1, 0.1, 100);
    assertEquals(1, r.at(1), TOL);
    assertEquals(0.55, r.at(51), TOL);
    assertEquals(0.1, r.at(101), TOL);
    assertEquals(0.1, r.at(5000), TOL);
    assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), r.at(26), TOL);
  }

  @Test
  void warmUpRampsThenStartsTheNextScheduleAfresh() {
    LearningRate r = LearningRate.warmUp(4, LearningRate.constant(0.2));
    assertEquals(0.05, r.at(1), TOL);
    assertEquals(0.2, r.at(4), TOL);
    assertEquals(0.2, r.at(5), TOL);
    LearningRate d = LearningRate.warmUp(2, LearningRate.exponentialDecay(1, 0.5, 1));
    assertEquals(0.5, d.at(1), TOL);
    assertEquals(1, d.at(2), TOL);
    assertEquals(1, d.at(3), TOL);
    assertEquals(0.5, d.at(4), TOL);
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> LearningRate.constant(0));
    assertThrows(IllegalArgumentException.class, () -> LearningRate.constant(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> LearningRate.exponentialDecay(1, 1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> LearningRate.cosine(1, 2, 10));
    assertThrows(IllegalArgumentException.class, () -> LearningRate.stepDecay(1, 0.5, 0));
  }
}
