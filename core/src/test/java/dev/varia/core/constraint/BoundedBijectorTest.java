package dev.varia.core.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.varia.core.ad.Grad;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Bounds that are tape values (computed from other latents) receive gradients through forward,
 * inverse and log |det J|, and broadcast to the value's shape.
 */
class BoundedBijectorTest {
  private static final double EXACT = 1e-14;

  /** GARCH's beta1 on (0, 1 - alpha1): x = (1 - a) sigmoid(u). */
  private static Bijector upperOneMinus(Node alpha) {
    Tape t = alpha.tape();
    return Bijectors.of(new Constraint.Interval(t.constant(0.0), alpha.rsub(1)));
  }

  @Test
  void intervalUpperBoundFromAnotherLatentGetsItsGradient() {
    double u = 0.7;
    double a = 0.3;
    Tensor[] g =
        Grad.grad(in -> upperOneMinus(in[1]).forward(in[0]), Tensor.scalar(u), Tensor.scalar(a));
    double s = SpecialFunctions.sigmoid(u);
    assertEquals((1 - a) * s * (1 - s), g[0].item(), EXACT, "dx/du");
    assertEquals(-s, g[1].item(), EXACT, "dx/dalpha = -sigmoid(u)");

    Tensor[] gl =
        Grad.grad(
            in -> upperOneMinus(in[1]).logAbsDetJacobian(in[0]),
            Tensor.scalar(u),
            Tensor.scalar(a));
    assertEquals(1 - 2 * s, gl[0].item(), EXACT, "d log|J| / du");
    assertEquals(-1 / (1 - a), gl[1].item(), EXACT, "d log|J| / dalpha = d log(1 - alpha)");

    // the inverse u = log(x) - log(1 - a - x): du/da = 1 / (1 - a - x)
    double x = 0.2;
    Tensor[] gi =
        Grad.grad(in -> upperOneMinus(in[1]).inverse(in[0]), Tensor.scalar(x), Tensor.scalar(a));
    assertEquals(1 / (1 - a - x), gi[1].item(), EXACT, "du/dalpha");
  }

  @Test
  void boundGradientsMatchFiniteDifferences() {
    Tensor u = Tensor.vector(-1.3, 0.2, 2.5);
    Tensor x = Tensor.vector(0.05, 0.3, 0.6);
    Tensor alpha = Tensor.scalar(0.25);
    Tensor lower = Tensor.vector(-0.5, 0.1, 0.4);
    // scalar tape bound broadcast over a vector: its gradient sums over the elements
    GradCheck.check(in -> upperOneMinus(in[1]).forward(in[0]), 1e-6, 1e-8, u, alpha);
    GradCheck.check(in -> upperOneMinus(in[1]).logAbsDetJacobian(in[0]), 1e-6, 1e-8, u, alpha);
    GradCheck.check(in -> upperOneMinus(in[1]).inverse(in[0]), 1e-6, 1e-8, x, alpha);
    // both bounds tape vectors
    GradCheck.check(
        in -> Bijectors.interval(in[1], in[2].add(1)).forward(in[0]), 1e-6, 1e-8, u, lower, lower);
    GradCheck.check(
        in -> Bijectors.interval(in[1], in[2].add(1)).logAbsDetJacobian(in[0]),
        1e-6,
        1e-8,
        u,
        lower,
        lower);
    GradCheck.check(
        in -> Bijectors.interval(in[1], in[2].add(1)).inverse(in[0]), 1e-6, 1e-8, x, lower, lower);
    // one-sided bounds
    GradCheck.check(in -> Bijectors.lowerBound(in[1]).forward(in[0]), 1e-6, 1e-8, u, lower);
    GradCheck.check(
        in -> Bijectors.lowerBound(in[1]).inverse(in[0]),
        1e-6,
        1e-8,
        Tensor.vector(0, 2, 3),
        lower);
    GradCheck.check(in -> Bijectors.upperBound(in[1]).forward(in[0]), 1e-6, 1e-8, u, lower);
    GradCheck.check(
        in -> Bijectors.upperBound(in[1]).inverse(in[0]),
        1e-6,
        1e-8,
        Tensor.vector(-1, -2, 0),
        lower);
  }

  @Test
  void lowerAndUpperBoundsShiftTheValue() {
    Tensor[] g =
        Grad.grad(
            in -> Bijectors.lowerBound(in[1].mul(2)).forward(in[0]).sum(),
            Tensor.vector(0.1, -0.4),
            Tensor.scalar(1.0));
    assertEquals(Math.exp(0.1), g[0].get(0), EXACT);
    assertEquals(4.0, g[1].item(), EXACT, "each of two elements moves by 2 per unit of the bound");
    Tensor[] gu =
        Grad.grad(
            in -> Bijectors.upperBound(in[1]).forward(in[0]).sum(),
            Tensor.vector(0.1, -0.4),
            Tensor.vector(3, 4));
    assertEquals(-Math.exp(-0.4), gu[0].get(1), EXACT);
    assertEquals(Tensor.vector(1, 1), gu[1]);
  }

  @Test
  void boundsBroadcastAcrossRowsAndColumns() {
    Tape t = new Tape();
    Node lower = t.constant(Tensor.vector(0, 10, 20)); // one per column
    Node upper = t.constant(Tensor.of(new double[] {1, 2}, 2, 1)); // one per row, plus the lower
    Bijector b = Bijectors.interval(lower, upper.add(lower));
    Node x = b.forward(t.constant(Tensor.zeros(dev.varia.core.ad.Shape.matrix(2, 3))));
    // u = 0 is the midpoint of each element's own interval
    assertEquals(Tensor.matrix(new double[][] {{0.5, 10.5, 20.5}, {1, 11, 21}}), x.detach());
  }

  @Test
  void aBoundThatWouldEnlargeTheValueIsAShapeError() {
    Tape t = new Tape();
    Bijector b = Bijectors.lowerBound(t.constant(Tensor.vector(1, 2, 3)));
    ShapeException e = assertThrows(ShapeException.class, () -> b.forward(t.constant(0.5)));
    assertEquals("lower bound of shape [3] does not fit a value of shape []", e.getMessage());
    Bijector i = Bijectors.interval(t.constant(0.0), t.constant(Tensor.vector(1, 2)));
    assertThrows(ShapeException.class, () -> i.forward(t.constant(Tensor.vector(1, 2, 3))));
  }
}
