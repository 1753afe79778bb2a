package dev.varia.core.ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * The engine's buffer recycling: gradient buffers are zeroed lazily or overwritten whole, saved
 * derivatives live in recycled scratch buffers, and nodes that receive no gradient run no backward
 * rule. Every case is evaluated several times on one reused tape, so that garbage left in a
 * recycled buffer would show.
 */
class GradBufferRecyclingTest {
  private static final Tensor X = Tensor.vector(0.3, -1.2, 2.5, -0.7, 0.0);

  private static Tensor[] gradsOnReusedTape(Tape tape, Grad.Fn f, Tensor... at) {
    Tensor[] first = Grad.valueAndGrad(tape, f, at).grads();
    for (int k = 0; k < 3; k++) {
      Tensor[] again = Grad.valueAndGrad(tape, f, at).grads();
      for (int i = 0; i < first.length; i++) {
        assertEquals(first[i], again[i], "evaluation " + (k + 2) + " differs from the first");
      }
    }
    return first;
  }

  @Test
  void anOperationWhoseInputsAreOneNodeAddsBothContributions() {
    Tape tape = new Tape();
    Tensor g = gradsOnReusedTape(tape, x -> x[0].mul(x[0]).sum(), X)[0];
    Tensor h = gradsOnReusedTape(tape, x -> x[0].add(x[0]).mul(x[0]).sum(), X)[0];
    for (int i = 0; i < X.size(); i++) {
      assertEquals(2 * X.get(i), g.get(i), 0.0);
      assertEquals(4 * X.get(i), h.get(i), 1e-15);
    }
  }

  @Test
  void nodesOffThePathToTheOutputContributeNothing() {
    Tape tape = new Tape();
    // log(x) at x = 0 would give 0 * (1/0) = NaN if its rule ran with a zero gradient
    Tensor g =
        gradsOnReusedTape(
            tape,
            x -> {
              x[0].log().exp();
              return x[0].square().sum();
            },
            X)[0];
    for (int i = 0; i < X.size(); i++) {
      assertEquals(2 * X.get(i), g.get(i), 0.0);
    }
    tape.reset();
    Node x = tape.variable(X);
    Node unused = x.mul(3.0);
    Node out = x.sum();
    tape.backward(out);
    assertEquals(Tensor.zeros(X.shape()), unused.grad());
    assertEquals(0.0, unused.gradAt(2), 0.0);
    double[] dst = {9, 9, 9, 9, 9};
    unused.gradInto(dst, 0);
    assertArrayEquals(new double[5], dst, 0.0);
  }

  @Test
  void softplusAndLogSigmoidKeepTheirValuesAndSavedDerivatives() {
    double[] xs = {-800, -40, -2.5, -1e-300, -0.0, 0.0, 1e-300, 0.7, 3, 40, 800};
    Tensor t = Tensor.vector(xs);
    Tape tape = new Tape();
    for (int rep = 0; rep < 3; rep++) {
      tape.reset();
      Node x = tape.variable(t);
      Node sp = x.softplus();
      Node ls = x.logSigmoid();
      tape.backward(sp.sum().add(ls.mul(2.0).sum()));
      for (int i = 0; i < xs.length; i++) {
        assertEquals(SpecialFunctions.log1pExp(xs[i]), sp.get(i), 0.0, "softplus " + xs[i]);
        assertEquals(SpecialFunctions.logSigmoid(xs[i]), ls.get(i), 0.0, "logSigmoid " + xs[i]);
        double expected = SpecialFunctions.sigmoid(xs[i]) + 2 * SpecialFunctions.sigmoid(-xs[i]);
        assertEquals(expected, x.gradAt(i), 1e-15, "gradient at " + xs[i]);
      }
    }
    // value-only evaluation takes the plain path
    tape.reset();
    try (Tape.ValueOnly v = tape.valueOnly()) {
      Node sp = tape.variable(t).softplus();
      assertEquals(SpecialFunctions.log1pExp(0.7), sp.get(7), 0.0);
    }
    GradCheck.check(x -> x[0].softplus().add(x[0].logSigmoid().square()), 1e-6, 1e-6, X);
  }

