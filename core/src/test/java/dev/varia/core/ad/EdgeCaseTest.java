package dev.varia.core.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edge cases: infinities and NaN flow through as IEEE values (no exceptions), and user mistakes
 * (shapes that do not fit, indices out of range, matrices that are not positive definite, nodes of
 * two tapes, nodes used after a reset) raise a {@link VariaException} whose message says what is
 * wrong and names the shapes.
 */
class EdgeCaseTest {

  // ---------------------------------------------------------------- infinities and NaN

  @Test
  void logOfZeroIsMinusInfinityWithInfiniteGradient() {
    Tape tape = new Tape();
    Node x = tape.variable(Tensor.vector(0.0, 1.0));
    Node y = x.log();
    assertEquals(Double.NEGATIVE_INFINITY, y.get(0));
    assertEquals(0.0, y.get(1));
    tape.backward(y.sum());
    assertEquals(Double.POSITIVE_INFINITY, x.gradAt(0));
    assertEquals(1.0, x.gradAt(1));
  }

  @Test
  void logOfNegativeIsNanAndSqrtOfZeroHasInfiniteGradient() {
    Tape tape = new Tape();
    Node x = tape.variable(-1.0);
    assertTrue(Double.isNaN(x.log().item()));
    Node z = tape.variable(0.0);
    Node s = z.sqrt();
    assertEquals(0.0, s.item());
    tape.backward(s);
    assertEquals(Double.POSITIVE_INFINITY, z.gradAt(0));
  }

  @Test
  void lgammaAtPolesIsInfinite() {
    Tape tape = new Tape();
    Node y = tape.variable(Tensor.vector(0.0, -1.0, -2.0)).lgamma();
    for (int i = 0; i < 3; i++) {
      assertEquals(Double.POSITIVE_INFINITY, y.get(i));
    }
  }

  static Stream<Arguments> unaryOps() {
    return Stream.of(
            op("neg", Node::neg),
            op("square", Node::square),
            op("sqrt", Node::sqrt),
            op("exp", Node::exp),
            op("log", Node::log),
            op("log1p", Node::log1p),
            op("expm1", Node::expm1),
            op("abs", Node::abs),
            op("sin", Node::sin),
            op("cos", Node::cos),
            op("tanh", Node::tanh),
            op("sigmoid", Node::sigmoid),
            op("logSigmoid", Node::logSigmoid),
            op("softplus", Node::softplus),
            op("relu", Node::relu),
            op("leakyRelu", x -> x.leakyRelu(0.1)),
            op("lgamma", Node::lgamma),
            op("digamma", Node::digamma),
            op("normalCdf", Node::normalCdf),
            op("normalLogCdf", Node::normalLogCdf),
            op("pow(x, 2)", x -> x.pow(2.0)),
            op("pow(x, 3)", x -> x.pow(3.0)),
            op("sum", Node::sum),
            op("mean", Node::mean),
            op("max", Node::max),
            op("min", Node::min),
            op("logSumExp", Node::logSumExp),
            op("sum(axis 1)", x -> x.reshape(Shape.matrix(1, 3)).sum(1)),
            op("max(axis 0)", x -> x.reshape(Shape.matrix(3, 1)).max(0)),
            op("dot", x -> x.dot(x.tape().constant(Tensor.vector(1, 2, 3)))),
            op("matmul", x -> x.tape().constant(Tensor.of(new double[] {1, 1, 1}, 1, 3)).matmul(x)))
        .map(o -> Arguments.of(o.get(0), o.get(1)));
  }

  private static List<Object> op(String name, UnaryOperator<Node> f) {
    return List.of(name, f);
  }

