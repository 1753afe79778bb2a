package dev.varia.core.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import org.junit.jupiter.api.Test;

/** Which bijector each constraint gets, shapes, errors, and numerical behaviour at extremes. */
class BijectorsTest {
  private final Tape t = new Tape();

  private double fwd(Bijector b, double u) {
    return b.forward(t.constant(u)).item();
  }

  private double inv(Bijector b, double x) {
    return b.inverse(t.constant(x)).item();
  }

  @Test
  void eachContinuousConstraintGetsStansTransform() {
    assertEquals(-1.5, fwd(Bijectors.of(new Constraint.Real()), -1.5));
    assertEquals(Math.exp(0.3), fwd(Bijectors.of(new Constraint.Positive()), 0.3));
    assertEquals(
        2 + Math.exp(0.3), fwd(Bijectors.of(new Constraint.GreaterThan(t.constant(2))), 0.3));
    assertEquals(2 - Math.exp(0.3), fwd(Bijectors.of(new Constraint.LessThan(t.constant(2))), 0.3));
    assertEquals(
        2.5, fwd(Bijectors.of(new Constraint.Interval(t.constant(2), t.constant(3))), 0), 1e-15);
    assertEquals(0.5, fwd(Bijectors.of(new Constraint.UnitInterval()), 0));
    // the centre of the unconstrained space maps to the centre of the simplex
    Node simplex =
        Bijectors.of(new Constraint.Simplex()).forward(t.constant(Tensor.zeros(Shape.vector(3))));
    assertTrue(simplex.detach().allClose(Tensor.full(Shape.vector(4), 0.25), 1e-15));
    Node ordered =
        Bijectors.of(new Constraint.Ordered()).forward(t.constant(Tensor.vector(-1, 0, 0)));
    assertEquals(Tensor.vector(-1, 0, 1), ordered.detach());
    Node posOrdered =
        Bijectors.of(new Constraint.PositiveOrdered()).forward(t.constant(Tensor.vector(0, 0)));
    assertEquals(Tensor.vector(1, 2), posOrdered.detach());
    Node corr =
        Bijectors.of(new Constraint.CorrCholesky())
            .forward(t.constant(Tensor.zeros(Shape.vector(3))));
    assertEquals(Tensor.matrix(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), corr.detach());
    Node cov =
        Bijectors.of(new Constraint.CovCholesky())
            .forward(t.constant(Tensor.vector(0, 0.5, Math.log(2))));
    assertEquals(Tensor.matrix(new double[][] {{1, 0}, {0.5, 2}}), cov.detach());
    assertSame(Bijectors.exp(), Bijectors.of(new Constraint.Positive()));
  }

  @Test
  void infiniteBoundsCountAsAbsent() {
    Node inf = t.constant(Double.POSITIVE_INFINITY);
    Node minf = t.constant(Double.NEGATIVE_INFINITY);
    assertSame(Bijectors.identity(), Bijectors.of(new Constraint.GreaterThan(minf)));
    assertSame(Bijectors.identity(), Bijectors.of(new Constraint.LessThan(inf)));
    assertSame(Bijectors.identity(), Bijectors.of(new Constraint.Interval(minf, inf)));
    assertEquals(
        3 - Math.exp(0.2), fwd(Bijectors.of(new Constraint.Interval(minf, t.constant(3))), 0.2));
    assertEquals(
        3 + Math.exp(0.2), fwd(Bijectors.of(new Constraint.Interval(t.constant(3), inf)), 0.2));
    VariaException partly =
        assertThrows(
            VariaException.class,
            () ->
                Bijectors.of(
                    new Constraint.GreaterThan(
                        t.constant(Tensor.vector(0, Double.NEGATIVE_INFINITY)))));
    assertTrue(partly.getMessage().contains("infinite in some elements only"), partly.getMessage());
  }

  @Test
  void badBoundsAreClearErrors() {
    VariaException e =
        assertThrows(
            VariaException.class,
            () -> Bijectors.of(new Constraint.Interval(t.constant(1), t.constant(1))));
    assertTrue(
        e.getMessage().contains("lower bound 1.0 is not below the upper bound 1.0"),
        e.getMessage());
    assertThrows(
        VariaException.class,
        () -> Bijectors.of(new Constraint.GreaterThan(t.constant(Double.NaN))));
  }

  @Test
  void discreteSupportsHaveNoBijector() {
    VariaException ints =
        assertThrows(VariaException.class, () -> Bijectors.of(new Constraint.IntegerRange(0, 5)));
    assertTrue(
        ints.getMessage().startsWith("no bijector for a discrete support (integers 0..5)"),
        ints.getMessage());
    VariaException point =
        assertThrows(
            VariaException.class, () -> Bijectors.of(new Constraint.Point(t.constant(2.0))));
    assertTrue(point.getMessage().startsWith("no bijector for a discrete support (the point 2.0)"));
  }

