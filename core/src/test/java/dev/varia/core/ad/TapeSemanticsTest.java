package dev.varia.core.ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.random.RandomStream;
import dev.varia.core.testing.Properties;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Semantics of the tape: reuse after {@link Tape#reset()}, the lifetime rule (detached values and
 * copied gradients survive later evaluations, while the tape's buffers are recycled), value-only
 * scopes, vector-Jacobian products, the {@link Grad} entry points, the custom-gradient hook, and
 * the absence of allocation in steady state.
 */
class TapeSemanticsTest {

  /**
   * A function of (S, x, mu) touching most kinds of node; every intermediate goes to {@code all}.
   */
  private static Node mvnLogDensity(Node s, Node x, Node mu, List<Node> all) {
    Node l = keep(all, s.cholesky());
    Node d = keep(all, x.sub(mu));
    Node z = keep(all, l.solveTriangular(d, true, false));
    Node quad = keep(all, z.dot(z));
    Node logDet = keep(all, s.logDetSpd());
    Node extra = keep(all, Node.concat(x, mu).softplus().logSumExp());
    return keep(all, quad.mul(-0.5).sub(logDet.mul(0.5)).add(extra.sigmoid()));
  }

  private static Node keep(List<Node> all, Node n) {
    all.add(n);
    return n;
  }

  private record Evaluation(Tensor value, Tensor[] grads) {}

  private static Evaluation evaluate(Tape tape, List<Tensor> p) {
    return evaluate(tape, p.get(0), p.get(1), p.get(2));
  }

  private static Evaluation evaluate(Tape tape, Tensor s, Tensor x, Tensor mu) {
    tape.reset();
    Node[] in = {tape.variable(s), tape.variable(x), tape.variable(mu)};
    Node out = mvnLogDensity(in[0], in[1], in[2], new ArrayList<>());
    tape.backward(out);
    return new Evaluation(out.detach(), new Tensor[] {in[0].grad(), in[1].grad(), in[2].grad()});
  }

  /** (S, x, mu) for a multivariate normal of dimension n. */
  private static List<Tensor> mvnInputs(RandomStream rs, int n) {
    return List.of(
        TestTensors.spd(rs, n),
        TestTensors.uniform(rs, Shape.vector(n), -2, 2),
        TestTensors.uniform(rs, Shape.vector(n), -2, 2));
  }

  // ---------------------------------------------------------------- reset and reuse

  @Test
  void resetReuseGivesIdenticalValuesAndGradients() {
    Properties.forAll(
        21,
        10,
        rs -> List.of(mvnInputs(rs, TestTensors.dim(rs, 1, 4)), mvnInputs(rs, 5)),
        in -> {
          List<Tensor> p = in.get(0);
          List<Tensor> q = in.get(1);
          Tape tape = new Tape();
          Evaluation first = evaluate(tape, p);
          int nodes = tape.size();
          for (int rep = 0; rep < 3; rep++) {
            Evaluation again = evaluate(tape, p);
            assertEquals(nodes, tape.size());
            assertEquals(first.value(), again.value(), "bit-identical value");
            assertArrayEquals(first.grads(), again.grads(), "bit-identical gradients");
            // an evaluation of other shapes in between must not disturb the next one
            evaluate(tape, q);
          }
          Evaluation fresh = evaluate(new Tape(), p);
          assertEquals(first.value(), fresh.value());
          assertArrayEquals(first.grads(), fresh.grads());
        });
  }

  @Test
  void resetForgetsNodesAndEndsValueOnlyMode() {
    Tape tape = new Tape();
    tape.variable(1.0).exp();
    assertEquals(2, tape.size());
    tape.valueOnly();
    assertFalse(tape.isRecording());
    tape.reset();
    assertEquals(0, tape.size());
    assertTrue(tape.isRecording());
  }

  /** Tapes grow past their initial capacity (64 tensor nodes, 256 scalar nodes and 512 edges). */
  @Test
  void tapesGrowBeyondTheirInitialCapacity() {
    int steps = 10_000;
    Tape tape = new Tape();
    Node x = tape.variable(Tensor.vector(1, 2));
    Node y = x;
    for (int i = 0; i < steps; i++) {
      y = y.mul(1.0001);
    }
    tape.backward(y.sum());
    assertEquals(2 * steps + 2, tape.size()); // x, a constant and a product per step, the sum
    double expected = Math.pow(1.0001, steps);
    // 10,000 roundings of a product: relative error up to about 1e4 eps
    TestTensors.assertClose(Tensor.vector(expected, expected), x.grad(), 1e-12, "tensor tape");

    ScalarTape st = new ScalarTape();
    int a = st.variable(1);
    int b = st.variable(2);
    int s = st.add(a, b);
    for (int i = 0; i < steps; i++) {
      s = st.add(st.mul(s, 1.0001), st.mul(a, 0.0)); // two edges per step
    }
    st.backward(s);
    assertTrue(TestTensors.close(st.adjoint(a), expected, 1e-12), "scalar tape " + st.adjoint(a));
    assertTrue(TestTensors.close(st.adjoint(b), expected, 1e-12), "scalar tape " + st.adjoint(b));
  }

  // ---------------------------------------------------------------- lifetime rule

  /**
   * A value kept with detach() and a gradient kept with grad() survive a reset and a new
   * evaluation, although the new evaluation writes into the very buffers the old nodes used (which
   * is what makes keeping a view, instead of a copy, a bug this test would catch).
   */
  @Test
  void detachedValuesAndGradientsOutliveRecycledBuffers() {
    Tape tape = new Tape();
    Tensor input = Tensor.vector(1, 2, 3);
    Node x = tape.variable(input);
    Node y = x.exp();
    Node s = y.mul(x).sum();
    tape.backward(s);
    Tensor keptY = y.detach();
    Tensor keptS = s.detach();
    Tensor keptGrad = x.grad();
    Tensor keptGradY = y.grad();
    double[] copied = new double[3];
    y.copyValueInto(copied, 0);
    double[] copiedGrad = new double[3];
    x.gradInto(copiedGrad, 0);
    double[] yBuffer = Node.valueOf(y);
    double[] xGradBuffer = x.grad;

    tape.reset();
    Node x2 = tape.variable(Tensor.vector(-4, 5, -6));
    Node y2 = x2.exp();
    Node s2 = y2.mul(x2).sum();
    tape.backward(s2);
    assertSame(yBuffer, Node.valueOf(y2), "value buffers are recycled");
    assertSame(xGradBuffer, x2.grad, "gradient buffers are recycled");

    double[] e = {Math.exp(1), Math.exp(2), Math.exp(3)};
    assertEquals(Tensor.vector(e), keptY);
    assertEquals(Tensor.scalar(e[0] + 2 * e[1] + 3 * e[2]), keptS);
    assertEquals(Tensor.vector(2 * e[0], 3 * e[1], 4 * e[2]), keptGrad);
    assertEquals(Tensor.vector(1, 2, 3), keptGradY);
    assertArrayEquals(e, copied);
    assertArrayEquals(new double[] {2 * e[0], 3 * e[1], 4 * e[2]}, copiedGrad);
    assertEquals(Tensor.vector(1, 2, 3), input, "an input tensor is never written");
  }

  @Test
  void constantsFromArraysAreCopiesAndWrappedTensorsAreNotWritten() {
    Tape tape = new Tape();
    double[] data = {1, 2, 3};
    Node c = tape.constant(data, Shape.vector(3));
    Node v = tape.variable(data, Shape.vector(3));
    data[0] = 100;
    assertEquals(1, c.get(0));
    assertEquals(1, v.get(0));
    Tensor t = Tensor.vector(0.5, 0.25);
    Node w = tape.variable(t);
    tape.backward(w.square().sum());
    assertEquals(Tensor.vector(0.5, 0.25), t);
    assertEquals(Tensor.vector(1, 0.5), w.grad());
  }

  // ---------------------------------------------------------------- value-only mode

  @Test
  @SuppressWarnings("try") // scopes used only for their effect, as intended
  void valueOnlyScopesRecordNodesWithoutGradientsAndNest() {
    Tape tape = new Tape();
    Node x = tape.variable(Tensor.vector(0.5, -1, 2));
    Node continuation;
    try (Tape.ValueOnly outer = tape.valueOnly()) {
      assertFalse(tape.isRecording());
      continuation = x.exp().mul(x).sum();
      assertFalse(continuation.requiresGrad());
      assertFalse(tape.variable(2.0).requiresGrad(), "a variable made in value-only mode");
      Node custom =
          Node.custom(
              Tensor.scalar(0),
              List.of(x),
              (g, gs) -> {
                throw new AssertionError("no backward rule runs for value-only nodes");
              });
      assertFalse(custom.requiresGrad());
      try (Tape.ValueOnly inner = tape.valueOnly()) {
        assertFalse(tape.isRecording());
        assertFalse(x.square().requiresGrad());
      }
      assertFalse(tape.isRecording(), "closing the inner scope keeps the outer one");
      assertFalse(x.sin().requiresGrad());
    }
    assertTrue(tape.isRecording());
    double expected = 0.5 * Math.exp(0.5) - Math.exp(-1) + 2 * Math.exp(2);
    assertEquals(expected, continuation.item(), 1e-15 * Math.abs(expected));

    // gradients afterwards: the value-only result acts as a constant
    Node y = x.square().sum().add(continuation);
    assertTrue(y.requiresGrad());
    tape.backward(y);
    assertEquals(Tensor.vector(1, -2, 4), x.grad());
    assertNull(continuation.grad, "no gradient buffer for a value-only node");
  }

  @Test
  @SuppressWarnings("try") // scopes used only for their effect, as intended
  void valueOnlyEvaluationsLeaveLaterGradientsUnchanged() {
    Properties.forAll(
        23,
        10,
        rs -> mvnInputs(rs, TestTensors.dim(rs, 1, 4)),
        in -> {
          Evaluation plain = evaluate(new Tape(), in);
          Tape tape = new Tape();
          Node[] v = {tape.variable(in.get(0)), tape.variable(in.get(1)), tape.variable(in.get(2))};
          Node ghost;
          try (Tape.ValueOnly scope = tape.valueOnly()) {
            ghost = mvnLogDensity(v[0], v[1], v[2], new ArrayList<>());
          }
          Node out = mvnLogDensity(v[0], v[1], v[2], new ArrayList<>());
          tape.backward(out);
          assertEquals(plain.value(), out.detach());
          assertEquals(plain.value(), ghost.detach(), "value-only computes the same value");
          for (int k = 0; k < 3; k++) {
            assertEquals(plain.grads()[k], v[k].grad());
          }
        });
  }

  @Test
  void closingAScopeTwiceOrAfterResetDoesNothing() {
    Tape tape = new Tape();
    Tape.ValueOnly outer = tape.valueOnly();
    Tape.ValueOnly inner = tape.valueOnly();
    inner.close();
    inner.close();
    assertFalse(tape.isRecording(), "a second close must not end the outer scope");
    outer.close();
    assertTrue(tape.isRecording());
    Tape.ValueOnly stale = tape.valueOnly();
    tape.reset();
    Tape.ValueOnly current = tape.valueOnly();
    stale.close();
    assertFalse(tape.isRecording(), "a scope from before the reset must not end a new one");
    current.close();
    assertTrue(tape.isRecording());
  }

  // ---------------------------------------------------------------- backward passes

  /**
   * backward(out, seed) is the vector-Jacobian product seed^T J, with J computed column by column
   * by central differences (h = 1e-6; errors near 1e-9 for these smooth, moderate functions).
   */
  @Test
  void vectorJacobianProductMatchesFiniteDifferenceJacobian() {
    Grad.Fn f = in -> in[1].matmul(in[0]).tanh().mul(in[0].index(0).exp()).add(in[0].sum().sin());
    Properties.forAll(
        29,
        20,
        rs -> {
          int m = TestTensors.dim(rs, 1, 4);
          int n = TestTensors.dim(rs, 1, 4);
          return List.of(
              TestTensors.uniform(rs, Shape.vector(n), -1, 1),
              TestTensors.uniform(rs, Shape.matrix(m, n), -1, 1),
              TestTensors.uniform(rs, Shape.vector(m), -2, 2));
        },
        in -> {
          Tensor x = in.get(0);
          Tensor w = in.get(1);
          Tensor seed = in.get(2);
          Tape tape = new Tape();
          Node xn = tape.variable(x);
          Node wn = tape.variable(w);
          Node out = f.apply(xn, wn);
          tape.backward(out, seed);
          Tensor[] viaGrad = Grad.vjp(f, seed, x, w);
          Tensor[] at = {x, w};
          Node[] nodes = {xn, wn};
          for (int k = 0; k < 2; k++) {
            double[] expected = new double[at[k].size()];
            for (int j = 0; j < expected.length; j++) {
              double[] up = at[k].toArray();
              double[] down = at[k].toArray();
              up[j] += 1e-6;
              down[j] -= 1e-6;
              Tensor[] pu = at.clone();
              Tensor[] pd = at.clone();
              pu[k] = Tensor.wrap(up, at[k].shape());
              pd[k] = Tensor.wrap(down, at[k].shape());
              Tensor fu = valueOf(f, pu);
              Tensor fd = valueOf(f, pd);
              for (int i = 0; i < seed.size(); i++) {
                expected[j] += seed.get(i) * (fu.get(i) - fd.get(i)) / 2e-6;
              }
            }
            Tensor e = Tensor.wrap(expected, at[k].shape());
            TestTensors.assertClose(e, nodes[k].grad(), 1e-6, "seed^T J, input " + k);
            assertEquals(nodes[k].grad(), viaGrad[k], "Grad.vjp agrees with Tape.backward");
          }
        });
  }

  private static Tensor valueOf(Grad.Fn f, Tensor... at) {
    Tape tape = new Tape();
    Node[] in = new Node[at.length];
    for (int i = 0; i < at.length; i++) {
      in[i] = tape.constant(at[i]);
    }
    return f.apply(in).detach();
  }

  @Test
  void backwardTwiceGivesTheSameGradientsNotTheirSum() {
    Tape tape = new Tape();
    Node x = tape.variable(Tensor.vector(0.3, 0.7));
    Node y1 = x.square().sum();
    Node y2 = x.exp().sum();
    Node after = x.mul(3.0).sum();
    tape.backward(y1);
    Tensor g1 = x.grad();
    tape.backward(y1);
    assertEquals(g1, x.grad());
    assertEquals(Tensor.vector(0.6, 1.4), g1);
    // another output of the same tape: its own gradient only
    tape.backward(y2);
    assertEquals(Tensor.vector(Math.exp(0.3), Math.exp(0.7)), x.grad());
    // a node recorded after the output does not receive a gradient
    assertEquals(Tensor.scalar(0), after.grad());
    tape.backward(y1, Tensor.scalar(2.0));
    assertEquals(Tensor.vector(1.2, 2.8), x.grad());
  }

  @Test
  void constantsAndOutputsWithoutVariablesHaveZeroGradients() {
    Tape tape = new Tape();
    Node c = tape.constant(Tensor.vector(1, 2));
    Node x = tape.variable(Tensor.vector(3, 4));
    Node y = c.exp().sum();
    assertFalse(y.requiresGrad());
    tape.backward(y);
    assertEquals(Tensor.vector(0, 0), x.grad());
    assertEquals(Tensor.vector(0, 0), c.grad());
    assertEquals(0.0, x.gradAt(1));
    Node z = x.mul(c).sum();
    tape.backward(z);
    assertEquals(Tensor.vector(1, 2), x.grad());
    assertEquals(Tensor.vector(0, 0), c.grad());
  }

  // ---------------------------------------------------------------- Grad entry points

  @Test
  void gradEntryPoints() {
    Grad.Fn f = in -> in[0].square().sum().mul(in[1]).add(in[1].exp());
    Tensor x = Tensor.vector(1, -2);
    Tensor a = Tensor.scalar(0.5);
    Tensor[] g = Grad.grad(f, x, a);
    assertEquals(Tensor.vector(1, -2), g[0]);
    assertEquals(Tensor.scalar(5 + Math.exp(0.5)), g[1]);
    Grad.ValueAndGrad vg = Grad.valueAndGrad(f, x, a);
    assertEquals(2.5 + Math.exp(0.5), vg.scalar());
    assertArrayEquals(g, vg.grads());

    Tape tape = new Tape();
    Node old = tape.variable(1.0);
    Grad.ValueAndGrad onTape = Grad.valueAndGrad(tape, f, x, a);
    assertEquals(vg.value(), onTape.value());
    assertArrayEquals(g, onTape.grads());
    assertThrows(VariaException.class, old::item, "valueAndGrad(tape, ...) resets the tape");
    // the returned tensors are copies: a second evaluation on the tape leaves them alone
    Grad.valueAndGrad(tape, f, Tensor.vector(7, 7), Tensor.scalar(3));
    assertEquals(vg.value(), onTape.value());
    assertArrayEquals(g, onTape.grads());

    Tensor[] j = Grad.vjp(in -> in[0].mul(in[1]), Tensor.vector(1, 10), x, Tensor.vector(3, 4));
    assertEquals(Tensor.vector(3, 40), j[0]);
    assertEquals(Tensor.vector(1, -20), j[1]);
  }

  // ---------------------------------------------------------------- custom gradients

  /**
   * The phantom node of the REINFORCE estimator: value 0, and a backward pass that adds c times the
   * gradient of g (here log q = -|theta|^2 / 2 + sum(theta)) to the objective's gradient.
   */
  @Test
  void phantomNodeAddsScaledGradientOfItsInput() {
    Properties.forAll(
        31,
        20,
        rs ->
            List.of(
                TestTensors.uniform(rs, Shape.vector(TestTensors.dim(rs, 1, 5)), -2, 2),
                Tensor.scalar(4 * rs.uniform() - 2),
                Tensor.scalar(4 * rs.uniform() - 2)),
        in -> {
          Tensor theta = in.get(0);
          double c = in.get(1).item();
          double scale = in.get(2).item();
          Tape tape = new Tape();
          Node th = tape.variable(theta);
          Node logQ = th.square().sum().mul(-0.5).add(th.sum());
          Node f = th.sin().sum();
          AtomicInteger calls = new AtomicInteger();
          Node phantom =
              Node.custom(
                  Tensor.scalar(0),
                  List.of(logQ),
                  (og, ig) -> {
                    calls.incrementAndGet();
                    ig[0][0] += c * og[0];
                  });
          assertTrue(phantom.requiresGrad());
          Node objective = f.add(phantom).mul(scale);
          assertEquals(scale * f.item(), objective.item());
          tape.backward(objective);
          assertEquals(1, calls.get());
          double[] expected = new double[theta.size()];
          for (int i = 0; i < expected.length; i++) {
            double t = theta.get(i);
            expected[i] = scale * (Math.cos(t) + c * (1 - t));
          }
          TestTensors.assertClose(Tensor.vector(expected), th.grad(), 1e-15, "gradient");
        });
  }

  @Test
  void customNodeSeesNullForInputsWithoutGradientAndMayHaveAnyShape() {
    Tape tape = new Tape();
    Node x = tape.variable(Tensor.vector(1, 2));
    Node c = tape.constant(Tensor.vector(5, 6));
    Node custom =
        Node.custom(
            Tensor.of(new double[] {1, 2, 3, 4}, 2, 2),
            List.of(x, c),
            (og, ig) -> {
              assertNull(ig[1], "a constant input gets no gradient buffer");
              // d/dx_i = row sums of the output gradient
              ig[0][0] += og[0] + og[1];
              ig[0][1] += og[2] + og[3];
            });
    assertEquals(Shape.matrix(2, 2), custom.shape());
    assertEquals(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2), custom.detach());
    tape.backward(custom, Tensor.of(new double[] {1, 10, 100, 1000}, 2, 2));
    assertEquals(Tensor.vector(11, 1100), x.grad());
    assertFalse(Node.custom(Tensor.scalar(1), List.of(c), (og, ig) -> {}).requiresGrad());
  }

  // ---------------------------------------------------------------- steady state

  /**
   * After a warm-up, recording the same computation again uses the very same value and gradient
   * buffers for every node (observed through the buffers themselves).
   */
  @Test
  void reRecordingReusesEveryBuffer() {
    RandomStream rs = RandomStream.seeded(37);
    List<Tensor> p = mvnInputs(rs, 4);
    Tape tape = new Tape();
    List<double[]> values = null;
    List<double[]> grads = null;
    for (int rep = 0; rep < 3; rep++) {
      tape.reset();
      List<Node> all = new ArrayList<>();
      Node[] in = {tape.variable(p.get(0)), tape.variable(p.get(1)), tape.variable(p.get(2))};
      tape.backward(mvnLogDensity(in[0], in[1], in[2], all));
      List<double[]> v = new ArrayList<>();
      List<double[]> g = new ArrayList<>();
      for (Node n : all) {
        v.add(Node.valueOf(n));
        g.add(n.grad);
      }
      if (values != null) {
        for (int i = 0; i < all.size(); i++) {
          assertSame(values.get(i), v.get(i), "value buffer of node " + i);
          assertSame(grads.get(i), g.get(i), "gradient buffer of node " + i);
        }
      }
      values = v;
      grads = g;
    }
    // and a different computation at the same positions gets fresh buffers where sizes differ
    tape.reset();
    Node big = tape.variable(Tensor.zeros(Shape.matrix(5, 5)));
    Node firstResult = big.exp();
    assertNotSame(values.get(0), Node.valueOf(firstResult));
  }

  /**
   * A steady-state gradient evaluation of a 100,000-point normal log-likelihood allocates a few
   * small node objects, not value or gradient buffers (one buffer is 800 kB; the computation has
   * four of each).
   */
  @Test
  void steadyStateEvaluationAllocatesAlmostNothing() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    RandomStream rs = RandomStream.seeded(41);
    int n = 100_000;
    Tensor data = TestTensors.uniform(rs, Shape.vector(n), -3, 3);
    Tape tape = new Tape();
    double[] sink = new double[2];
    Runnable evaluation =
        () -> {
          tape.reset();
          Node mu = tape.variable(0.3);
          Node logSigma = tape.variable(-0.2);
          Node z = tape.constant(data).sub(mu).div(logSigma.exp());
          Node ll = z.square().mul(-0.5).sum().sub(logSigma.mul(n));
          tape.backward(ll);
          sink[0] += mu.gradAt(0);
          sink[1] += logSigma.gradAt(0);
        };
    for (int i = 0; i < 20; i++) {
      evaluation.run();
    }
    int reps = 20;
    long before = bean.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < reps; i++) {
      evaluation.run();
    }
    long perEvaluation = (bean.getCurrentThreadAllocatedBytes() - before) / reps;
    assertTrue(
        perEvaluation < 16 * 1024,
        "a steady-state evaluation allocated " + perEvaluation + " bytes");
    assertTrue(Double.isFinite(sink[0] + sink[1]));
  }
}
