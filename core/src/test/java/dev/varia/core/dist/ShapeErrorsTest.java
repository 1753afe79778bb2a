package dev.varia.core.dist;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.random.RandomStream;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Misfitting shapes raise a {@link ShapeException} whose message names the distribution. */
class ShapeErrorsTest {
  static Tensor v(double... x) {
    return Tensor.vector(x);
  }

  static Tensor eye(int k) {
    double[] d = new double[k * k];
    for (int i = 0; i < k; i++) {
      d[i * k + i] = 1;
    }
    return Tensor.wrap(d, Shape.matrix(k, k));
  }

  static Arguments misfit(String dist, String label, Function<Tape, Object> action) {
    return Arguments.of(dist, label, action);
  }

  static Stream<Arguments> misfits() {
    RandomStream rng = RandomStream.seeded(1);
    return Stream.of(
        misfit(
            "normal",
            "parameters of lengths 3 and 2",
            t -> Normal.of(t.constant(v(0, 1, 2)), t.constant(v(1, 2)))),
        misfit(
            "normal",
            "a value of length 2 for a batch of 3",
            t -> Normal.of(t.constant(v(0, 1, 2)), t.constant(1)).logDensity(t.constant(v(1, 2)))),
        misfit(
            "gamma",
            "a draw of batch 2 from a batch of 3",
            t -> Gamma.of(t.constant(v(1, 2, 3)), t.constant(1)).sample(rng, Shape.vector(2))),
        misfit(
            "multi_normal_cholesky",
            "mu of 3 components with a 2 x 2 factor",
            t -> MvNormalCholesky.of(t.constant(v(0, 0, 0)), t.constant(eye(2)))),
        misfit(
            "multi_normal",
            "a non-square covariance",
            t ->
                MvNormal.of(
                    t.constant(v(0, 0)),
                    t.constant(Tensor.wrap(new double[6], Shape.matrix(2, 3))))),
        misfit(
            "multi_normal_cholesky",
            "a value of 2 components for events of 3",
            t ->
                MvNormalCholesky.of(t.constant(v(0, 0, 0)), t.constant(eye(3)))
                    .logDensity(t.constant(v(1, 2)))),
        misfit(
            "multi_normal_lowrank",
            "W with the wrong number of rows",
            t ->
                MvNormalLowRank.of(
                    t.constant(v(0, 0, 0)), t.constant(eye(2)), t.constant(v(1, 1, 1)))),
        misfit("dirichlet", "a scalar concentration", t -> Dirichlet.of(t.constant(2))),
        misfit(
            "dirichlet",
            "a value of 2 components for 3 concentrations",
            t -> Dirichlet.of(t, 1, 2, 3).logDensity(t.constant(v(0.5, 0.5)))),
        misfit("categorical_logit", "scalar logits", t -> CategoricalLogit.of(t.constant(1))),
        misfit(
            "lkj_corr_cholesky", "a vector eta", t -> LkjCorrCholesky.of(3, t.constant(v(1, 2)))),
        misfit(
            "lkj_corr_cholesky",
            "a 2 x 2 value for K = 3",
            t -> LkjCorrCholesky.of(t, 3, 1).logDensity(t.constant(eye(2)))),
        misfit(
            "multi_normal_diag",
            "a batch of vector events drawn with a matrix batch",
            t ->
                MvNormalDiag.of(t.constant(v(0, 0)), t.constant(v(1, 1)))
                    .sample(rng, Shape.matrix(2, 2))));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("misfits")
  void misfittingShapesNameTheDistribution(
      String dist, String label, Function<Tape, Object> action) {
    ShapeException e = assertThrows(ShapeException.class, () -> action.apply(new Tape()));
    assertTrue(e.getMessage().startsWith(dist + ":"), e.getMessage());
  }
}
