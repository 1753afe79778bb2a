package dev.varia.core.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Values and gradients of operations against closed forms, at points chosen where a naive
 * implementation would overflow, underflow or cancel (huge arguments to logSumExp, softplus and
 * logSigmoid, the far lower tail of the normal log-CDF) and for known matrices.
 */
class ClosedFormTest {
  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

  /** Value and gradient of {@code f} at the vector {@code x} (f's output is summed). */
  private record VG(Tensor value, Tensor grad) {}

  private static VG eval(UnaryOperator<Node> f, Tensor x) {
    Tape tape = new Tape();
    Node in = tape.variable(x);
    Node y = f.apply(in);
    tape.backward(y.size() == 1 ? y.reshape(Shape.SCALAR) : y.sum());
    return new VG(y.detach(), in.grad());
  }

  /** Equal shapes and values within tol (so -0.0 equals 0.0, unlike Tensor.equals). */
  private static void assertTensor(Tensor expected, Tensor actual, double tol) {
    assertTrue(expected.allClose(actual, tol), "expected " + expected + ", got " + actual);
  }

  private static void assertRel(double expected, double actual, double tol, String what) {
    assertTrue(
        expected == actual || Math.abs(actual - expected) <= tol * Math.abs(expected),
        what + ": expected " + expected + ", got " + actual + " (relative tolerance " + tol + ")");
  }

  // ---------------------------------------------------------------- special functions

