package dev.varia.inference.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.guide.internal.CouplingFlow;
import org.junit.jupiter.api.Test;

/**
 * The affine-coupling flow's density: the log density of a draw computed while drawing (forward
 * log-Jacobians) equals the one computed by inverting the layers, and matches a change of variables
 * checked numerically in two dimensions (the density integrates to 1).
 */
class CouplingFlowTest {
  private static Node[] args(Tape tape, int d, int layers, int hidden, RandomStream rng) {
    Node[] a = new Node[CouplingFlow.argumentCount(layers)];
    double[] m0 = new double[d];
    double[][] l0 = new double[d][d];
    for (int i = 0; i < d; i++) {
      m0[i] = rng.normal();
      l0[i][i] = 0.5 + rng.uniform();
      for (int j = 0; j < i; j++) {
        l0[i][j] = 0.3 * rng.normal();
      }
    }
    a[0] = tape.constant(Tensor.vector(m0));
    a[1] = tape.constant(Tensor.matrix(l0));
    a[2] = tape.variable(random(rng, Shape.vector(d), 0.3));
    a[3] = tape.variable(random(rng, Shape.vector(d), 0.3));
    for (int l = 0; l < layers; l++) {
      int na = CouplingFlow.conditioningSize(d, l);
      int nb = d - na;
      a[4 + 4 * l] = tape.variable(random(rng, Shape.matrix(hidden, na), 0.8));
      a[5 + 4 * l] = tape.variable(random(rng, Shape.vector(hidden), 0.3));
      a[6 + 4 * l] = tape.variable(random(rng, Shape.matrix(2 * nb, hidden), 0.4));
      a[7 + 4 * l] = tape.variable(random(rng, Shape.vector(2 * nb), 0.3));
    }
    return a;
  }

  private static Tensor random(RandomStream rng, Shape s, double scale) {
    double[] v = new double[s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = scale * rng.normal();
    }
    return Tensor.wrap(v, s);
  }

  @Test
  void theDensityOfADrawMatchesTheInverse() {
    RandomStream rng = RandomStream.seeded(3);
    for (int d : new int[] {1, 2, 5}) {
      Tape tape = new Tape();
      Node[] a = args(tape, d, 3, 6, rng);
      CouplingFlow drawing = CouplingFlow.of(a);
      CouplingFlow scoring = CouplingFlow.of(a);
      for (int k = 0; k < 5; k++) {
        Node x = drawing.rsample(rng, Shape.SCALAR);
        double forward = drawing.logDensity(x).item();
        double inverse = scoring.logDensity(tape.constant(x.detach())).item();
        assertEquals(forward, inverse, 1e-10 * (1 + Math.abs(forward)), "dimension " + d);
      }
    }
  }

  @Test
  void theDensityIsTheDensityOfTheDraws() {
    // the probability of a box by integrating the density must match the fraction of draws in it
    Tape tape = new Tape();
    RandomStream params = RandomStream.seeded(4);
    CouplingFlow f = CouplingFlow.of(args(tape, 2, 4, 5, params));
    double h = 0.05;
    double mass = 0;
    for (double x = -2; x < 2; x += h) {
      for (double y = -2; y < 2; y += h) {
        mass += Math.exp(f.logDensity(tape.constant(Tensor.vector(x + h / 2, y + h / 2))).item());
      }
    }
    mass *= h * h;
    RandomStream rng = RandomStream.seeded(5);
    int n = 20000;
    int inside = 0;
    for (int i = 0; i < n; i++) {
      Tensor x = f.sample(rng, Shape.SCALAR);
      if (Math.abs(x.get(0)) < 2 && Math.abs(x.get(1)) < 2) {
        inside++;
      }
    }
    double frac = (double) inside / n;
    assertTrue(mass > 0.2 && mass < 0.95, "the box holds a fair share of the mass: " + mass);
    // 4 binomial standard errors, plus the midpoint rule's error (well below 1e-3 here)
    assertEquals(frac, mass, 4 * Math.sqrt(frac * (1 - frac) / n) + 1e-3);
  }
}
