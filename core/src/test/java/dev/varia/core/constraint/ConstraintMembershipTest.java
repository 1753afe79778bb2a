package dev.varia.core.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Constraint#contains}, {@link Constraint#containsOrOnBoundary} and the data check. */
class ConstraintMembershipTest {
  private final Tape t = new Tape();

  private static Tensor v(double... x) {
    return Tensor.vector(x);
  }

  private static Tensor m(double[][] rows) {
    return Tensor.matrix(rows);
  }

  private static String message(Constraint c, Tensor value, String name) {
    return assertThrows(VariaException.class, () -> c.check(value, name)).getMessage();
  }

  @Test
  void scalarSets() {
    Constraint pos = new Constraint.Positive();
    assertTrue(pos.contains(v(1e-300, 3)));
    assertFalse(pos.contains(v(0, 3)));
    assertTrue(pos.containsOrOnBoundary(v(0, 3)));
    assertFalse(pos.contains(v(Double.NaN)));
    assertEquals("sigma[2] = -1.0 is not positive", message(pos, v(1, -1), "sigma"));

    assertTrue(new Constraint.Real().contains(v(Double.NEGATIVE_INFINITY, 2)));
    assertEquals("y[3] is NaN", message(new Constraint.Real(), v(1, 2, Double.NaN), "y"));

    Constraint unit = new Constraint.UnitInterval();
    assertTrue(unit.contains(Tensor.scalar(0.5)));
    assertFalse(unit.contains(Tensor.scalar(1)));
    assertTrue(unit.containsOrOnBoundary(Tensor.scalar(1)));
    assertFalse(unit.containsOrOnBoundary(Tensor.scalar(1.0000001)));
    assertEquals(
        "p = 1.5 is not in the unit interval (0, 1)", message(unit, Tensor.scalar(1.5), "p"));
  }

  @Test
  void tapeValuedBoundsBroadcast() {
    Node alpha = t.constant(0.3);
    Constraint beta1 = new Constraint.Interval(t.constant(0.0), alpha.rsub(1));
    assertTrue(beta1.contains(Tensor.scalar(0.69)));
    assertFalse(beta1.contains(Tensor.scalar(0.71)));
    assertEquals(
        "beta1 = 0.71 is not in interval(0.0, 0.7)", message(beta1, Tensor.scalar(0.71), "beta1"));
    Constraint above = new Constraint.GreaterThan(t.constant(Tensor.vector(0, 10)));
    assertTrue(above.contains(m(new double[][] {{1, 11}, {2, 12}})));
    assertEquals(
        "x[2,2] = 9.0 is not greater than a [2] bound",
        message(above, m(new double[][] {{1, 11}, {2, 9}}), "x"));
    assertFalse(above.contains(v(1, 2, 3)), "a bound that does not fit the value's shape");
    assertTrue(message(above, v(1, 2, 3), "x").contains("does not fit x of shape [3]"));
    assertTrue(new Constraint.LessThan(t.constant(0)).containsOrOnBoundary(v(-1, 0)));
  }

  @Test
  void simplexes() {
    Constraint s = new Constraint.Simplex();
    assertTrue(s.contains(v(0.2, 0.3, 0.5)));
    assertTrue(s.contains(v(0.2, 0.3, 0.5 + 5e-9)), "within Stan's tolerance 1e-8");
    assertFalse(s.contains(v(0.2, 0.3, 0.6)));
    assertFalse(s.contains(v(0, 0.5, 0.5)));
    assertTrue(s.containsOrOnBoundary(v(0, 0.5, 0.5)));
    assertTrue(s.contains(m(new double[][] {{0.5, 0.5}, {0.9, 0.1}})));
    assertEquals(
        "row 2 of theta is not a simplex: its elements sum to 1.1",
        message(s, m(new double[][] {{0.5, 0.5}, {1.0, 0.1}}), "theta"));
    assertTrue(message(s, Tensor.scalar(1), "theta").contains("is a scalar"));
  }

  @Test
  void orderedVectors() {
    assertTrue(new Constraint.Ordered().contains(v(-3, -1, 2)));
    assertEquals(
        "c[3] = 1.0 is not above c[2] = 1.0 (c must be strictly increasing)",
        message(new Constraint.Ordered(), v(0, 1, 1), "c"));
    assertFalse(new Constraint.PositiveOrdered().contains(v(0, 1)));
    assertTrue(new Constraint.PositiveOrdered().containsOrOnBoundary(v(0, 1)));
    assertFalse(new Constraint.PositiveOrdered().containsOrOnBoundary(v(-1, 1)));
  }

  @Test
  void choleskyFactors() {
    double c = Math.sqrt(0.5);
    Tensor corr = m(new double[][] {{1, 0}, {c, c}});
    assertTrue(new Constraint.CorrCholesky().contains(corr));
    assertTrue(new Constraint.CovCholesky().contains(corr));
    assertEquals(
        "row 2 of L has squared length 0.5, not 1 (L must be the Cholesky factor of a correlation"
            + " matrix)",
        message(new Constraint.CorrCholesky(), m(new double[][] {{1, 0}, {0.5, 0.5}}), "L"));
    assertEquals(
        "L[1,2] = 0.1 is above the diagonal of the Cholesky factor L (which must be lower"
            + " triangular)",
        message(new Constraint.CovCholesky(), m(new double[][] {{1, 0.1}, {0, 1}}), "L"));
    assertEquals(
        "L[2,2] = -1.0 is a diagonal element of the Cholesky factor L (which must be positive)",
        message(new Constraint.CovCholesky(), m(new double[][] {{1, 0}, {0, -1}}), "L"));
    assertFalse(new Constraint.CovCholesky().contains(v(1, 2)));
  }

  @Test
  void discreteSets() {
    Constraint counts = new Constraint.IntegerRange(0, Integer.MAX_VALUE);
    assertTrue(counts.contains(v(0, 3, 1e9)));
    assertEquals("n[2] = 2.5 is not in integers >= 0", message(counts, v(1, 2.5), "n"));
    assertFalse(new Constraint.IntegerRange(1, 3).contains(v(4)));
    Constraint point = new Constraint.Point(t.constant(2.0));
    assertTrue(point.contains(Tensor.scalar(2.0)));
    assertFalse(point.contains(Tensor.scalar(2.1)));
  }
}