  @Test
  void lgammaGradientIsDigammaAndDigammaGradientIsTrigamma() {
    double[] x = new double[40];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.05 + 0.5 * i;
    }
    VG lg = eval(Node::lgamma, Tensor.vector(x));
    VG dg = eval(Node::digamma, Tensor.vector(x));
    for (int i = 0; i < x.length; i++) {
      // the engine delegates to commons-numbers: this checks the wiring of the backward rules
      assertEquals(Digamma.value(x[i]), lg.grad().get(i), 0, "d lgamma at " + x[i]);
      assertEquals(Trigamma.value(x[i]), dg.grad().get(i), 0, "d digamma at " + x[i]);
    }
    VG known = eval(Node::lgamma, Tensor.vector(1, 2, 0.5, 10));
    assertEquals(0.0, known.value().get(0), 1e-16);
    assertEquals(0.0, known.value().get(1), 1e-16);
    assertRel(0.5 * Math.log(Math.PI), known.value().get(2), 1e-15, "lgamma(1/2)");
    assertRel(Math.log(362880), known.value().get(3), 1e-15, "lgamma(10)");
    assertRel(-0.5772156649015329, known.grad().get(0), 1e-14, "psi(1)");
    assertRel(1 - 0.5772156649015329, known.grad().get(1), 1e-14, "psi(2) = 1 - gamma");
  }

  @Test
  void normalCdfGradientIsTheDensity() {
    double[] x = new double[49];
    for (int i = 0; i < x.length; i++) {
      x[i] = -12 + 0.5 * i;
    }
    VG vg = eval(Node::normalCdf, Tensor.vector(x));
    for (int i = 0; i < x.length; i++) {
      // relative accuracy of erfc-based values is about x^2 eps (see SpecialFunctionsTest)
      double tol = 4e-16 * (1 + x[i] * x[i]);
      assertRel(NORMAL.cumulativeProbability(x[i]), vg.value().get(i), tol, "Phi(" + x[i] + ")");
      assertRel(NORMAL.density(x[i]), vg.grad().get(i), 1e-14, "phi(" + x[i] + ")");
    }
  }

  /**
   * log Phi(-40) = -800 - log 40 - log(2 pi)/2 + log(1 - 1/x^2 + 3/x^4 - 15/x^6 + 105/x^8 - ...):
   * Phi(-40) is about 1e-350, below the smallest double, so log(normalCdf) would be -infinity.
   */
  @Test
  void normalLogCdfFarInTheLowerTail() {
    double x = -40;
    VG vg = eval(Node::normalLogCdf, Tensor.scalar(x));
    double u = 1 / (x * x);
    double series = u * (-1 + u * (3 + u * (-15 + u * 105)));
    double expected =
        -0.5 * x * x - Math.log(-x) - 0.5 * Math.log(2 * Math.PI) + Math.log1p(series);
    double expectedGrad = -x / (1 + series);
    assertTrue(Double.isFinite(vg.value().item()));
    // the first omitted terms are 945 / x^10 ~ 1e-13 of the series and of the derivative
    assertRel(expected, vg.value().item(), 1e-14, "log Phi(-40)");
    assertRel(expectedGrad, vg.grad().item(), 1e-13, "d log Phi(-40)");
    assertEquals(
        0.0, eval(Node::normalCdf, Tensor.scalar(x)).value().item(), "Phi(-40) underflows");
    // the far upper tail: log Phi(10) = log1p(-Q(10)) ~ -Q(10) = -7.6e-24, not 0
    VG upper = eval(Node::normalLogCdf, Tensor.scalar(10));
    assertRel(-NORMAL.survivalProbability(10), upper.value().item(), 1e-13, "log Phi(10)");
    assertRel(
        NORMAL.density(10) / NORMAL.cumulativeProbability(10),
        upper.grad().item(),
        1e-13,
        "d log Phi(10)");
  }

  @Test
  void softplusLogSigmoidAndSigmoidAtHugeArguments() {
    VG sp = eval(Node::softplus, Tensor.vector(1000, -1000, 0));
    assertTensor(Tensor.vector(1000, 0, Math.log(2)), sp.value(), 0);
    assertTensor(Tensor.vector(1, 0, 0.5), sp.grad(), 0);
    VG ls = eval(Node::logSigmoid, Tensor.vector(-1000, 1000, 0));
    assertTensor(Tensor.vector(-1000, 0, -Math.log(2)), ls.value(), 0);
    assertTensor(Tensor.vector(1, 0, 0.5), ls.grad(), 0);
    VG sg = eval(Node::sigmoid, Tensor.vector(-1000, 1000, 0));
    assertTensor(Tensor.vector(0, 1, 0.5), sg.value(), 0);
    assertTensor(Tensor.vector(0, 0, 0.25), sg.grad(), 0);
    VG th = eval(Node::tanh, Tensor.vector(-1000, 1000));
    assertTensor(Tensor.vector(-1, 1), th.value(), 0);
    assertTensor(Tensor.vector(0, 0), th.grad(), 0);
  }

  @Test
  void log1pAndExpm1NearZero() {
    VG lp = eval(Node::log1p, Tensor.vector(1e-20, -1e-20));
    assertTensor(Tensor.vector(1e-20, -1e-20), lp.value(), 0);
    assertTensor(Tensor.vector(1, 1), lp.grad(), 0);
    VG em = eval(Node::expm1, Tensor.vector(1e-20, -1e-20));
    assertTensor(Tensor.vector(1e-20, -1e-20), em.value(), 0);
    assertTensor(Tensor.vector(1, 1), em.grad(), 0);
    VG sq = eval(Node::sqrt, Tensor.vector(4, 0.25));
    assertTensor(Tensor.vector(2, 0.5), sq.value(), 0);
    assertTensor(Tensor.vector(0.25, 1), sq.grad(), 0);
  }

  // ---------------------------------------------------------------- reductions

  @Test
  void logSumExpWithHugeValuesDoesNotOverflow() {
    VG vg = eval(Node::logSumExp, Tensor.vector(1000, 1000, 999));
    double z = 2 + Math.exp(-1);
    assertRel(1000 + Math.log(z), vg.value().item(), 1e-15, "value");
    // the gradient exp(x - lse) inherits the absolute rounding of lse, ulp(1000) = 1.1e-13
    double tol = Math.ulp(1000.0);
    assertRel(1 / z, vg.grad().get(0), tol, "softmax 0");
    assertRel(1 / z, vg.grad().get(1), tol, "softmax 1");
    assertRel(Math.exp(-1) / z, vg.grad().get(2), tol, "softmax 2");

    VG tiny = eval(Node::logSumExp, Tensor.vector(-1000, -1000));
    assertRel(-1000 + Math.log(2), tiny.value().item(), 1e-15, "no underflow");
    assertTensor(Tensor.vector(0.5, 0.5), tiny.grad(), tol);

    // per axis: row 0 huge, row 1 tiny; column sums of the softmax gradients are 1 per row
    Tensor m = Tensor.of(new double[] {800, 800, 800, -800, -801, -800}, 2, 3);
    VG rows = eval(x -> x.logSumExp(1), m);
    assertRel(800 + Math.log(3), rows.value().get(0), 1e-15, "row 0");
    double z1 = 2 + Math.exp(-1);
    assertRel(-800 + Math.log(z1), rows.value().get(1), 1e-15, "row 1");
    assertRel(Math.exp(-1) / z1, rows.grad().get(4), tol, "row 1 softmax");
    VG cols = eval(x -> x.logSumExp(0), m);
    assertRel(800, cols.value().get(0), 1e-15, "column 0");
    assertEquals(1.0, cols.grad().get(0));
    assertEquals(0.0, cols.grad().get(3));
  }

  @Test
  void meanMaxAndTiesFollowTheDocumentedRules() {
    VG mean = eval(Node::mean, Tensor.vector(1, 2, 3, 4));
    assertEquals(2.5, mean.value().item());
    assertEquals(Tensor.vector(0.25, 0.25, 0.25, 0.25), mean.grad());
    // max and min send the gradient to the first extremal element
    assertEquals(Tensor.vector(0, 1, 0, 0), eval(Node::max, Tensor.vector(1, 5, 5, 2)).grad());
    assertEquals(Tensor.vector(0, 0, 1, 0), eval(Node::min, Tensor.vector(3, 5, -1, -1)).grad());
    // elementwise maximum/minimum send a tie to the left operand
    Tape tape = new Tape();
    Node a = tape.variable(Tensor.vector(2, 1));
    Node b = tape.variable(Tensor.vector(2, 3));
    tape.backward(a.maximum(b).sum().add(a.minimum(b).sum().mul(10)));
    assertEquals(Tensor.vector(11, 10), a.grad());
    assertEquals(Tensor.vector(0, 1), b.grad());
  }

  // ---------------------------------------------------------------- arithmetic

  @Test
  void powGradientsInBothArguments() {
    Tape tape = new Tape();
    Node a = tape.variable(2.0);
    Node b = tape.variable(3.0);
    Node y = a.pow(b);
    assertEquals(8.0, y.item());
    tape.backward(y);
    assertEquals(12.0, a.gradAt(0));
    assertRel(8 * Math.log(2), b.gradAt(0), 1e-15, "d/db");
    // constant exponent 0: value 1, gradient 0 even at 0
    VG zero = eval(x -> x.pow(0.0), Tensor.vector(0, -2));
    assertEquals(Tensor.vector(1, 1), zero.value());
    assertEquals(Tensor.vector(0, 0), zero.grad());
  }

  // ---------------------------------------------------------------- linear algebra

  @Test
  void choleskyOfAKnownMatrix() {
    Tensor a = Tensor.matrix(new double[][] {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}});
    Tensor expected = Tensor.matrix(new double[][] {{2, 0, 0}, {6, 1, 0}, {-8, 5, 3}});
    Tape tape = new Tape();
    Node l = tape.variable(a).cholesky();
    assertTrue(expected.allClose(l.detach(), 1e-13), l.toString());
    // a diagonal matrix: L = sqrt(D), dL_ii/dA_ii = 1 / (2 sqrt(A_ii))
    VG diag = eval(Node::cholesky, Tensor.matrix(new double[][] {{4, 0}, {0, 9}}));
    assertTrue(Tensor.matrix(new double[][] {{2, 0}, {0, 3}}).allClose(diag.value(), 1e-15));
    assertEquals(0.25, diag.grad().get(0, 0), 1e-15);
    assertEquals(1.0 / 6, diag.grad().get(1, 1), 1e-15);
    // L_10 = A_10 / L_00: the gradient of sum(L) reaches the lower off-diagonal, not the upper
    assertEquals(0.5, diag.grad().get(1, 0), 1e-15);
    assertEquals(0.0, diag.grad().get(0, 1));
  }

  @Test
  void logDetOfDiagonalAndKnownMatrices() {
    Tensor d = Tensor.matrix(new double[][] {{2, 0, 0}, {0, 0.5, 0}, {0, 0, 7}});
    VG vg = eval(Node::logDetSpd, d);
    assertRel(Math.log(2 * 0.5 * 7), vg.value().item(), 1e-15, "log det diag");
    assertTrue(
        Tensor.matrix(new double[][] {{0.5, 0, 0}, {0, 2, 0}, {0, 0, 1.0 / 7}})
            .allClose(vg.grad(), 1e-15),
        vg.grad().toString());
    // [[2, 1], [1, 2]]: det 3, inverse [[2, -1], [-1, 2]] / 3; the lower off-diagonal element
    // stands for both off-diagonal entries, so it receives twice (A^-1)_10; the upper none
    VG two = eval(Node::logDetSpd, Tensor.matrix(new double[][] {{2, 1}, {1, 2}}));
    assertRel(Math.log(3), two.value().item(), 1e-15, "log 3");
    assertTrue(
        Tensor.matrix(new double[][] {{2.0 / 3, 0}, {-2.0 / 3, 2.0 / 3}})
            .allClose(two.grad(), 1e-15),
        two.grad().toString());
  }

  @Test
  void triangularSolveAndMatmulOfKnownMatrices() {
    Tape tape = new Tape();
    Node t = tape.variable(Tensor.matrix(new double[][] {{2, 0}, {1, 1}}));
    Node b = tape.variable(Tensor.vector(4, 3));
    Node x = t.solveTriangular(b, true, false);
    assertEquals(Tensor.vector(2, 1), x.detach());
    Node xt = t.solveTriangular(b, true, true); // [[2, 1], [0, 1]] x = [4, 3]
    assertEquals(Tensor.vector(0.5, 3), xt.detach());
    Node c =
        tape.variable(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}))
            .matmul(tape.variable(Tensor.matrix(new double[][] {{5, 6}, {7, 8}})));
    assertEquals(Tensor.matrix(new double[][] {{19, 22}, {43, 50}}), c.detach());
  }
}