  /**
   * A NaN among the inputs gives NaN in every output element it reaches (here: the element at the
   * NaN's position, or the reduced value), and neither the forward nor the backward pass throws.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unaryOps")
  void nanPropagatesThroughOneInputOps(String name, UnaryOperator<Node> f) {
    // NaN placed first, in the middle and last: loops that skip NaN in comparisons must not lose it
    for (int pos = 0; pos < 3; pos++) {
      double[] v = {0.5, 1.5, 2.5};
      v[pos] = Double.NaN;
      Tape tape = new Tape();
      Node x = tape.variable(Tensor.vector(v));
      Node y = f.apply(x);
      int at = y.size() == 1 ? 0 : pos;
      assertTrue(Double.isNaN(y.get(at)), name + " at NaN position " + pos + ": " + y);
      tape.backward(y.sum());
    }
  }

  static Stream<Arguments> binaryOps() {
    return Stream.of(
        Arguments.of("add", (BinaryOperator<Node>) Node::add),
        Arguments.of("sub", (BinaryOperator<Node>) Node::sub),
        Arguments.of("mul", (BinaryOperator<Node>) Node::mul),
        Arguments.of("div", (BinaryOperator<Node>) Node::div),
        Arguments.of("pow", (BinaryOperator<Node>) Node::pow),
        Arguments.of("maximum", (BinaryOperator<Node>) Node::maximum),
        Arguments.of("minimum", (BinaryOperator<Node>) Node::minimum));
  }

  /** NaN in either operand, under each broadcasting path (same shape, scalar left/right, row). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryOps")
  void nanPropagatesThroughBinaryOps(String name, BinaryOperator<Node> f) {
    Tensor[][] pairs = {
      {Tensor.vector(Double.NaN, 2), Tensor.vector(1.5, 1.5)},
      {Tensor.vector(1.5, 1.5), Tensor.vector(Double.NaN, 2)},
      {Tensor.vector(Double.NaN, 2), Tensor.scalar(1.5)},
      {Tensor.scalar(1.5), Tensor.vector(Double.NaN, 2)},
      {Tensor.scalar(Double.NaN), Tensor.vector(1.5, 2)},
      {Tensor.vector(1.5, 2), Tensor.scalar(Double.NaN)},
      {Tensor.vector(Double.NaN, 2), Tensor.of(new double[] {1.5, 1.5, 1.5, 1.5}, 2, 2)},
      {Tensor.of(new double[] {1.5, 1.5, 1.5, 1.5}, 2, 2), Tensor.vector(Double.NaN, 2)},
    };
    for (Tensor[] p : pairs) {
      Tape tape = new Tape();
      Node y = f.apply(tape.variable(p[0]), tape.variable(p[1]));
      assertTrue(Double.isNaN(y.get(0)), name + "(" + p[0] + ", " + p[1] + ") = " + y);
      tape.backward(y.sum());
    }
  }

  @Test
  void logSumExpOfInfinitiesAndNan() {
    Tape tape = new Tape();
    Node minusInf =
        tape.variable(Tensor.vector(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
    Node lse = minusInf.logSumExp();
    assertEquals(Double.NEGATIVE_INFINITY, lse.item());
    tape.backward(lse);
    // no probability mass anywhere: the gradient is 0, not NaN from exp(-inf - (-inf))
    assertEquals(Tensor.vector(0, 0), minusInf.grad());
    assertEquals(
        Double.POSITIVE_INFINITY,
        tape.variable(Tensor.vector(1, Double.POSITIVE_INFINITY)).logSumExp().item());
    assertTrue(
        Double.isNaN(
            tape.variable(Tensor.vector(Double.NaN, Double.POSITIVE_INFINITY)).logSumExp().item()));
    assertTrue(
        Double.isNaN(
            tape.variable(Tensor.vector(Double.NEGATIVE_INFINITY, Double.NaN)).logSumExp().item()));
  }

  @Test
  void nanThroughLinearAlgebraFailsLoudlyOrPropagates() {
    Tape tape = new Tape();
    Node m = tape.variable(Tensor.of(new double[] {Double.NaN, 0, 0, 1}, 2, 2));
    // Cholesky of a matrix holding NaN: a clear error rather than a silently NaN factor
    VariaException e = assertThrows(VariaException.class, m::cholesky);
    assertTrue(e.getMessage().contains("[2, 2]"), e.getMessage());
    Node t = tape.variable(Tensor.of(new double[] {1, 0, 0, 1}, 2, 2));
    Node x = t.solveTriangular(tape.variable(Tensor.vector(Double.NaN, 1)), true, false);
    assertTrue(Double.isNaN(x.get(0)));
  }

  /**
   * Tensors with no elements (a plate of size 0, a model with no groups) are values like any other:
   * reductions give their identities, products zeros, and the 0 x 0 matrix has the empty Cholesky
   * factor and log det 0.
   */
  @Test
  void emptyTensorsGiveTheIdentitiesOfTheirOperations() {
    Tape tape = new Tape();
    Node e = tape.variable(Tensor.vector());
    Node one = tape.variable(1.0);
    assertEquals(0.0, e.sum().item());
    assertTrue(Double.isNaN(e.mean().item()));
    assertEquals(Double.NEGATIVE_INFINITY, e.max().item());
    assertEquals(Double.POSITIVE_INFINITY, e.min().item());
    assertEquals(Double.NEGATIVE_INFINITY, e.logSumExp().item());
    assertEquals(0.0, e.dot(e).item());
    assertEquals(Shape.vector(0), e.exp().add(one).shape());
    assertEquals(Shape.matrix(0, 2), e.outer(tape.variable(Tensor.vector(1, 2))).shape());
    assertEquals(Shape.vector(0), tape.variable(Tensor.vector(1, 2)).slice(1, 1).shape());
    assertEquals(Shape.vector(0), tape.variable(Tensor.vector(1, 2)).gather(new int[0]).shape());
    Node m20 = tape.variable(Tensor.zeros(Shape.matrix(2, 0)));
    Node m03 = tape.variable(Tensor.zeros(Shape.matrix(0, 3)));
    assertEquals(Tensor.zeros(Shape.matrix(2, 3)), m20.matmul(m03).detach());
    assertEquals(Tensor.vector(0, 0, 0), m03.sum(0).detach());
    Node empty = tape.variable(Tensor.zeros(Shape.matrix(0, 0)));
    assertEquals(Shape.matrix(0, 0), empty.cholesky().shape());
    assertEquals(0.0, empty.logDetSpd().item());
    assertEquals(Shape.vector(0), empty.solveTriangular(e, true, false).shape());
    Node out =
        Node.concat(e, one)
            .sum()
            .add(e.logSumExp().exp())
            .add(empty.logDetSpd())
            .add(m20.matmul(m03).sum());
    tape.backward(out);
    assertEquals(Tensor.vector(), e.grad());
    assertEquals(1.0, one.gradAt(0));
    assertEquals(Tensor.zeros(Shape.matrix(0, 0)), empty.grad());
  }

