package dev.varia.core.ad;

import dev.varia.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void someOps() {
    Tensor a = Tensor.matrix(new double[][] {{1.0, 0.5, 0.3}, {0.2, 1.5, 0.7}});
    Tensor b = Tensor.vector(0.3, -0.4, 0.8);
    Tensor spd = Tensor.matrix(new double[][] {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}});
    GradCheck.check(x -> x[0].matmul(x[1]).exp().sum(), 1e-6, 1e-6, a, b);
    GradCheck.check(x -> x[0].add(x[1]).softplus().logSumExp(1), 1e-6, 1e-6, a, b);
    GradCheck.check(x -> x[0].cholesky(), 1e-6, 1e-6, spd);
    GradCheck.check(x -> x[0].logDetSpd(), 1e-6, 1e-6, spd);
    GradCheck.check(x -> x[0].cholesky().solveTriangular(x[1], true, false), 1e-6, 1e-6, spd, b);
    GradCheck.check(x -> x[0].cholesky().solveTriangular(x[1], true, true), 1e-6, 1e-6, spd, b);
    GradCheck.check(
        x -> x[0].mul(x[1]).square().add(0.1).pow(x[1].exp()).sum(0),
        1e-6,
        1e-6,
        a.reshape(Shape.matrix(2, 3)),
        b);
  }
}
