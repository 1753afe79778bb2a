package dev.varia.core.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.random.RandomStream;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class RestrictedTest {
  private final Tape tape = new Tape();

  private Distribution family(String name, double... args) {
    Node[] a = new Node[args.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = tape.constant(args[i]);
    }
    return Families.standard().create(name, a);
  }

  @Test
  void orderedNormalScoresIncreasingVectorsAndDrawsSortedOnes() {
    Distribution d = family("ordered:normal", 0, 2);
    NormalDistribution n = NormalDistribution.of(0, 2);
    Node up = tape.constant(Tensor.vector(-0.5, 1.0));
    assertEquals(n.logDensity(-0.5) + n.logDensity(1.0), d.logDensitySum(up).item(), 1e-12);
    assertEquals(
        Double.NEGATIVE_INFINITY, d.logDensitySum(tape.constant(Tensor.vector(1.0, -0.5))).item());
    // E[min(X1, X2)] = -sigma / sqrt(pi) for iid N(0, sigma^2)
    RandomStream rng = RandomStream.seeded(3);
    int draws = 20000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < draws; i++) {
      Tensor x = d.sample(rng, Shape.vector(2));
      assertTrue(x.get(0) <= x.get(1));
      sum += x.get(0);
      sumSq += x.get(0) * x.get(0);
    }
    double mean = sum / draws;
    double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
    assertEquals(-2 / Math.sqrt(Math.PI), mean, 4 * se);
  }

  @Test
  void lowerBoundedNormalIsTheNormalAboveTheBound() {
    Distribution d = family("lower:normal", 0, 1, 0.5);
    assertEquals(
        NormalDistribution.of(0, 1).logDensity(0.8),
        d.logDensitySum(tape.constant(0.8)).item(),
        1e-12);
    assertEquals(Double.NEGATIVE_INFINITY, d.logDensitySum(tape.constant(0.2)).item());
    RandomStream rng = RandomStream.seeded(4);
    for (int i = 0; i < 200; i++) {
      assertTrue(d.sample(rng, Shape.SCALAR).item() > 0.5);
    }
  }

  @Test
  void flatIntervalWithALatentBound() {
    Node alpha = tape.variable(0.3);
    Distribution d =
        Families.standard()
            .create("flat_interval", new Node[] {tape.constant(0.0), alpha.rsub(1.0)});
    assertEquals(0.0, d.logDensitySum(tape.constant(0.5)).item());
    assertEquals(Double.NEGATIVE_INFINITY, d.logDensitySum(tape.constant(0.8)).item());
  }

  @Test
  void registryExplainsBadNames() {
    assertTrue(
        Families.standard()
            .check("sorted:normal", 2)
            .orElseThrow()
            .contains("unknown restriction"));
    assertTrue(
        Families.standard().check("lower:normal", 2).orElseThrow().contains("normal takes 2"));
    assertTrue(Families.standard().check("normal", 2).isEmpty());
    assertTrue(
        Families.standard().check("nromal", 2).orElseThrow().contains("unknown distribution"));
  }
}