  // ---------------------------------------------------------------- shape errors

  static Stream<Arguments> broadcastMistakes() {
    return Stream.of(
        Arguments.of(Shape.vector(3), Shape.vector(4)),
        Arguments.of(Shape.matrix(2, 3), Shape.matrix(3, 2)),
        Arguments.of(Shape.vector(2), Shape.matrix(2, 3)),
        Arguments.of(Shape.matrix(3, 1), Shape.matrix(2, 3)),
        Arguments.of(Shape.matrix(2, 3), Shape.vector(2)),
        Arguments.of(Shape.matrix(1, 3), Shape.vector(2)));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("broadcastMistakes")
  void broadcastingMistakesNameBothShapes(Shape a, Shape b) {
    List<String> ops = List.of("add", "sub", "mul", "div", "pow", "maximum", "minimum");
    List<BinaryOperator<Node>> fs =
        List.of(
            Node::add, Node::sub, Node::mul, Node::div, Node::pow, Node::maximum, Node::minimum);
    for (int k = 0; k < ops.size(); k++) {
      Tape tape = new Tape();
      Node x = tape.variable(Tensor.zeros(a));
      Node y = tape.variable(Tensor.zeros(b));
      BinaryOperator<Node> f = fs.get(k);
      int before = tape.size();
      ShapeException e = assertThrows(ShapeException.class, () -> f.apply(x, y));
      assertMentions(e, ops.get(k), a.toString(), b.toString());
      assertEquals(before, tape.size(), "a failed operation records nothing");
    }
    Tape tape = new Tape();
    Node x = tape.variable(Tensor.zeros(a));
    Node y = tape.variable(Tensor.zeros(b));
    ShapeException e =
        assertThrows(ShapeException.class, () -> Node.where(tape.constant(1.0), x, y));
    assertMentions(e, "where", a.toString(), b.toString());
  }

  @Test
  void linearAlgebraShapeMistakes() {
    Tape tape = new Tape();
    Node m23 = tape.variable(Tensor.zeros(Shape.matrix(2, 3)));
    Node m22 = tape.variable(Tensor.zeros(Shape.matrix(2, 2)));
    Node v2 = tape.variable(Tensor.zeros(Shape.vector(2)));
    Node v3 = tape.variable(Tensor.zeros(Shape.vector(3)));
    assertMentions(
        assertThrows(ShapeException.class, () -> m23.matmul(m23)), "matmul", "[2, 3]", "[2, 3]");
    assertMentions(
        assertThrows(ShapeException.class, () -> m23.matmul(v2)), "matmul", "[2, 3]", "[2]");
    assertMentions(
        assertThrows(ShapeException.class, () -> v3.matmul(m22)), "matmul", "[3]", "[2, 2]");
    assertMentions(assertThrows(ShapeException.class, () -> v2.matmul(v3)), "matmul", "[2]", "[3]");
    assertMentions(assertThrows(ShapeException.class, () -> v2.dot(v3)), "dot", "[2]", "[3]");
    assertMentions(assertThrows(ShapeException.class, () -> v2.dot(m22)), "dot", "[2]", "[2, 2]");
    assertMentions(
        assertThrows(ShapeException.class, () -> v2.outer(m22)), "outer", "[2]", "[2, 2]");
    assertMentions(assertThrows(ShapeException.class, m23::cholesky), "cholesky", "[2, 3]");
    assertMentions(assertThrows(ShapeException.class, m23::logDetSpd), "logDetSpd", "[2, 3]");
    assertMentions(
        assertThrows(ShapeException.class, () -> m22.solveTriangular(v3, true, false)),
        "solveTriangular",
        "[2, 2]",
        "[3]");
    assertMentions(
        assertThrows(ShapeException.class, () -> m23.solveTriangular(v2, true, false)),
        "solveTriangular",
        "[2, 3]");
  }

  @Test
  void indexingMistakesNameTheIndexAndShape() {
    Tape tape = new Tape();
    Node v = tape.variable(Tensor.vector(1, 2, 3));
    Node m = tape.variable(Tensor.zeros(Shape.matrix(2, 3)));
    Node s = tape.variable(1.0);
    assertMentions(assertThrows(ShapeException.class, () -> v.index(3)), "index 3", "[3]");
    assertMentions(assertThrows(ShapeException.class, () -> v.index(-1)), "index -1", "[3]");
    assertMentions(assertThrows(ShapeException.class, () -> m.index(2)), "index 2", "[2, 3]");
    assertMentions(assertThrows(ShapeException.class, () -> m.index(1, 3)), "index 3", "[2, 3]");
    assertMentions(assertThrows(ShapeException.class, () -> m.index(-1, 0)), "index -1", "[2, 3]");
    assertMentions(assertThrows(ShapeException.class, () -> v.index(0, 0)), "[3]");
    assertMentions(assertThrows(ShapeException.class, () -> s.index(0)), "scalar");
    assertMentions(
        assertThrows(ShapeException.class, () -> v.gather(new int[] {0, 5})), "index 5", "[3]");
    assertMentions(assertThrows(ShapeException.class, () -> v.slice(1, 4)), "[1, 4)", "[3]");
    assertMentions(assertThrows(ShapeException.class, () -> v.slice(2, 1)), "[2, 1)", "[3]");
    assertMentions(
        assertThrows(ShapeException.class, () -> m.reshape(Shape.vector(5))), "[2, 3]", "[5]");
    assertMentions(
        assertThrows(ShapeException.class, () -> Node.concat(v, m)), "concat", "[3]", "[2, 3]");
    assertMentions(
        assertThrows(
            ShapeException.class,
            () -> Node.concat(m, tape.variable(Tensor.zeros(Shape.matrix(1, 2))))),
        "concat",
        "[2, 3]",
        "[1, 2]");
    assertMentions(assertThrows(ShapeException.class, () -> v.sum(1)), "axis 1", "[3]");
    assertMentions(assertThrows(ShapeException.class, () -> m.logSumExp(2)), "axis 2", "[2, 3]");
    assertMentions(assertThrows(ShapeException.class, () -> s.sum(0)), "axis 0", "[]");
    assertMentions(assertThrows(ShapeException.class, v::item), "[3]");
  }

  @Test
  void tensorAndTapeShapeMistakes() {
    assertMentions(
        assertThrows(ShapeException.class, () -> Tensor.wrap(new double[3], Shape.matrix(2, 2))),
        "3",
        "[2, 2]");
    assertMentions(
        assertThrows(
            ShapeException.class, () -> new Tape().constant(new double[3], Shape.vector(4))),
        "3",
        "[4]");
    assertMentions(assertThrows(ShapeException.class, () -> Shape.of(1, 2, 3)), "rank 3");
    Tape tape = new Tape();
    Node v = tape.variable(Tensor.vector(1, 2));
    assertMentions(assertThrows(ShapeException.class, () -> tape.backward(v)), "[2]");
    assertMentions(
        assertThrows(ShapeException.class, () -> tape.backward(v, Tensor.vector(1, 2, 3))),
        "[3]",
        "[2]");
  }

  // ---------------------------------------------------------------- positive definiteness

  @Test
  void nonPositiveDefiniteMatricesGiveAClearVariaException() {
    double[][] bad = {
      {1, 2, 2, 1}, // indefinite
      {0, 0, 0, 0}, // singular
      {-1, 0, 0, -1}, // negative definite
      {1, 0, 0, Double.POSITIVE_INFINITY},
    };
    for (double[] b : bad) {
      for (boolean logDet : new boolean[] {false, true}) {
        Tape tape = new Tape();
        Node a = tape.variable(Tensor.of(b, 2, 2));
        Executable call = logDet ? a::logDetSpd : a::cholesky;
        VariaException e = assertThrows(VariaException.class, call);
        assertEquals(VariaException.class, e.getClass(), "a VariaException, not a subclass");
        assertNull(e.getCause());
        assertMentions(
            e, logDet ? "logDetSpd" : "cholesky", "not symmetric positive definite", "[2, 2]");
      }
    }
  }

  // ---------------------------------------------------------------- tapes and lifetimes

  @Test
  void mixingNodesOfTwoTapesIsAClearError() {
    Tape t1 = new Tape();
    Tape t2 = new Tape();
    Node a = t1.variable(Tensor.vector(1, 2));
    Node b = t2.variable(Tensor.vector(3, 4));
    Node m = t2.variable(Tensor.of(new double[] {2, 0, 0, 2}, 2, 2));
    List<Executable> mistakes =
        List.of(
            () -> a.add(b),
            () -> b.mul(a),
            () -> a.dot(b),
            () -> a.outer(b),
            () -> m.matmul(a),
            () -> m.solveTriangular(a, true, false),
            () -> Node.concat(a, b),
            () -> Node.where(t1.constant(1.0), a, b),
            () -> Node.where(t2.constant(1.0), b, b.mul(a)),
            () -> Node.custom(Tensor.scalar(0), List.of(a, b), (g, gs) -> {}),
            () -> t1.backward(b.sum()),
            () -> t1.backward(b, Tensor.vector(1, 1)));
    for (Executable x : mistakes) {
      VariaException e = assertThrows(VariaException.class, x);
      assertMentions(e, "another tape");
    }
  }

  @Test
  void usingANodeAfterResetIsAClearError() {
    Tape tape = new Tape();
    Node x = tape.variable(Tensor.vector(1, 2));
    Node y = x.exp().sum();
    tape.backward(y);
    tape.reset();
    Node fresh = tape.variable(Tensor.vector(5, 6));
    List<Executable> mistakes =
        List.of(
            x::exp,
            () -> x.add(fresh),
            () -> fresh.add(x),
            () -> Node.concat(fresh, x),
            y::item,
            () -> x.get(0),
            x::detach,
            x::grad,
            () -> x.gradAt(0),
            () -> tape.backward(y),
            () -> Node.custom(Tensor.scalar(0), List.of(fresh, x), (g, gs) -> {}));
    for (Executable m : mistakes) {
      VariaException e = assertThrows(VariaException.class, m);
      assertMentions(e, "reset");
    }
    assertTrue(x.toString().contains("stale"), x.toString());
  }

  @Test
  void scalarTapeHandlesBeyondTheTapeAreRejected() {
    ScalarTape st = new ScalarTape();
    int x = st.variable(2.0);
    st.reset();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> st.value(x));
    assertMentions(e, "node " + x, "reset");
    assertThrows(IllegalArgumentException.class, () -> st.backward(7));
  }

  @Test
  void customNodeNeedsAnInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Node.custom(Tensor.scalar(0), List.of(), (g, gs) -> {}));
  }

  private static void assertMentions(Throwable e, String... parts) {
    String msg = e.getMessage();
    for (String p : parts) {
      assertTrue(msg != null && msg.contains(p), "message should mention '" + p + "': " + msg);
    }
  }
}
