package dev.varia.core.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.math.SpecialFunctions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scalar tape's edge-list backward sweep: gradients agree with the tensor tape on a function
 * mixing every kind of node, a reused tape gives the same numbers, backward from an intermediate
 * node ignores later nodes, and softplus / log-sigmoid keep their values and derivatives.
 */
class ScalarTapeSweepTest {
  @Test
  void agreesWithTheTensorTapeAcrossResets() {
    SplittableRandom rng = new SplittableRandom(42);
    double[] coeffs = new double[8];
    for (int i = 0; i < coeffs.length; i++) {
      coeffs[i] = rng.nextDouble(-1, 1);
    }
    ScalarTape st = new ScalarTape();
    for (int rep = 0; rep < 5; rep++) {
      double[] v = new double[4];
      for (int i = 0; i < v.length; i++) {
        v[i] = rng.nextDouble(0.2, 2.0);
      }
      st.reset();
      int[] x = new int[4];
      for (int i = 0; i < 4; i++) {
        x[i] = st.variable(v[i]);
      }
      int c = st.constant(0.7);
      int lin = st.dot(new int[] {x[0], c, x[2], x[3]}, coeffs, 2);
      int s =
          st.sum(
              new int[] {
                st.softplus(st.mul(x[0], x[1])),
                st.logSigmoid(st.sub(x[2], c)),
                st.div(st.exp(lin), st.add(x[3], 1.0)),
                st.pow(x[1], x[2]),
                st.log(st.square(x[3]))
              });
      st.backward(s);

      Tape t = new Tape();
      Node xt = t.variable(Tensor.vector(v));
      Node[] xs = {xt.index(0), xt.index(1), xt.index(2), xt.index(3)};
      Node ct = t.constant(0.7);
      Node lint =
          xs[0]
              .mul(coeffs[2])
              .add(ct.mul(coeffs[3]))
              .add(xs[2].mul(coeffs[4]))
              .add(xs[3].mul(coeffs[5]));
      Node out =
          xs[0]
              .mul(xs[1])
              .softplus()
              .add(xs[2].sub(ct).logSigmoid())
              .add(lint.exp().div(xs[3].add(1.0)))
              .add(xs[1].pow(xs[2]))
              .add(xs[3].square().log());
      t.backward(out);
      assertEquals(out.item(), st.value(s), 1e-12 * Math.abs(out.item()));
      for (int i = 0; i < 4; i++) {
        assertEquals(xt.gradAt(i), st.adjoint(x[i]), 1e-12, "d/dx" + i + " repetition " + rep);
      }
    }
  }

  @Test
  void backwardFromAnIntermediateNodeIgnoresLaterNodes() {
    ScalarTape st = new ScalarTape();
    int a = st.variable(1.5);
    int b = st.variable(-0.5);
    int mid = st.mul(a, b);
    int later = st.mul(st.exp(a), b);
    st.backward(mid);
    assertEquals(-0.5, st.adjoint(a), 0.0);
    assertEquals(1.5, st.adjoint(b), 0.0);
    st.backward(later);
    assertEquals(Math.exp(1.5) * -0.5, st.adjoint(a), 1e-15);
    // a node that does not reach the output passes nothing on, not even 0 * infinity
    st.reset();
    int z = st.variable(0.0);
    st.log(z);
    int out = st.mul(z, 2.0);
    st.backward(out);
    assertEquals(2.0, st.adjoint(z), 0.0);
  }

  @Test
  void softplusAndLogSigmoidMatchTheSpecialFunctions() {
    ScalarTape st = new ScalarTape();
    for (double x : new double[] {-800, -30, -1.5, -0.0, 0.0, 1e-20, 2.5, 30, 800}) {
      st.reset();
      int v = st.variable(x);
      int sp = st.softplus(v);
      int ls = st.logSigmoid(v);
      assertEquals(SpecialFunctions.log1pExp(x), st.value(sp), 0.0);
      assertEquals(SpecialFunctions.logSigmoid(x), st.value(ls), 0.0);
      st.backward(sp);
      assertEquals(SpecialFunctions.sigmoid(x), st.adjoint(v), 0.0);
      st.backward(ls);
      assertEquals(SpecialFunctions.sigmoid(-x), st.adjoint(v), 0.0);
    }
  }
}
