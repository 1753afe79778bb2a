package dev.varia.core.ad;

import static dev.varia.core.ad.TestTensors.dim;

import dev.varia.core.random.RandomStream;
import dev.varia.core.testing.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The struct-of-arrays {@link ScalarTape} and the tensor {@link Tape} compute the same values and
 * gradients (to 1e-12 relative) for every operation the scalar tape offers, for {@code sum} and
 * {@code dot}, and for two model log densities written both ways. Each elementwise operation is
 * applied to a vector at once on the tensor tape (the vectorised loops) and element by element on
 * the scalar tape; the outputs are combined with random weights so that every element's gradient is
 * checked under a different upstream gradient.
 */
class ScalarTapeAgreementTest {
  static final int CASES = 30;

  /**
   * Both tapes evaluate the same formulas; they differ only in summation order (the tensor sum uses
   * four accumulators) and in dividing by a scalar as a multiplication by its inverse, which for
   * the magnitudes here (at most a few hundred) is far below 1e-12 relative to max(1, |x|).
   */
  static final double TOL = 1e-12;

  /** An operation of one input on the scalar tape. */
  @FunctionalInterface
  interface S1 {
    int apply(ScalarTape t, int a);
  }

  /** An operation of two inputs on the scalar tape. */
  @FunctionalInterface
  interface S2 {
    int apply(ScalarTape t, int a, int b);
  }

  /** A unary operation both ways, with the domain of its inputs. */
  record UnaryOp(
      String name,
      S1 scalar,
      UnaryOperator<Node> tensor,
      BiFunction<RandomStream, Integer, double[]> domain) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A binary operation both ways, with the domains of its inputs. */
  record BinaryOp(
      String name,
      S2 scalar,
      BinaryOperator<Node> tensor,
      BiFunction<RandomStream, Integer, double[]> domainA,
      BiFunction<RandomStream, Integer, double[]> domainB) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static BiFunction<RandomStream, Integer, double[]> range(double lo, double hi) {
    return (rs, n) -> TestTensors.uniform(rs, Shape.vector(n), lo, hi).toArray();
  }

  /** Values in [lo, hi) with a zero, a kink or a special point, put in at random. */
  private static BiFunction<RandomStream, Integer, double[]> withSpecial(
      double lo, double hi, double special) {
    return (rs, n) -> {
      double[] v = TestTensors.uniform(rs, Shape.vector(n), lo, hi).toArray();
      v[rs.nextInt(n)] = special;
      return v;
    };
  }

  static Stream<UnaryOp> unaryOps() {
    return Stream.of(
        new UnaryOp("neg", ScalarTape::neg, Node::neg, range(-3, 3)),
        new UnaryOp("square", ScalarTape::square, Node::square, range(-3, 3)),
        new UnaryOp("sqrt", ScalarTape::sqrt, Node::sqrt, range(0.1, 5)),
        new UnaryOp("exp", ScalarTape::exp, Node::exp, range(-3, 3)),
        new UnaryOp("log", ScalarTape::log, Node::log, range(0.1, 5)),
        new UnaryOp("log1p", ScalarTape::log1p, Node::log1p, range(-0.9, 5)),
        new UnaryOp("expm1", ScalarTape::expm1, Node::expm1, range(-3, 3)),
        new UnaryOp("abs", ScalarTape::abs, Node::abs, withSpecial(-3, 3, 0.0)),
        new UnaryOp("sin", ScalarTape::sin, Node::sin, range(-4, 4)),
        new UnaryOp("cos", ScalarTape::cos, Node::cos, range(-4, 4)),
        new UnaryOp("tanh", ScalarTape::tanh, Node::tanh, range(-4, 4)),
        new UnaryOp("sigmoid", ScalarTape::sigmoid, Node::sigmoid, range(-30, 30)),
        new UnaryOp("logSigmoid", ScalarTape::logSigmoid, Node::logSigmoid, range(-30, 30)),
        new UnaryOp("softplus", ScalarTape::softplus, Node::softplus, range(-30, 30)),
        new UnaryOp("relu", ScalarTape::relu, Node::relu, withSpecial(-3, 3, 0.0)),
        new UnaryOp(
            "leakyRelu",
            (t, a) -> t.leakyRelu(a, 0.2),
            x -> x.leakyRelu(0.2),
            withSpecial(-3, 3, 0.0)),
        new UnaryOp("lgamma", ScalarTape::lgamma, Node::lgamma, range(0.1, 10)),
        new UnaryOp("digamma", ScalarTape::digamma, Node::digamma, range(0.1, 10)),
        new UnaryOp("normalCdf", ScalarTape::normalCdf, Node::normalCdf, range(-8, 8)),
        new UnaryOp("normalLogCdf", ScalarTape::normalLogCdf, Node::normalLogCdf, range(-40, 8)),
        new UnaryOp("add(a, c)", (t, a) -> t.add(a, 0.7), x -> x.add(0.7), range(-3, 3)),
        new UnaryOp("mul(a, c)", (t, a) -> t.mul(a, -1.3), x -> x.mul(-1.3), range(-3, 3)),
        new UnaryOp("pow(a, c)", (t, a) -> t.pow(a, 2.5), x -> x.pow(2.5), range(0.1, 3)),
        new UnaryOp("pow(a, 3)", (t, a) -> t.pow(a, 3.0), x -> x.pow(3.0), range(-2, 2)),
        new UnaryOp("pow(a, 2)", (t, a) -> t.pow(a, 2.0), x -> x.pow(2.0), range(-2, 2)),
        new UnaryOp("pow(a, 0)", (t, a) -> t.pow(a, 0.0), x -> x.pow(0.0), range(-2, 2)));
  }

