package dev.varia.core.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.varia.core.testing.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused operations {@link Node#standardize(Node, Node)} and {@link Node#sumOfSquares()}: values
 * equal to their compositions, gradients against finite differences at random points, for every
 * broadcast of the operands.
 */
class FusedOpsTest {
  private static Tensor random(SplittableRandom rng, double lo, double hi, int... dims) {
    int size = dims.length == 0 ? 1 : dims.length == 1 ? dims[0] : dims[0] * dims[1];
    double[] d = new double[size];
    for (int i = 0; i < size; i++) {
      d[i] = rng.nextDouble(lo, hi);
    }
    return Tensor.of(d, dims);
  }

  /** Shapes of (x, loc, scale), including a row broadcast that takes the composition. */
  private static final int[][][] SHAPES = {
    {{5}, {}, {}},
    {{5}, {5}, {}},
    {{}, {5}, {}},
    {{5}, {}, {5}},
    {{5}, {5}, {5}},
    {{}, {}, {5}},
    {{}, {}, {}},
    {{2, 3}, {}, {}},
    {{2, 3}, {2, 3}, {2, 3}},
    {{2, 3}, {3}, {}},
    {{2, 3}, {}, {1, 3}},
  };

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void standardizeMatchesItsCompositionAndFiniteDifferences(int c) {
    SplittableRandom rng = new SplittableRandom(1000 + c);
    for (int rep = 0; rep < 5; rep++) {
      Tensor x = random(rng, -3, 3, SHAPES[c][0]);
      Tensor loc = random(rng, -1, 1, SHAPES[c][1]);
      Tensor scale = random(rng, 0.3, 2.5, SHAPES[c][2]);
      Tape tape = new Tape();
      Node fused = tape.constant(x).standardize(tape.constant(loc), tape.constant(scale));
      Node composed = tape.constant(x).sub(tape.constant(loc)).div(tape.constant(scale));
      assertEquals(composed.detach(), fused.detach(), "shapes case " + c);
      GradCheck.check(in -> in[0].standardize(in[1], in[2]), 1e-6, 1e-6, x, loc, scale);
      GradCheck.check(
          in -> in[0].standardize(in[1], in[2]).square().sum(), 1e-6, 1e-6, x, loc, scale);
    }
  }

  @Test
  void standardizeWithRepeatedOperands() {
    Tensor x = Tensor.vector(0.5, -1.5, 2.0);
    Tensor s = Tensor.scalar(1.3);
    GradCheck.check(in -> in[0].standardize(in[0], in[1]).sum(), 1e-6, 1e-6, x, s);
    GradCheck.check(in -> in[0].standardize(in[1], in[1]).exp().sum(), 1e-6, 1e-6, x, s);
    GradCheck.check(in -> in[1].standardize(in[0], in[1]).exp().sum(), 1e-6, 1e-6, x, s);
    GradCheck.check(in -> in[1].standardize(in[1], in[1].exp()), 1e-6, 1e-6, x, s);
  }

  @Test
  void standardizeNamesBothShapesOnAMismatch() {
    Tape tape = new Tape();
    Node x = tape.constant(Tensor.vector(1, 2, 3));
    Node loc = tape.constant(Tensor.vector(1, 2));
    ShapeException e =
        assertThrows(ShapeException.class, () -> x.standardize(loc, tape.constant(1.0)));
    assertEquals(true, e.getMessage().contains("[3]") && e.getMessage().contains("[2]"));
  }

  @Test
  void sumOfSquaresEqualsSquareThenSum() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int n : new int[] {1, 3, 4, 7, 64, 1001}) {
      Tensor x = random(rng, -2, 2, n);
      Tape tape = new Tape();
      Node v = tape.variable(x);
      Node a = v.sumOfSquares();
      Node b = v.square().sum();
      assertEquals(b.item(), a.item(), 0.0);
      GradCheck.check(in -> in[0].sumOfSquares(), 1e-6, 1e-6, x);
    }
    Tensor m = random(rng, -2, 2, 3, 4);
    Tape tape = new Tape();
    Node v = tape.constant(m);
    assertEquals(v.square().sum(0).detach(), v.sumOfSquares(0).detach());
    assertEquals(v.square().sum(1).detach(), v.sumOfSquares(1).detach());
    GradCheck.check(in -> in[0].sumOfSquares(0), 1e-6, 1e-6, m);
    GradCheck.check(in -> in[0].sumOfSquares(1), 1e-6, 1e-6, m);
    GradCheck.check(in -> in[0].exp().sumOfSquares(1).add(in[0].sumOfSquares()), 1e-6, 1e-6, m);
  }
}
