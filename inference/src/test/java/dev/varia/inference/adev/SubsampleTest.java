package dev.varia.inference.adev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.Builder;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.objective.Objectives;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data subsampling: with a minibatch of m of N points, the estimates of the objective and of its
 * gradient are unbiased for the full-data ones, with local latents (drawn by the guide and scored
 * by the model at the same indices) as well as observations; inconsistent sizes are loud errors.
 *
 * <p>Model: {@code mu ~ N(0, 1); z_n ~ N(mu, 1); y_n ~ N(z_n, 1)}; guide {@code mu ~ N(a, s), z_n ~
 * N(b_n, t_n)}, all REPARAM. The full ELBO and its gradient in a and b are in closed form.
 */
class SubsampleTest {
  private static final double[] Y = {0.8, -0.3, 1.9, 0.4, -1.1, 2.3};
  private static final int N = Y.length;
  private static final double A = 0.3;
  private static final double S = 0.6;
  private static final double[] B = {0.5, 0.1, 1.2, -0.2, -0.6, 1.4};
  private static final double[] T = {0.7, 0.9, 0.5, 1.1, 0.8, 0.6};

  /** The plate body, vectorised or (with a trivial branch the vectoriser refuses) sequential. */
  private static void body(Builder b, boolean sequential, Runnable inner) {
    if (sequential) {
      b.ifThen(1, x -> inner.run());
    } else {
      inner.run();
    }
  }

  /** A plate over the N points, subsampled to m (m = 0: an ordinary plate). */
  private static void plate(Builder b, int m, java.util.function.BiConsumer<Builder, Val> body) {
    if (m == 0) {
      b.plate("n", N, body);
    } else {
      b.subsampledPlate("n", N, "data", m, body);
    }
  }

  private static GenFn model(int m, boolean sequential) {
    return Model.define(
        "p",
        b -> {
          Val mu = b.sample("mu", Dist.normal(0, 1));
          plate(
              b,
              m,
              (p, n) ->
                  body(
                      p,
                      sequential,
                      () -> {
                        Val z = p.sampleAt("z", n, Dist.normal(mu, 1));
                        p.observe(p.data("y").at(n), Dist.normal(z, 1));
                      }));
        });
  }

  private static GenFn guide(int m, boolean sequential) {
    return Model.define(
        "q",
        b -> {
          Val a = b.param("a", Shape.SCALAR, Domain.real(), Tensor.scalar(A));
          Val s = b.param("s", Shape.SCALAR, Domain.positive(), Tensor.scalar(S));
          Val loc = b.param("b", Shape.vector(N), Domain.real(), Tensor.vector(B));
          Val scale = b.param("t", Shape.vector(N), Domain.positive(), Tensor.vector(T));
          b.sample("mu", Dist.normal(a, s), Strategy.REPARAM);
          plate(
              b,
              m,
              (p, n) ->
                  body(
                      p,
                      sequential,
                      () ->
                          p.sampleAt(
                              "z", n, Dist.normal(loc.at(n), scale.at(n)), Strategy.REPARAM)));
        });
  }

  private static Estimator estimator(int modelM, int guideM, boolean sequential) {
    ParamStore store = new ParamStore();
    GenerativeFunction p =
        GenerativeFunction.compile(
            Program.of(model(modelM, sequential)),
            "p",
            Map.of("y", Tensor.vector(Y)),
            Families.standard(),
            store);
    GenerativeFunction q =
        GenerativeFunction.compile(
            Program.of(guide(guideM, sequential)), "q", Map.of(), Families.standard(), store);
    return Estimator.of(Objectives.elbo(), Map.of("p", p, "q", q));
  }

  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  /** The full-data ELBO in closed form. */
  private static double exactElbo() {
    double e = -HALF_LOG_2PI - 0.5 * (A * A + S * S) + 0.5 * Math.log(2 * Math.PI * Math.E * S * S);
    for (int n = 0; n < N; n++) {
      double dz = (B[n] - A) * (B[n] - A) + T[n] * T[n] + S * S;
      double dy = (Y[n] - B[n]) * (Y[n] - B[n]) + T[n] * T[n];
      e += -2 * HALF_LOG_2PI - 0.5 * dz - 0.5 * dy;
      e += 0.5 * Math.log(2 * Math.PI * Math.E * T[n] * T[n]);
    }
    return e;
  }