  static Stream<BinaryOp> binaryOps() {
    return Stream.of(
        new BinaryOp("add", ScalarTape::add, Node::add, range(-3, 3), range(-3, 3)),
        new BinaryOp("sub", ScalarTape::sub, Node::sub, range(-3, 3), range(-3, 3)),
        new BinaryOp("mul", ScalarTape::mul, Node::mul, range(-3, 3), range(-3, 3)),
        new BinaryOp(
            "div",
            ScalarTape::div,
            Node::div,
            range(-3, 3),
            (rs, n) -> TestTensors.awayFromZero(rs, Shape.vector(n), 0.3, 3).toArray()),
        new BinaryOp("pow", ScalarTape::pow, Node::pow, range(0.2, 3), range(-2, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unaryOps")
  void unaryOpAgrees(UnaryOp op) {
    Properties.forAll(
        op.name().hashCode(),
        CASES,
        rs -> {
          int n = dim(rs, 1, 8);
          return List.of(Tensor.vector(op.domain().apply(rs, n)), weights(rs, n));
        },
        in -> {
          double[] x = in.get(0).toArray();
          double[] w = in.get(1).toArray();
          int n = x.length;
          ScalarTape st = new ScalarTape();
          int[] xs = new int[n];
          int[] ys = new int[n];
          int[] terms = new int[n];
          for (int i = 0; i < n; i++) {
            xs[i] = st.variable(x[i]);
            ys[i] = op.scalar().apply(st, xs[i]);
            terms[i] = st.mul(ys[i], w[i]);
          }
          int total = st.sum(terms);
          st.backward(total);

          Tape tape = new Tape();
          Node xn = tape.variable(Tensor.vector(x));
          Node yn = op.tensor().apply(xn);
          Node tn = yn.mul(tape.constant(Tensor.vector(w))).sum();
          tape.backward(tn);

          for (int i = 0; i < n; i++) {
            assertAgree(st.value(ys[i]), yn.get(i), "value " + i);
            assertAgree(st.adjoint(xs[i]), xn.gradAt(i), "gradient " + i);
          }
          assertAgree(st.value(total), tn.item(), "weighted sum");
        });
  }

  /**
   * At special inputs (NaN, infinities, signed zeros, the extremes of the double range) both tapes
   * give the same values and gradients, NaN included: no op swallows a NaN on one tape only.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unaryOps")
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // trigamma(-1e300) hung
  void unaryOpAgreesAtSpecialValues(UnaryOp op) {
    double[] x = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      0.0,
      -0.0,
      1e-300,
      -1e-300,
      1e300,
      -1e300,
      1.0
    };
    for (double v : x) {
      ScalarTape st = new ScalarTape();
      int xs = st.variable(v);
      int ys = op.scalar().apply(st, xs);
      st.backward(ys);
      Tape tape = new Tape();
      Node xn = tape.variable(v);
      Node yn = op.tensor().apply(xn);
      tape.backward(yn);
      assertAgree(st.value(ys), yn.item(), op.name() + "(" + v + ")");
      assertAgree(st.adjoint(xs), xn.gradAt(0), op.name() + "'(" + v + ")");
    }
  }

  /**
   * Binary operations on vectors of equal length, and with a scalar on either side (the tensor
   * tape's broadcast loops, the scalar tape reusing one handle): the scalar's gradient sums over
   * the elements.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryOps")
  void binaryOpAgrees(BinaryOp op) {
    Properties.forAll(
        op.name().hashCode(),
        CASES,
        rs -> {
          int n = dim(rs, 1, 8);
          return List.of(
              Tensor.vector(op.domainA().apply(rs, n)),
              Tensor.vector(op.domainB().apply(rs, n)),
              weights(rs, n),
              Tensor.scalar(rs.nextInt(3)));
        },
        in -> {
          double[] a = in.get(0).toArray();
          double[] b = in.get(1).toArray();
          double[] w = in.get(2).toArray();
          int mode = (int) in.get(3).item(); // 0: vector-vector, 1: vector-scalar, 2: scalar-vector
          int n = a.length;
          ScalarTape st = new ScalarTape();
          int[] as = new int[mode == 2 ? 1 : n];
          int[] bs = new int[mode == 1 ? 1 : n];
          for (int i = 0; i < as.length; i++) {
            as[i] = st.variable(a[i]);
          }
          for (int i = 0; i < bs.length; i++) {
            bs[i] = st.variable(b[i]);
          }
          int[] ys = new int[n];
          int[] terms = new int[n];
          for (int i = 0; i < n; i++) {
            ys[i] = op.scalar().apply(st, as[mode == 2 ? 0 : i], bs[mode == 1 ? 0 : i]);
            terms[i] = st.mul(ys[i], w[i]);
          }
          int total = st.sum(terms);
          st.backward(total);

          Tape tape = new Tape();
          Node an = tape.variable(mode == 2 ? Tensor.scalar(a[0]) : Tensor.vector(a));
          Node bn = tape.variable(mode == 1 ? Tensor.scalar(b[0]) : Tensor.vector(b));
          Node yn = op.tensor().apply(an, bn);
          Node tn = yn.mul(tape.constant(Tensor.vector(w))).sum();
          tape.backward(tn);

          for (int i = 0; i < n; i++) {
            assertAgree(st.value(ys[i]), yn.get(i), "value " + i);
          }
          for (int i = 0; i < as.length; i++) {
            assertAgree(st.adjoint(as[i]), an.gradAt(i), "gradient of a" + i);
          }
          for (int i = 0; i < bs.length; i++) {
            assertAgree(st.adjoint(bs[i]), bn.gradAt(i), "gradient of b" + i);
          }
          assertAgree(st.value(total), tn.item(), "weighted sum");
        });
  }

  @Test
  void sumAndDotAgree() {
    Properties.forAll(
        43,
        CASES,
        rs -> {
          int n = dim(rs, 1, 12);
          int offset = rs.nextInt(4);
          return List.of(
              TestTensors.uniform(rs, Shape.vector(n), -3, 3),
              TestTensors.uniform(rs, Shape.vector(n + offset), -2, 2),
              Tensor.scalar(offset));
        },
        in -> {
          double[] x = in.get(0).toArray();
          double[] coeffs = in.get(1).toArray();
          int offset = (int) in.get(2).item();
          int n = x.length;
          ScalarTape st = new ScalarTape();
          int[] xs = new int[n];
          for (int i = 0; i < n; i++) {
            xs[i] = st.variable(x[i]);
          }
          // sum(x) * dot(x, c): gradients sum(c) * ... exercise both rules and their fan-out
          int s = st.sum(xs);
          int d = st.dot(xs, coeffs, offset);
          int out = st.mul(s, d);
          st.backward(out);

          Tape tape = new Tape();
          Node xn = tape.variable(Tensor.vector(x));
          Node c =
              tape.constant(
                  Tensor.vector(java.util.Arrays.copyOfRange(coeffs, offset, offset + n)));
          Node sn = xn.sum();
          Node dn = xn.dot(c);
          Node on = sn.mul(dn);
          tape.backward(on);

          assertAgree(st.value(s), sn.item(), "sum");
          assertAgree(st.value(d), dn.item(), "dot");
          assertAgree(st.value(out), on.item(), "sum * dot");
          for (int i = 0; i < n; i++) {
            assertAgree(st.adjoint(xs[i]), xn.gradAt(i), "gradient " + i);
          }
        });
  }

  /** The normal log-likelihood in (mu, log sigma) over 50 points, scalar loop vs vectorised. */
  @Test
  void normalLogLikelihoodAgrees() {
    Properties.forAll(
        47,
        CASES,
        rs ->
            List.of(
                TestTensors.uniform(rs, Shape.vector(50), -3, 5),
                TestTensors.uniform(rs, Shape.vector(2), -1, 1)),
        in -> {
          double[] y = in.get(0).toArray();
          double mu0 = in.get(1).get(0);
          double ls0 = in.get(1).get(1);
          ScalarTape st = new ScalarTape();
          int mu = st.variable(mu0);
          int ls = st.variable(ls0);
          int invSigma = st.exp(st.neg(ls));
          int[] terms = new int[y.length];
          for (int i = 0; i < y.length; i++) {
            int z = st.mul(st.sub(st.constant(y[i]), mu), invSigma);
            terms[i] = st.sub(st.mul(st.square(z), -0.5), ls);
          }
          int ll = st.sum(terms);
          st.backward(ll);

          Tape tape = new Tape();
          Node mun = tape.variable(mu0);
          Node lsn = tape.variable(ls0);
          Node z = tape.constant(in.get(0)).sub(mun).mul(lsn.neg().exp());
          Node lln = z.square().mul(-0.5).sub(lsn).sum();
          tape.backward(lln);

          assertAgree(st.value(ll), lln.item(), "log likelihood");
          assertAgree(st.adjoint(mu), mun.gradAt(0), "d/dmu");
          assertAgree(st.adjoint(ls), lsn.gradAt(0), "d/dlog sigma");
        });
  }

  /** A logistic-regression log joint: rows by dot(w, x_r) on the scalar tape, matmul on tensors. */
  @Test
  void logisticRegressionAgrees() {
    Properties.forAll(
        53,
        CASES,
        rs -> {
          int rows = dim(rs, 1, 30);
          int d = dim(rs, 1, 5);
          return List.of(
              TestTensors.uniform(rs, Shape.matrix(rows, d), -2, 2),
              TestTensors.mask(rs, Shape.vector(rows)),
              TestTensors.uniform(rs, Shape.vector(d), -1, 1));
        },
        in -> {
          Tensor xs = in.get(0);
          Tensor y = in.get(1);
          Tensor w = in.get(2);
          int rows = xs.shape().rows();
          int d = xs.shape().cols();
          double[] flat = xs.toArray();
          ScalarTape st = new ScalarTape();
          int[] ws = new int[d];
          int[] wsq = new int[d];
          for (int j = 0; j < d; j++) {
            ws[j] = st.variable(w.get(j));
            wsq[j] = st.square(ws[j]);
          }
          List<Integer> terms = new ArrayList<>();
          for (int r = 0; r < rows; r++) {
            int eta = st.dot(ws, flat, r * d);
            terms.add(st.sub(st.mul(eta, y.get(r)), st.softplus(eta)));
          }
          terms.add(st.mul(st.sum(wsq), -0.5));
          int lj = st.sum(terms.stream().mapToInt(Integer::intValue).toArray());
          st.backward(lj);

          Tape tape = new Tape();
          Node wn = tape.variable(w);
          Node eta = tape.constant(xs).matmul(wn);
          Node ljn =
              tape.constant(y).mul(eta).sub(eta.softplus()).sum().add(wn.square().sum().mul(-0.5));
          tape.backward(ljn);

          assertAgree(st.value(lj), ljn.item(), "log joint");
          for (int j = 0; j < d; j++) {
            assertAgree(st.adjoint(ws[j]), wn.gradAt(j), "gradient " + j);
          }
        });
  }

  private static Tensor weights(RandomStream rs, int n) {
    return TestTensors.uniform(rs, Shape.vector(n), -2, 2);
  }

  private static void assertAgree(double scalarTape, double tensorTape, String what) {
    if (!TestTensors.close(scalarTape, tensorTape, TOL)) {
      throw new AssertionError(
          what + ": scalar tape " + scalarTape + ", tensor tape " + tensorTape);
    }
  }
}
