package dev.varia.core.ad;

import static dev.varia.core.ad.TestTensors.dim;
import static dev.varia.core.ad.TestTensors.uniform;

import dev.varia.core.random.RandomStream;
import dev.varia.core.testing.GradCheck;
import dev.varia.core.testing.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The elementwise binary operations (add, sub, mul, div, pow, maximum, minimum) and where/select
 * under every broadcasting pattern: same shapes, a scalar with a vector or a matrix (either side),
 * a row vector with a matrix, a column (m,1) with a matrix, (m,1) with (1,n), and one-element
 * tensors of higher rank. Values are compared with an independent implementation of numpy's
 * broadcasting rule, gradients (which must sum over the stretched dimensions) with finite
 * differences.
 */
class BroadcastTest {
  static final int CASES = 20;

  /** A pattern: the two operand shapes for dimensions m, n (each drawn from 2 to 4). */
  record Pattern(String name, BiFunction<Integer, Integer, Shape[]> shapes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Pattern> PATTERNS =
      List.of(
          new Pattern("[m,n] with [m,n]", (m, n) -> pair(Shape.matrix(m, n), Shape.matrix(m, n))),
          new Pattern("[n] with [n]", (m, n) -> pair(Shape.vector(n), Shape.vector(n))),
          new Pattern("[] with []", (m, n) -> pair(Shape.SCALAR, Shape.SCALAR)),
          new Pattern("[] with [n]", (m, n) -> pair(Shape.SCALAR, Shape.vector(n))),
          new Pattern("[n] with []", (m, n) -> pair(Shape.vector(n), Shape.SCALAR)),
          new Pattern("[] with [m,n]", (m, n) -> pair(Shape.SCALAR, Shape.matrix(m, n))),
          new Pattern("[m,n] with []", (m, n) -> pair(Shape.matrix(m, n), Shape.SCALAR)),
          new Pattern("[n] with [m,n] (row)", (m, n) -> pair(Shape.vector(n), Shape.matrix(m, n))),
          new Pattern("[m,n] with [n] (row)", (m, n) -> pair(Shape.matrix(m, n), Shape.vector(n))),
          new Pattern("[1,n] with [m,n]", (m, n) -> pair(Shape.matrix(1, n), Shape.matrix(m, n))),
          new Pattern("[m,n] with [1,n]", (m, n) -> pair(Shape.matrix(m, n), Shape.matrix(1, n))),
          new Pattern(
              "[m,1] with [m,n] (column)", (m, n) -> pair(Shape.matrix(m, 1), Shape.matrix(m, n))),
          new Pattern(
              "[m,n] with [m,1] (column)", (m, n) -> pair(Shape.matrix(m, n), Shape.matrix(m, 1))),
          new Pattern("[m,1] with [1,n]", (m, n) -> pair(Shape.matrix(m, 1), Shape.matrix(1, n))),
          new Pattern("[1,n] with [m,1]", (m, n) -> pair(Shape.matrix(1, n), Shape.matrix(m, 1))),
          new Pattern("[n] with [m,1]", (m, n) -> pair(Shape.vector(n), Shape.matrix(m, 1))),
          new Pattern("[m,1] with [n]", (m, n) -> pair(Shape.matrix(m, 1), Shape.vector(n))),
          new Pattern("[1,n] with [n]", (m, n) -> pair(Shape.matrix(1, n), Shape.vector(n))),
          new Pattern("[1,1] with [n]", (m, n) -> pair(Shape.matrix(1, 1), Shape.vector(n))),
          new Pattern("[1] with [m,n]", (m, n) -> pair(Shape.vector(1), Shape.matrix(m, n))),
          new Pattern("[m,n] with [1,1]", (m, n) -> pair(Shape.matrix(m, n), Shape.matrix(1, 1))));

  private static Shape[] pair(Shape a, Shape b) {
    return new Shape[] {a, b};
  }

  /** A binary operation with its input domains, reference and finite-difference settings. */
  record BinaryOp(
      String name,
      BinaryOperator<Node> f,
      DoubleBinaryOperator ref,
      Function<RandomStream, Function<Shape, Tensor>> domainA,
      Function<RandomStream, Function<Shape, Tensor>> domainB,
      boolean exact) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<BinaryOp> OPS =
      List.of(
          new BinaryOp("add", Node::add, Double::sum, range(-2, 2), range(-2, 2), true),
          new BinaryOp("sub", Node::sub, (x, y) -> x - y, range(-2, 2), range(-2, 2), true),
          new BinaryOp("mul", Node::mul, (x, y) -> x * y, range(-2, 2), range(-2, 2), true),
          new BinaryOp(
              "div",
              Node::div,
              (x, y) -> x / y,
              range(-2, 2),
              rs -> s -> TestTensors.awayFromZero(rs, s, 0.5, 2),
              false),
          new BinaryOp("pow", Node::pow, Math::pow, range(0.5, 2), range(-2, 2), false),
          // operands on interleaved grids: |a - b| >= 0.15 > h, so no kink is crossed
          new BinaryOp(
              "maximum",
              Node::maximum,
              Math::max,
              rs -> s -> TestTensors.onGrid(rs, s, 0),
              rs -> s -> TestTensors.onGrid(rs, s, 0.25),
              true),
          new BinaryOp(
              "minimum",
              Node::minimum,
              Math::min,
              rs -> s -> TestTensors.onGrid(rs, s, 0),
              rs -> s -> TestTensors.onGrid(rs, s, 0.25),
              true));

  private static Function<RandomStream, Function<Shape, Tensor>> range(double lo, double hi) {
    return rs -> s -> uniform(rs, s, lo, hi);
  }

  static Stream<Arguments> opsAndPatterns() {
    List<Arguments> args = new ArrayList<>();
    for (BinaryOp op : OPS) {
      for (Pattern p : PATTERNS) {
        args.add(Arguments.of(op, p));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("opsAndPatterns")
  void binaryOpBroadcasts(BinaryOp op, Pattern pattern) {
    Properties.forAll(
        (op.name() + pattern.name()).hashCode(),
        CASES,
        rs -> {
          Shape[] s = pattern.shapes().apply(dim(rs, 2, 4), dim(rs, 2, 4));
          return List.of(op.domainA().apply(rs).apply(s[0]), op.domainB().apply(rs).apply(s[1]));
        },
        in -> {
          Tensor a = in.get(0);
          Tensor b = in.get(1);
          Tape tape = new Tape();
          Tensor y = op.f().apply(tape.variable(a), tape.variable(b)).detach();
          TestTensors.assertClose(
              TestTensors.broadcastApply(a, b, op.ref()), y, OpGradientTest.VALUE_TOL, "value");
          GradCheck.check(
              x -> op.f().apply(x[0], x[1]),
              op.exact() ? OpGradientTest.EXACT_H : OpGradientTest.H,
              op.exact() ? OpGradientTest.EXACT_TOL : OpGradientTest.TOL,
              a,
              b);
        });
  }

  /** where(cond, a, b) with the three operands broadcast against each other. */
  static Stream<Arguments> wherePatterns() {
    List<Arguments> args = new ArrayList<>();
    String[][] shapes = {
      {"[m,n]", "[m,n]", "[m,n]"},
      {"[n]", "[m,n]", "[m,n]"},
      {"[m,1]", "[m,n]", "[]"},
      {"[m,n]", "[]", "[n]"},
      {"[]", "[m,n]", "[m,1]"},
      {"[m,1]", "[n]", "[1,n]"},
      {"[n]", "[]", "[]"},
    };
    for (String[] s : shapes) {
      args.add(Arguments.of(s[0], s[1], s[2]));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "where({0}, {1}, {2})")
  @MethodSource("wherePatterns")
  void whereBroadcasts(String condShape, String aShape, String bShape) {
    Properties.forAll(
        (condShape + aShape + bShape).hashCode(),
        CASES,
        rs -> {
          int m = dim(rs, 2, 4);
          int n = dim(rs, 2, 4);
          return List.of(
              TestTensors.mask(rs, parse(condShape, m, n)),
              uniform(rs, parse(aShape, m, n), -2, 2),
              uniform(rs, parse(bShape, m, n), -2, 2));
        },
        in -> {
          Tensor cond = in.get(0);
          Tensor a = in.get(1);
          Tensor b = in.get(2);
          Shape out =
              TestTensors.broadcastShape(
                  cond.shape(), TestTensors.broadcastShape(a.shape(), b.shape()));
          int rows = out.rank() == 2 ? out.rows() : 1;
          int cols = out.rank() == 0 ? 1 : out.cols();
          double[] expected = new double[out.size()];
          for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
              expected[r * cols + c] =
                  TestTensors.at(cond, r, c) != 0
                      ? TestTensors.at(a, r, c)
                      : TestTensors.at(b, r, c);
            }
          }
          Tape tape = new Tape();
          Tensor y = Node.where(tape.constant(cond), tape.variable(a), tape.variable(b)).detach();
          TestTensors.assertClose(Tensor.wrap(expected, out), y, 0, "value");
          GradCheck.check(
              x -> Node.where(x[0].tape().constant(cond), x[0], x[1]),
              OpGradientTest.EXACT_H,
              OpGradientTest.EXACT_TOL,
              a,
              b);
        });
  }

  private static Shape parse(String s, int m, int n) {
    switch (s) {
      case "[]":
        return Shape.SCALAR;
      case "[n]":
        return Shape.vector(n);
      case "[m,n]":
        return Shape.matrix(m, n);
      case "[m,1]":
        return Shape.matrix(m, 1);
      case "[1,n]":
        return Shape.matrix(1, n);
      default:
        throw new IllegalArgumentException(s);
    }
  }
}