  @Test
  void reductionsAndBroadcastsOverwriteUntouchedBuffers() {
    Tensor m = Tensor.matrix(new double[][] {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}});
    Tensor s = Tensor.scalar(1.7);
    Tape tape = new Tape();
    Grad.Fn f =
        x ->
            x[0].sum(0)
                .square()
                .sum()
                .add(x[0].mean(1).exp().sum())
                .add(x[0].sub(x[1]).div(x[1]).square().sum())
                .add(x[1].sub(x[0]).mul(x[1]).neg().sum())
                .add(x[0].mul(x[1]).tanh().sum());
    Tensor[] g = gradsOnReusedTape(tape, f, m, s);
    Tensor[] fresh = Grad.grad(f, m, s);
    assertEquals(fresh[0], g[0]);
    assertEquals(fresh[1], g[1]);
    GradCheck.check(f, 1e-6, 1e-6, m, s);
  }

  @Test
  void matrixVectorGradientsKeepTheZeroSkipForInfiniteGradients() {
    // eta = X b = [0, 1], log(eta) has gradient [inf, 1]; column 0 of X is 0 in the infinite row
    Tensor xm = Tensor.matrix(new double[][] {{0.0, 0.0}, {1.0, 0.0}});
    Tape tape = new Tape();
    for (int rep = 0; rep < 2; rep++) {
      tape.reset();
      Node b = tape.variable(Tensor.vector(1.0, 2.0));
      Node out = tape.constant(xm).matmul(b).log().sum();
      tape.backward(out);
      assertEquals(1.0, b.gradAt(0), 0.0);
      assertEquals(0.0, b.gradAt(1), 0.0);
    }
    Tensor a = Tensor.matrix(new double[][] {{0.3, -0.2, 0.9}, {1.1, 0.4, -0.6}});
    Tensor v = Tensor.vector(0.5, -1.5, 2.0);
    GradCheck.check(x -> x[0].matmul(x[1]).softplus(), 1e-6, 1e-6, a, v);
    GradCheck.check(x -> x[1].dot(x[1].exp()), 1e-6, 1e-6, a, v);
    GradCheck.check(x -> x[1].outer(x[1]).sum(), 1e-6, 1e-6, a, v);
  }

  @Test
  void reductionsDownTheRowsAddInRowOrder() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
    int rows = 37;
    int cols = 5;
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextDouble(-2, 2);
    }
    Tensor m = Tensor.of(d, rows, cols);
    Tape tape = new Tape();
    Node x = tape.constant(m);
    Node sum = x.sum(0);
    Node mean = x.mean(0);
    Node squares = x.sumOfSquares(0);
    for (int j = 0; j < cols; j++) {
      double s = 0;
      double q = 0;
      for (int i = 0; i < rows; i++) {
        s += d[i * cols + j];
        q += d[i * cols + j] * d[i * cols + j];
      }
      assertEquals(s, sum.get(j), 0.0);
      assertEquals(s / rows, mean.get(j), 0.0);
      assertEquals(q, squares.get(j), 0.0);
    }
    Grad.Fn f =
        in ->
            in[0]
                .sum(0)
                .exp()
                .sum()
                .add(in[0].mean(0).square().sum())
                .add(in[0].sumOfSquares(0).sqrt().sum());
    Tensor small = Tensor.of(java.util.Arrays.copyOf(d, 12), 4, 3);
    gradsOnReusedTape(new Tape(), f, small);
    GradCheck.check(f, 1e-6, 1e-6, small);
    GradCheck.check(in -> in[0].mean(0), 1e-6, 1e-6, small);
    GradCheck.check(in -> in[0].sumOfSquares(0), 1e-6, 1e-6, small);
    GradCheck.check(in -> in[0].sum(0), 1e-6, 1e-6, Tensor.of(new double[] {1, 2, 3}, 1, 3));
  }
}
