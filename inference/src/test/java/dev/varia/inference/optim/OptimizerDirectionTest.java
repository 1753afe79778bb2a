package dev.varia.inference.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sense of a step comes from the gradient's type: objectives go up, losses go down, and there
 * is no way to hand an optimiser an unlabelled gradient.
 */
class OptimizerDirectionTest {
  /** Centre and curvatures of the test functions {@code +-sum c_i (x_i - a_i)^2}. */
  private static final double[] A = {1.5, -2.0, 0.25};

  private static final double[] C = {1.0, 0.5, 2.0};

  static Stream<Arguments> optimisers() {
    // every optimiser with settings under which deterministic gradients must converge; schedules
    // that decay make the sign-like adaptive methods settle instead of oscillating at +-lr
    return Stream.of(
        Arguments.of("sgd", (Supplier<Optimizer>) () -> Sgd.of(0.1)),
        Arguments.of(
            "momentum", (Supplier<Optimizer>) () -> Sgd.builder(0.05).momentum(0.9).build()),
        Arguments.of(
            "nesterov", (Supplier<Optimizer>) () -> Sgd.builder(0.05).nesterov(0.9).build()),
        Arguments.of(
            "adam",
            (Supplier<Optimizer>)
                () ->
                    Adam.builder(0.1)
                        .learningRate(LearningRate.exponentialDecay(0.1, 0.5, 200))
                        .build()),
        Arguments.of(
            "amsgrad",
            (Supplier<Optimizer>)
                () ->
                    Adam.builder(0.1)
                        .amsgrad(true)
                        .learningRate(LearningRate.exponentialDecay(0.1, 0.5, 200))
                        .build()),
        Arguments.of("adagrad", (Supplier<Optimizer>) () -> AdaGrad.of(1.0)),
        Arguments.of(
            "rmsprop",
            (Supplier<Optimizer>)
                () ->
                    RmsProp.builder(0.01)
                        .learningRate(LearningRate.exponentialDecay(0.01, 0.5, 200))
                        .build()),
        Arguments.of("advi", (Supplier<Optimizer>) () -> AdviStepSequence.of(1.0)));
  }

  private static double[] gradientOfBowl(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = 2 * C[i] * (x[i] - A[i]);
    }
    return g;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimisers")
  void maximisesAConcaveObjective(String name, Supplier<Optimizer> make) {
    // objective -sum c (x - a)^2: its gradient is minus the bowl's
    double[] x = {0, 0, 0};
    ParameterArrays params = ParameterArrays.of(Map.of("x", x));
    Optimizer opt = make.get();
    for (int t = 0; t < 3000; t++) {
      double[] g = gradientOfBowl(x);
      for (int i = 0; i < g.length; i++) {
        g[i] = -g[i];
      }
      opt.step(params, Gradient.ofObjective(Map.of("x", g)));
    }
    assertConverged(name, x);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimisers")
  void minimisesAConvexLoss(String name, Supplier<Optimizer> make) {
    double[] x = {0, 0, 0};
    ParameterArrays params = ParameterArrays.of(Map.of("x", x));
    Optimizer opt = make.get();
    for (int t = 0; t < 3000; t++) {
      opt.step(params, Gradient.ofLoss(Map.of("x", gradientOfBowl(x))));
    }
    assertConverged(name, x);
  }

  private static void assertConverged(String name, double[] x) {
    // the initial distance is ~2.5; demand a million-fold reduction
    for (int i = 0; i < x.length; i++) {
      assertEquals(A[i], x[i], 2.5e-6, name + " coordinate " + i + ": " + Arrays.toString(x));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimisers")
  void theSameArraysMoveOppositeWaysAsObjectiveAndAsLoss(String name, Supplier<Optimizer> make) {
    double[] g = {0.3, -1.2, 2.0};
    double[] up = {0, 0, 0};
    double[] down = {0, 0, 0};
    make.get().step(ParameterArrays.of(Map.of("x", up)), Gradient.ofObjective(Map.of("x", g)));
    make.get().step(ParameterArrays.of(Map.of("x", down)), Gradient.ofLoss(Map.of("x", g)));
    for (int i = 0; i < g.length; i++) {
      assertTrue(Math.signum(up[i]) == Math.signum(g[i]), name + ": objective moves along g");
      assertEquals(-up[i], down[i], 0.0, name + ": a loss moves exactly the other way");
    }
  }

  @Test
  void gradientsCanOnlyBeMadeWithASense() {
    assertEquals(0, Gradient.class.getConstructors().length, "no public constructor");
    long factories =
        Arrays.stream(Gradient.class.getMethods())
            .filter(m -> Modifier.isStatic(m.getModifiers()))
            .filter(m -> m.getReturnType() == Gradient.class)
            .map(Method::getName)
            .sorted()
            .peek(n -> assertTrue(n.equals("ofLoss") || n.equals("ofObjective"), n))
            .count();
    assertEquals(2, factories);
  }

  @Test
  void noPublicOptimiserMethodTakesAnUnlabelledGradient() {
    // every public method that accepts arrays of numbers must be given them inside a Gradient
    for (Class<?> c : new Class<?>[] {Optimizer.class, Sgd.class, Adam.class}) {
      for (Method m : c.getMethods()) {
        for (Class<?> p : m.getParameterTypes()) {
          assertTrue(
              p != double[].class && p != Map.class && p != double[][].class,
              c.getSimpleName() + "." + m.getName() + " takes a bare " + p.getSimpleName());
        }
      }
    }
  }
}