  @Test
  void shapesOnBothSides() {
    Bijector simplex = Bijectors.stickBreaking();
    assertEquals(Shape.vector(3), simplex.unconstrainedShape(Shape.vector(4)));
    assertEquals(Shape.vector(4), simplex.constrainedShape(Shape.vector(3)));
    assertEquals(Shape.matrix(2, 4), simplex.constrainedShape(Shape.matrix(2, 3)));
    assertThrows(ShapeException.class, () -> simplex.constrainedShape(Shape.SCALAR));
    assertThrows(ShapeException.class, () -> simplex.unconstrainedShape(Shape.vector(0)));
    assertEquals(Shape.vector(6), Bijectors.corrCholesky().unconstrainedShape(Shape.matrix(4, 4)));
    assertEquals(Shape.matrix(4, 4), Bijectors.corrCholesky().constrainedShape(Shape.vector(6)));
    assertEquals(Shape.matrix(1, 1), Bijectors.corrCholesky().constrainedShape(Shape.vector(0)));
    ShapeException notTriangular =
        assertThrows(
            ShapeException.class, () -> Bijectors.corrCholesky().constrainedShape(Shape.vector(4)));
    assertTrue(notTriangular.getMessage().contains("K(K-1)/2"), notTriangular.getMessage());
    assertEquals(Shape.vector(10), Bijectors.covCholesky().unconstrainedShape(Shape.matrix(4, 4)));
    assertEquals(Shape.matrix(3, 3), Bijectors.covCholesky().constrainedShape(Shape.vector(6)));
    assertThrows(
        ShapeException.class, () -> Bijectors.covCholesky().constrainedShape(Shape.vector(5)));
    assertThrows(
        ShapeException.class, () -> Bijectors.covCholesky().unconstrainedShape(Shape.matrix(2, 3)));
    assertEquals(Shape.matrix(2, 3), Bijectors.exp().constrainedShape(Shape.matrix(2, 3)));
  }

  @Test
  void degenerateSizes() {
    Node oneSimplex = Bijectors.stickBreaking().forward(t.constant(new double[0], Shape.vector(0)));
    assertEquals(Tensor.vector(1), oneSimplex.detach());
    assertEquals(
        Shape.vector(0), Bijectors.stickBreaking().inverse(t.constant(Tensor.vector(1))).shape());
    Node oneCorr = Bijectors.corrCholesky().forward(t.constant(new double[0], Shape.vector(0)));
    assertEquals(Tensor.matrix(new double[][] {{1}}), oneCorr.detach());
    assertEquals(
        0.0,
        Bijectors.corrCholesky()
            .logAbsDetJacobian(t.constant(new double[0], Shape.vector(0)))
            .item());
    assertEquals(
        Tensor.vector(-2), Bijectors.ordered().forward(t.constant(Tensor.vector(-2))).detach());
  }

  /** Values at the edges of double precision keep their digits where the transform allows it. */
  @Test
  void extremesAreStable() {
    Bijector logistic = Bijectors.logistic();
    // logit of tiny values and of values within 1e-12 of 1
    assertEquals(Math.log(1e-300), inv(logistic, 1e-300), 1e-12 * 690);
    double nearOne = 1 - 0x1.0p-40;
    assertEquals(Math.log(nearOne) - Math.log(0x1.0p-40), inv(logistic, nearOne), 1e-12 * 30);
    assertEquals(-40, inv(logistic, fwd(logistic, -40)), 1e-12 * 40);
    // an interval (-1, 0): values near the upper bound keep their distance to it
    Bijector interval = Bijectors.interval(t.constant(-1), t.constant(0));
    double x = fwd(interval, 30);
    assertEquals(-1 / (1 + Math.exp(30)), x, 1e-15 * Math.abs(x));
    assertEquals(30, inv(interval, x), 1e-12 * 30);
    // softplus: tiny and huge values
    assertEquals(Math.log(1e-200), inv(Bijectors.softplus(), 1e-200), 1e-12 * 460);
    assertEquals(800, inv(Bijectors.softplus(), fwd(Bijectors.softplus(), 800)), 1e-12 * 800);
    // a simplex with components across 300 orders of magnitude survives a round trip
    Tensor tiny = Tensor.vector(1e-300, 1e-100, 0.5, 0.5 - 1e-100 - 1e-300);
    Node back =
        Bijectors.stickBreaking().forward(Bijectors.stickBreaking().inverse(t.constant(tiny)));
    for (int i = 0; i < 4; i++) {
      assertEquals(tiny.get(i), back.get(i), 1e-13 * tiny.get(i));
    }
    // partial correlations of 1 - 1e-16 (|y| = 19) are representable both ways
    Tensor y = Tensor.vector(19, -19, 0.5);
    Node l = Bijectors.corrCholesky().forward(t.constant(y));
    assertTrue(new Constraint.CorrCholesky().contains(l));
    assertTrue(
        Bijectors.corrCholesky().inverse(l).detach().allClose(y, 1e-12 * 19),
        Bijectors.corrCholesky().inverse(l).detach().toString());
  }
}
