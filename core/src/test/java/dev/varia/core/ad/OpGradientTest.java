package dev.varia.core.ad;

import static dev.varia.core.ad.TestTensors.anyShape;
import static dev.varia.core.ad.TestTensors.awayFromZero;
import static dev.varia.core.ad.TestTensors.dim;
import static dev.varia.core.ad.TestTensors.distinct;
import static dev.varia.core.ad.TestTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.varia.core.random.RandomStream;
import dev.varia.core.testing.GradCheck;
import dev.varia.core.testing.Properties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of the engine (except the elementwise binary ones with broadcasting, which {@link
 * BroadcastTest} covers) at many seeded random inputs of random shapes: the reverse-mode gradient
 * against central finite differences ({@link GradCheck}), and the forward value against an
 * independent reference (plain loops, {@code Math}, commons-numbers or commons-statistics).
 */
class OpGradientTest {
  /** Random inputs per operation. */
  static final int CASES = 30;

  /**
   * Smooth operations: h = 1e-6 puts truncation (h^2 f3 / 6) and rounding (eps |f| / h) errors near
   * 1e-10 to 1e-8 for the moderate values drawn here; tol 1e-6 is the margin.
   */
  static final double H = 1e-6;

  static final double TOL = 1e-6;

  /**
   * Operations linear, bilinear or quadratic in each input coordinate, or piecewise linear with
   * every kink farther than h from the inputs drawn: central differences are exact but for rounding
   * (about eps |f| / h = 1e-12 here), so the tolerance can be 1e-10.
   */
  static final double EXACT_H = 1e-2;

  static final double EXACT_TOL = 1e-10;

  /** Forward values against references: same formula or a different summation order. */
  static final double VALUE_TOL = 1e-12;

  /** One random instance: inputs, the function of them, and the expected value (or null). */
  record Case(String what, List<Tensor> inputs, Grad.Fn fn, Tensor expected) {
    @Override
    public String toString() {
      return what + " at " + inputs;
    }
  }

  /** An operation under test: a generator of cases and the finite-difference settings. */
  record Op(String name, double h, double tol, Function<RandomStream, Case> gen) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void gradientMatchesFiniteDifferencesAndValueMatchesReference(Op op) {
    Properties.forAll(
        op.name().hashCode(),
        CASES,
        op.gen(),
        c -> {
          Tensor[] at = c.inputs().toArray(new Tensor[0]);
          if (c.expected() != null) {
            Tape tape = new Tape();
            Node[] in = new Node[at.length];
            for (int i = 0; i < at.length; i++) {
              in[i] = tape.variable(at[i]);
            }
            TestTensors.assertClose(c.expected(), c.fn().apply(in).detach(), VALUE_TOL, "value");
          }
          GradCheck.check(c.fn(), op.h(), op.tol(), at);
        });
  }

  static Stream<Op> ops() {
    List<Op> ops = new ArrayList<>();
    ops.addAll(unaryOps());
    ops.addAll(constantOperandOps());
    ops.addAll(reductionOps());
    ops.addAll(linearAlgebraOps());
    ops.addAll(indexingOps());
    ops.addAll(factorisationOps());
    ops.addAll(compositeOps());
    return ops.stream();
  }

  // ---------------------------------------------------------------- elementwise, one input