  /** d ELBO / d a and d ELBO / d b_n. */
  private static double[] exactGradient() {
    double[] g = new double[1 + N];
    g[0] = -A;
    for (int n = 0; n < N; n++) {
      g[0] += B[n] - A;
      g[1 + n] = -(B[n] - A) + (Y[n] - B[n]);
    }
    return g;
  }

  /** Mean and standard error of the value and of the gradient in (a, b), over many estimates. */
  private static double[][] moments(Estimator est, int draws, long seed) {
    int k = 2 + N;
    double[] sum = new double[k];
    double[] sumSq = new double[k];
    Tape tape = new Tape();
    RandomStream root = RandomStream.seeded(seed);
    double[] ga = new double[1];
    double[] gb = new double[N];
    for (int i = 0; i < draws; i++) {
      tape.reset();
      Estimator.Estimate e = est.estimate(tape, root.fork(i));
      tape.backward(e.value());
      double[] row = new double[k];
      row[0] = e.value().item();
      for (ParamBinding.Bound bound : e.params().trainable()) {
        if (bound.key().equals("q.a")) {
          bound.gradientInto(ga);
          row[1] = ga[0];
        } else if (bound.key().equals("q.b")) {
          bound.gradientInto(gb);
          System.arraycopy(gb, 0, row, 2, N);
        }
      }
      for (int j = 0; j < k; j++) {
        sum[j] += row[j];
        sumSq[j] += row[j] * row[j];
      }
    }
    double[] mean = new double[k];
    double[] se = new double[k];
    for (int j = 0; j < k; j++) {
      mean[j] = sum[j] / draws;
      se[j] = Math.sqrt((sumSq[j] / draws - mean[j] * mean[j]) / (draws - 1));
    }
    return new double[][] {mean, se};
  }

  @ParameterizedTest(name = "sequential plates: {0}")
  @ValueSource(booleans = {false, true})
  void subsampledEstimatesAreUnbiasedForTheFullObjectiveAndGradient(boolean sequential) {
    double[][] full = moments(estimator(N, N, sequential), 4000, 11);
    double[][] sub = moments(estimator(2, 2, sequential), 20000, 12);
    double[] exact = new double[2 + N];
    exact[0] = exactElbo();
    System.arraycopy(exactGradient(), 0, exact, 1, 1 + N);
    for (int j = 0; j < exact.length; j++) {
      // 4.5 standard errors: 2 x 8 comparisons, a false alarm has probability about 1e-4
      assertEquals(exact[j], full[0][j], 4.5 * full[1][j] + 1e-12, "full data, component " + j);
      assertEquals(exact[j], sub[0][j], 4.5 * sub[1][j], "minibatch 2 of 6, component " + j);
    }
    // the subsample really is a subsample: its estimates vary more than the full-data ones
    assertTrue(sub[1][0] * Math.sqrt(20000) > 1.5 * full[1][0] * Math.sqrt(4000));
  }

  @ParameterizedTest(name = "sequential plates: {0}")
  @ValueSource(booleans = {false, true})
  void aMinibatchOfAllPointsIsThePlainPlate(boolean sequential) {
    double[][] plain = moments(estimator(0, 0, sequential), 50, 3);
    double[][] all = moments(estimator(N, N, sequential), 50, 3);
    assertArrayEquals(plain[0], all[0], 1e-12);
  }

  @Test
  void inconsistentMinibatchSizesAreLoudErrors() {
    Estimator est = estimator(3, 2, false);
    VariaException e =
        assertThrows(VariaException.class, () -> est.estimate(new Tape(), RandomStream.seeded(1)));
    assertTrue(e.getMessage().contains("plate data is subsampled as 3 of 6"), e.getMessage());
  }

  @Test
  void aMinibatchLargerThanThePlateIsAnError() {
    Estimator est = estimator(7, 7, false);
    VariaException e =
        assertThrows(VariaException.class, () -> est.estimate(new Tape(), RandomStream.seeded(1)));
    assertTrue(e.getMessage().contains("between 1 and the plate's size 6"), e.getMessage());
  }

  @Test
  void simulationVisitsEveryIteration() {
    GenerativeFunction p =
        GenerativeFunction.compile(
            Program.of(model(2, false)),
            "p",
            Map.of("y", Tensor.vector(Y)),
            Families.standard(),
            new ParamStore());
    assertEquals(N, p.simulate(RandomStream.seeded(4)).choice("z").size());
  }
}