  static List<Op> unaryOps() {
    NormalDistribution normal = NormalDistribution.of(0, 1);
    return List.of(
        unary("neg", true, range(-3, 3), Node::neg, x -> -x),
        unary("square", true, range(-3, 3), Node::square, x -> x * x),
        unary("sqrt", false, range(0.1, 5), Node::sqrt, Math::sqrt),
        unary("exp", false, range(-3, 3), Node::exp, Math::exp),
        unary("log", false, range(0.1, 5), Node::log, Math::log),
        unary("log1p", false, range(-0.9, 5), Node::log1p, Math::log1p),
        unary("expm1", false, range(-3, 3), Node::expm1, Math::expm1),
        unary("abs", true, away(0.05, 3), Node::abs, Math::abs),
        unary("sin", false, range(-4, 4), Node::sin, Math::sin),
        unary("cos", false, range(-4, 4), Node::cos, Math::cos),
        unary("tanh", false, range(-4, 4), Node::tanh, Math::tanh),
        unary("sigmoid", false, range(-10, 10), Node::sigmoid, x -> 1 / (1 + Math.exp(-x))),
        unary(
            "logSigmoid", false, range(-10, 10), Node::logSigmoid, x -> -Math.log1p(Math.exp(-x))),
        unary("softplus", false, range(-10, 10), Node::softplus, x -> Math.log1p(Math.exp(x))),
        unary("relu", true, away(0.05, 3), Node::relu, x -> Math.max(x, 0)),
        unary("leakyRelu", true, away(0.05, 3), x -> x.leakyRelu(0.1), x -> x > 0 ? x : 0.1 * x),
        unary("lgamma", false, range(0.2, 8), Node::lgamma, LogGamma::value),
        // log|Gamma(x)| for negative non-integers, by the reflection formula
        unary(
            "lgamma (negative non-integers)",
            false,
            (rs, s) -> negativeNonIntegers(rs, s),
            Node::lgamma,
            x -> Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - LogGamma.value(1 - x)),
        unary("digamma", false, range(0.3, 8), Node::digamma, Digamma::value),
        unary("normalCdf", false, range(-6, 6), Node::normalCdf, normal::cumulativeProbability),
        unary(
            "normalLogCdf",
            false,
            range(-30, 8),
            Node::normalLogCdf,
            x ->
                x > 0
                    ? Math.log1p(-normal.survivalProbability(x))
                    : Math.log(normal.cumulativeProbability(x))));
  }

  /** -(k + u) with k in 0..3 and u in [0.1, 0.9]: at least 0.1 from a pole. */
  private static Tensor negativeNonIntegers(RandomStream rs, Shape s) {
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = -(rs.nextInt(4) + 0.1 + 0.8 * rs.uniform());
    }
    return Tensor.wrap(d, s);
  }

  static List<Op> constantOperandOps() {
    return List.of(
        unary("add(c)", true, range(-3, 3), x -> x.add(0.7), x -> x + 0.7),
        unary("sub(c)", true, range(-3, 3), x -> x.sub(0.7), x -> x - 0.7),
        unary("rsub(c)", true, range(-3, 3), x -> x.rsub(0.7), x -> 0.7 - x),
        unary("mul(c)", true, range(-3, 3), x -> x.mul(-1.3), x -> -1.3 * x),
        unary("div(c)", true, range(-3, 3), x -> x.div(1.7), x -> x / 1.7),
        unary("rdiv(c)", false, away(0.3, 2), x -> x.rdiv(1.7), x -> 1.7 / x),
        unary("pow(x, 2)", true, range(-3, 3), x -> x.pow(2.0), x -> x * x),
        unary("pow(x, 3) any sign", false, range(-2, 2), x -> x.pow(3.0), x -> x * x * x),
        unary("pow(x, -1.5)", false, range(0.3, 3), x -> x.pow(-1.5), x -> Math.pow(x, -1.5)),
        unary("pow(x, 0.5)", false, range(0.3, 3), x -> x.pow(0.5), Math::sqrt),
        unary("pow(x, 0)", true, range(-3, 3), x -> x.pow(0.0), x -> 1.0),
        unary(
            "pow(2, x) constant base",
            false,
            range(-3, 3),
            x -> x.tape().constant(2.0).pow(x),
            x -> Math.pow(2, x)));
  }

  private static BiFunction<RandomStream, Shape, Tensor> range(double lo, double hi) {
    return (rs, s) -> uniform(rs, s, lo, hi);
  }

  private static BiFunction<RandomStream, Shape, Tensor> away(double lo, double hi) {
    return (rs, s) -> awayFromZero(rs, s, lo, hi);
  }

  private static Op unary(
      String name,
      boolean exact,
      BiFunction<RandomStream, Shape, Tensor> domain,
      UnaryOperator<Node> f,
      DoubleUnaryOperator ref) {
    return new Op(
        name,
        exact ? EXACT_H : H,
        exact ? EXACT_TOL : TOL,
        rs -> {
          Tensor x = domain.apply(rs, anyShape(rs));
          double[] y = x.toArray();
          for (int i = 0; i < y.length; i++) {
            y[i] = ref.applyAsDouble(y[i]);
          }
          return new Case(name, List.of(x), in -> f.apply(in[0]), Tensor.wrap(y, x.shape()));
        });
  }

  // ---------------------------------------------------------------- reductions

  static List<Op> reductionOps() {
    List<Op> ops = new ArrayList<>();
    ToDoubleFunction<double[]> sum = v -> Arrays.stream(v).sum();
    ToDoubleFunction<double[]> mean = v -> Arrays.stream(v).sum() / v.length;
    ToDoubleFunction<double[]> max = v -> Arrays.stream(v).max().getAsDouble();
    ToDoubleFunction<double[]> min = v -> Arrays.stream(v).min().getAsDouble();
    ToDoubleFunction<double[]> lse = v -> Math.log(Arrays.stream(v).map(Math::exp).sum());
    for (int axis = -1; axis <= 1; axis++) {
      int ax = axis;
      ops.add(reduction("sum", ax, true, false, x -> ax < 0 ? x.sum() : x.sum(ax), sum));
      ops.add(reduction("mean", ax, true, false, x -> ax < 0 ? x.mean() : x.mean(ax), mean));
      ops.add(reduction("max", ax, true, true, x -> ax < 0 ? x.max() : x.max(ax), max));
      ops.add(reduction("min", ax, true, true, x -> ax < 0 ? x.min() : x.min(ax), min));
      ops.add(
          reduction(
              "logSumExp", ax, false, false, x -> ax < 0 ? x.logSumExp() : x.logSumExp(ax), lse));
    }
    return ops;
  }

  /**
   * A reduction over all elements (axis -1: any shape), along axis 0 (a vector or a matrix) or
   * along axis 1 (a matrix).
   */
  private static Op reduction(
      String op,
      int axis,
      boolean exact,
      boolean distinctValues,
      UnaryOperator<Node> f,
      ToDoubleFunction<double[]> ref) {
    String name = op + (axis < 0 ? " (all)" : " (axis " + axis + ")");
    return new Op(
        name,
        exact ? EXACT_H : H,
        exact ? EXACT_TOL : TOL,
        rs -> {
          Shape s;
          if (axis < 0) {
            s = anyShape(rs);
          } else if (axis == 0 && rs.nextInt(3) == 0) {
            s = Shape.vector(dim(rs, 1, 5));
          } else {
            s = Shape.matrix(dim(rs, 1, 4), dim(rs, 1, 4));
          }
          Tensor x = distinctValues ? distinct(rs, s) : uniform(rs, s, -3, 3);
          return new Case(name, List.of(x), in -> f.apply(in[0]), reduceRef(x, axis, ref));
        });
  }

  private static Tensor reduceRef(Tensor x, int axis, ToDoubleFunction<double[]> ref) {
    Shape s = x.shape();
    if (axis < 0 || !s.isMatrix()) {
      return Tensor.scalar(ref.applyAsDouble(x.toArray()));
    }
    int m = s.rows();
    int n = s.cols();
    int groups = axis == 0 ? n : m;
    int len = axis == 0 ? m : n;
    double[] y = new double[groups];
    for (int g = 0; g < groups; g++) {
      double[] v = new double[len];
      for (int i = 0; i < len; i++) {
        v[i] = axis == 0 ? x.get(i, g) : x.get(g, i);
      }
      y[g] = ref.applyAsDouble(v);
    }
    return Tensor.wrap(y, Shape.vector(groups));
  }

  // ---------------------------------------------------------------- products and transpose

  static List<Op> linearAlgebraOps() {
    return List.of(
        exact(
            "matmul matrix-matrix",
            rs -> {
              int m = dim(rs, 1, 4);
              int k = dim(rs, 1, 4);
              int n = dim(rs, 1, 4);
              Tensor a = uniform(rs, Shape.matrix(m, k), -2, 2);
              Tensor b = uniform(rs, Shape.matrix(k, n), -2, 2);
              return new Case(
                  "A B",
                  List.of(a, b),
                  in -> in[0].matmul(in[1]),
                  Tensor.wrap(
                      TestTensors.matmul(a.toArray(), b.toArray(), m, k, n), Shape.matrix(m, n)));
            }),
        exact(
            "matmul matrix-vector",
            rs -> {
              int m = dim(rs, 1, 4);
              int k = dim(rs, 1, 5);
              Tensor a = uniform(rs, Shape.matrix(m, k), -2, 2);
              Tensor b = uniform(rs, Shape.vector(k), -2, 2);
              return new Case(
                  "A v",
                  List.of(a, b),
                  in -> in[0].matmul(in[1]),
                  Tensor.wrap(
                      TestTensors.matmul(a.toArray(), b.toArray(), m, k, 1), Shape.vector(m)));
            }),
        exact(
            "matmul vector-matrix",
            rs -> {
              int k = dim(rs, 1, 5);
              int n = dim(rs, 1, 4);
              Tensor a = uniform(rs, Shape.vector(k), -2, 2);
              Tensor b = uniform(rs, Shape.matrix(k, n), -2, 2);
              return new Case(
                  "v A",
                  List.of(a, b),
                  in -> in[0].matmul(in[1]),
                  Tensor.wrap(
                      TestTensors.matmul(a.toArray(), b.toArray(), 1, k, n), Shape.vector(n)));
            }),
        exact(
            "dot",
            rs -> {
              int k = dim(rs, 1, 6);
              Tensor a = uniform(rs, Shape.vector(k), -2, 2);
              Tensor b = uniform(rs, Shape.vector(k), -2, 2);
              return new Case(
                  "a . b",
                  List.of(a, b),
                  in -> in[0].dot(in[1]),
                  Tensor.scalar(TestTensors.matmul(a.toArray(), b.toArray(), 1, k, 1)[0]));
            }),
        exact(
            "outer",
            rs -> {
              int m = dim(rs, 1, 4);
              int n = dim(rs, 1, 4);
              Tensor a = uniform(rs, Shape.vector(m), -2, 2);
              Tensor b = uniform(rs, Shape.vector(n), -2, 2);
              return new Case(
                  "a b^T",
                  List.of(a, b),
                  in -> in[0].outer(in[1]),
                  Tensor.wrap(
                      TestTensors.matmul(a.toArray(), b.toArray(), m, 1, n), Shape.matrix(m, n)));
            }),
        exact(
            "transpose",
            rs -> {
              int m = dim(rs, 1, 4);
              int n = dim(rs, 1, 4);
              Tensor a = uniform(rs, Shape.matrix(m, n), -2, 2);
              double[] t = new double[m * n];
              for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                  t[j * m + i] = a.get(i, j);
                }
              }
              return new Case(
                  "A^T", List.of(a), in -> in[0].transpose(), Tensor.wrap(t, Shape.matrix(n, m)));
            }),
        exact(
            "transpose of a vector (unchanged)",
            rs -> {
              Tensor a = uniform(rs, Shape.vector(dim(rs, 1, 5)), -2, 2);
              return new Case("v^T", List.of(a), in -> in[0].transpose(), a);
            }),
        exact(
            "A^T A (an input used twice)",
            rs -> {
              int m = dim(rs, 1, 4);
              int n = dim(rs, 1, 4);
              Tensor a = uniform(rs, Shape.matrix(m, n), -2, 2);
              double[] t = new double[m * n];
              for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                  t[j * m + i] = a.get(i, j);
                }
              }
              return new Case(
                  "A^T A",
                  List.of(a),
                  in -> in[0].transpose().matmul(in[0]),
                  Tensor.wrap(TestTensors.matmul(t, a.toArray(), n, m, n), Shape.matrix(n, n)));
            }));
  }

  private static Op exact(String name, Function<RandomStream, Case> gen) {
    return new Op(name, EXACT_H, EXACT_TOL, gen);
  }

  private static Op smooth(String name, Function<RandomStream, Case> gen) {
    return new Op(name, H, TOL, gen);
  }

  // ---------------------------------------------------------------- indexing and shape

  static List<Op> indexingOps() {
    return List.of(
        exact(
            "index vector element",
            rs -> {
              Tensor x = uniform(rs, Shape.vector(dim(rs, 1, 6)), -2, 2);
              int i = rs.nextInt(x.size());
              return new Case(
                  "x[" + i + "]", List.of(x), in -> in[0].index(i), Tensor.scalar(x.get(i)));
            }),
        exact(
            "index matrix row",
            rs -> {
              int m = dim(rs, 1, 4);
              int n = dim(rs, 1, 4);
              Tensor x = uniform(rs, Shape.matrix(m, n), -2, 2);
              int i = rs.nextInt(m);
              double[] row = Arrays.copyOfRange(x.toArray(), i * n, (i + 1) * n);
              return new Case("X[" + i + "]", List.of(x), in -> in[0].index(i), Tensor.vector(row));
            }),
        exact(
            "index matrix element",
            rs -> {
              int m = dim(rs, 1, 4);
              int n = dim(rs, 1, 4);
              Tensor x = uniform(rs, Shape.matrix(m, n), -2, 2);
              int i = rs.nextInt(m);
              int j = rs.nextInt(n);
              return new Case(
                  "X[" + i + ", " + j + "]",
                  List.of(x),
                  in -> in[0].index(i, j),
                  Tensor.scalar(x.get(i, j)));
            }),
        exact(
            "gather vector elements (repeated)",
            rs -> {
              Tensor x = uniform(rs, Shape.vector(dim(rs, 1, 5)), -2, 2);
              int[] idx = repeatedIndices(rs, x.size());
              double[] y = new double[idx.length];
              for (int k = 0; k < idx.length; k++) {
                y[k] = x.get(idx[k]);
              }
              return new Case(
                  "gather " + Arrays.toString(idx),
                  List.of(x),
                  in -> in[0].gather(idx),
                  Tensor.vector(y));
            }),
        exact(
            "gather matrix rows (repeated)",
            rs -> {
              int m = dim(rs, 1, 4);
              int n = dim(rs, 1, 4);
              Tensor x = uniform(rs, Shape.matrix(m, n), -2, 2);
              int[] idx = repeatedIndices(rs, m);
              double[] y = new double[idx.length * n];
              for (int k = 0; k < idx.length; k++) {
                for (int j = 0; j < n; j++) {
                  y[k * n + j] = x.get(idx[k], j);
                }
              }
              return new Case(
                  "gather rows " + Arrays.toString(idx),
                  List.of(x),
                  in -> in[0].gather(idx),
                  Tensor.wrap(y, Shape.matrix(idx.length, n)));
            }),
        exact(
            "slice vector",
            rs -> {
              Tensor x = uniform(rs, Shape.vector(dim(rs, 1, 6)), -2, 2);
              int from = rs.nextInt(x.size());
              int to = from + 1 + rs.nextInt(x.size() - from);
              return new Case(
                  "slice " + from + ".." + to,
                  List.of(x),
                  in -> in[0].slice(from, to),
                  Tensor.vector(Arrays.copyOfRange(x.toArray(), from, to)));
            }),
        exact(
            "slice matrix rows",
            rs -> {
              int m = dim(rs, 1, 5);
              int n = dim(rs, 1, 4);
              Tensor x = uniform(rs, Shape.matrix(m, n), -2, 2);
              int from = rs.nextInt(m);
              int to = from + 1 + rs.nextInt(m - from);
              return new Case(
                  "slice rows " + from + ".." + to,
                  List.of(x),
                  in -> in[0].slice(from, to),
                  Tensor.wrap(
                      Arrays.copyOfRange(x.toArray(), from * n, to * n),
                      Shape.matrix(to - from, n)));
            }),
        smooth(
            "reshape",
            rs -> {
              int m = dim(rs, 1, 4);
              int n = dim(rs, 1, 4);
              Shape[] shapes = {
                Shape.vector(m * n), Shape.matrix(m, n), Shape.matrix(n, m), Shape.matrix(1, m * n)
              };
              Shape from = shapes[rs.nextInt(shapes.length)];
              Shape to = shapes[rs.nextInt(shapes.length)];
              Tensor x = uniform(rs, from, -2, 2);
              // a nonlinear function after the reshape so that a wrong layout shows in gradients
              return new Case(
                  "reshape " + from + " -> " + to,
                  List.of(x),
                  in -> in[0].reshape(to).sin(),
                  Tensor.wrap(Arrays.stream(x.toArray()).map(Math::sin).toArray(), to));
            }),
        exact(
            "reshape one element to a scalar",
            rs -> {
              Shape[] ones = {Shape.vector(1), Shape.matrix(1, 1)};
              Tensor x = uniform(rs, ones[rs.nextInt(2)], -2, 2);
              return new Case(
                  "reshape to []",
                  List.of(x),
                  in -> in[0].reshape(Shape.SCALAR),
                  Tensor.scalar(x.get(0)));
            }),
        exact(
            "concat vectors and scalars",
            rs -> {
              int parts = dim(rs, 1, 4);
              List<Tensor> xs = new ArrayList<>();
              List<Double> all = new ArrayList<>();
              for (int p = 0; p < parts; p++) {
                Shape s = rs.nextInt(3) == 0 ? Shape.SCALAR : Shape.vector(dim(rs, 1, 4));
                Tensor t = uniform(rs, s, -2, 2);
                xs.add(t);
                for (double v : t.toArray()) {
                  all.add(v);
                }
              }
              return new Case(
                  "concat",
                  xs,
                  in -> Node.concat(in),
                  Tensor.vector(all.stream().mapToDouble(Double::doubleValue).toArray()));
            }),
        exact(
            "concat matrices",
            rs -> {
              int parts = dim(rs, 1, 3);
              int n = dim(rs, 1, 4);
              List<Tensor> xs = new ArrayList<>();
              List<Double> all = new ArrayList<>();
              int rows = 0;
              for (int p = 0; p < parts; p++) {
                int m = dim(rs, 1, 3);
                rows += m;
                Tensor t = uniform(rs, Shape.matrix(m, n), -2, 2);
                xs.add(t);
                for (double v : t.toArray()) {
                  all.add(v);
                }
              }
              return new Case(
                  "concat",
                  xs,
                  in -> Node.concat(in),
                  Tensor.wrap(
                      all.stream().mapToDouble(Double::doubleValue).toArray(),
                      Shape.matrix(rows, n)));
            }),
        exact(
            "where (same shapes)",
            rs -> {
              Shape s = anyShape(rs);
              Tensor cond = TestTensors.mask(rs, s);
              Tensor a = uniform(rs, s, -2, 2);
              Tensor b = uniform(rs, s, -2, 2);
              double[] y = new double[s.size()];
              for (int i = 0; i < y.length; i++) {
                y[i] = cond.get(i) != 0 ? a.get(i) : b.get(i);
              }
              return new Case(
                  "where " + cond,
                  List.of(a, b),
                  in -> Node.where(in[0].tape().constant(cond), in[0], in[1]),
                  Tensor.wrap(y, s));
            }));
  }

  /** 1 to 6 indices below n, the last repeating the first when there are two or more. */
  private static int[] repeatedIndices(RandomStream rs, int n) {
    int[] idx = new int[dim(rs, 1, 6)];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = rs.nextInt(n);
    }
    if (idx.length > 1) {
      idx[idx.length - 1] = idx[0];
    }
    return idx;
  }

  // ---------------------------------------------------------------- factorisations and solves

  static List<Op> factorisationOps() {
    List<Op> ops = new ArrayList<>();
    ops.add(
        smooth(
            "cholesky",
            rs -> {
              int n = dim(rs, 1, 5);
              Tensor spd = TestTensors.spd(rs, n);
              Tensor a = TestTensors.garbageAbove(rs, spd);
              return new Case(
                  "cholesky",
                  List.of(a),
                  in -> in[0].cholesky(),
                  Tensor.wrap(TestTensors.cholesky(spd.toArray(), n), spd.shape()));
            }));
    ops.add(
        smooth(
            "logDetSpd",
            rs -> {
              int n = dim(rs, 1, 5);
              Tensor spd = TestTensors.spd(rs, n);
              Tensor a = TestTensors.garbageAbove(rs, spd);
              return new Case(
                  "logDetSpd",
                  List.of(a),
                  in -> in[0].logDetSpd(),
                  Tensor.scalar(TestTensors.logAbsDet(spd.toArray(), n)));
            }));
    for (boolean lower : new boolean[] {true, false}) {
      for (boolean transpose : new boolean[] {false, true}) {
        for (boolean matrixRhs : new boolean[] {false, true}) {
          String name =
              "solveTriangular "
                  + (lower ? "lower" : "upper")
                  + (transpose ? " transposed" : "")
                  + (matrixRhs ? ", matrix rhs" : ", vector rhs");
          ops.add(
              smooth(
                  name,
                  rs -> {
                    int n = dim(rs, 1, 5);
                    int cols = matrixRhs ? dim(rs, 1, 3) : 1;
                    Tensor t = TestTensors.triangular(rs, n, lower);
                    Shape bs = matrixRhs ? Shape.matrix(n, cols) : Shape.vector(n);
                    Tensor b = uniform(rs, bs, -2, 2);
                    double[] e = TestTensors.effectiveTriangle(t.toArray(), n, lower, transpose);
                    Tensor x = Tensor.wrap(TestTensors.solveDense(e, b.toArray(), n, cols), bs);
                    return new Case(
                        name,
                        List.of(t, b),
                        in -> in[0].solveTriangular(in[1], lower, transpose),
                        x);
                  }));
        }
      }
    }
    return ops;
  }

  // ---------------------------------------------------------------- compositions

  static List<Op> compositeOps() {
    return List.of(
        smooth(
            "multivariate normal log density (cholesky, solve, dot, logDet)",
            rs -> {
              int n = dim(rs, 1, 4);
              Tensor s = TestTensors.spd(rs, n);
              Tensor x = uniform(rs, Shape.vector(n), -2, 2);
              Tensor mu = uniform(rs, Shape.vector(n), -2, 2);
              double[] d = new double[n];
              for (int i = 0; i < n; i++) {
                d[i] = x.get(i) - mu.get(i);
              }
              double[] sinvD = TestTensors.solveDense(s.toArray(), d, n, 1);
              double quad = 0;
              for (int i = 0; i < n; i++) {
                quad += d[i] * sinvD[i];
              }
              double expected = -0.5 * quad - 0.5 * TestTensors.logAbsDet(s.toArray(), n);
              return new Case(
                  "mvn",
                  List.of(s, x, mu),
                  in -> {
                    Node z = in[0].cholesky().solveTriangular(in[1].sub(in[2]), true, false);
                    return z.dot(z).mul(-0.5).sub(in[0].logDetSpd().mul(0.5));
                  },
                  Tensor.scalar(expected));
            }),
        smooth(
            "fan-out: x * exp(x) + sin(x) - sum(x) / 2",
            rs -> {
              Tensor x = uniform(rs, anyShape(rs), -2, 2);
              double[] v = x.toArray();
              double total = Arrays.stream(v).sum();
              double[] y = new double[v.length];
              for (int i = 0; i < v.length; i++) {
                y[i] = v[i] * Math.exp(v[i]) + Math.sin(v[i]) - total / 2;
              }
              return new Case(
                  "fan-out",
                  List.of(x),
                  in -> in[0].mul(in[0].exp()).add(in[0].sin()).sub(in[0].sum().div(2.0)),
                  Tensor.wrap(y, x.shape()));
            }),
        smooth(
            "logistic regression log likelihood",
            rs -> {
              int rows = dim(rs, 1, 6);
              int d = dim(rs, 1, 3);
              Tensor xs = uniform(rs, Shape.matrix(rows, d), -2, 2);
              Tensor y = TestTensors.mask(rs, Shape.vector(rows));
              Tensor w = uniform(rs, Shape.vector(d), -1, 1);
              double ll = 0;
              for (int r = 0; r < rows; r++) {
                double eta = 0;
                for (int j = 0; j < d; j++) {
                  eta += xs.get(r, j) * w.get(j);
                }
                ll += y.get(r) * eta - Math.log1p(Math.exp(eta));
              }
              return new Case(
                  "logreg",
                  List.of(w),
                  in -> {
                    Tape tape = in[0].tape();
                    Node eta = tape.constant(xs).matmul(in[0]);
                    return tape.constant(y).mul(eta).sub(eta.softplus()).sum();
                  },
                  Tensor.scalar(ll));
            }));
  }

  // ---------------------------------------------------------------- not by finite differences

  /**
   * stopGradient cannot be checked by finite differences (that it disagrees with them is its
   * point): its value is the input's, and no gradient flows through it, also when the input is used
   * elsewhere too.
   */
  @Test
  void stopGradientKeepsTheValueAndBlocksTheGradient() {
    Properties.forAll(
        11,
        CASES,
        rs -> uniform(rs, anyShape(rs), -2, 2),
        x -> {
          Tape tape = new Tape();
          Node v = tape.variable(x);
          Node s = v.stopGradient();
          assertFalse(s.requiresGrad());
          TestTensors.assertClose(x, s.detach(), 0, "value");
          // f = sum(v * sg(v)): df/dv = sg(v) = v, where differentiating through would give 2v
          tape.backward(v.mul(s).sum());
          TestTensors.assertClose(x, v.grad(), 0, "gradient");
        });
  }

  /**
   * Products large enough to go to ojAlgo (m k n >= 2^18) against the naive product, and their
   * gradients against dA = G B^T and dB = A^T G computed naively, for a random seed G.
   */
  @Test
  void largeMatmulMatchesNaiveProductAndGradients() {
    RandomStream rs = RandomStream.seeded(5);
    int m = 70;
    int k = 80;
    int n = 90;
    Tensor a = uniform(rs, Shape.matrix(m, k), -1, 1);
    Tensor b = uniform(rs, Shape.matrix(k, n), -1, 1);
    Tensor g = uniform(rs, Shape.matrix(m, n), -1, 1);
    Tape tape = new Tape();
    Node an = tape.variable(a);
    Node bn = tape.variable(b);
    Node c = an.matmul(bn);
    // summation order differs (ojAlgo blocks); |c_ij| <= 80, so 1e-12 relative to max(1, |c|)
    TestTensors.assertClose(
        Tensor.wrap(TestTensors.matmul(a.toArray(), b.toArray(), m, k, n), Shape.matrix(m, n)),
        c.detach(),
        VALUE_TOL,
        "A B");
    tape.backward(c, g);
    double[] bt = new double[n * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < n; j++) {
        bt[j * k + i] = b.get(i, j);
      }
    }
    double[] at = new double[k * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < k; j++) {
        at[j * m + i] = a.get(i, j);
      }
    }
    TestTensors.assertClose(
        Tensor.wrap(TestTensors.matmul(g.toArray(), bt, m, n, k), Shape.matrix(m, k)),
        an.grad(),
        VALUE_TOL,
        "dA");
    TestTensors.assertClose(
        Tensor.wrap(TestTensors.matmul(at, g.toArray(), k, m, n), Shape.matrix(k, n)),
        bn.grad(),
        VALUE_TOL,
        "dB");
    assertEquals(Shape.matrix(m, n), c.shape());
  }
}
