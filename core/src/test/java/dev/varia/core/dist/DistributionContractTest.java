package dev.varia.core.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Grad;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.random.RandomStream;
import dev.varia.core.testing.GradCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every distribution meets, checked against independent references (commons-statistics
 * or closed forms written in the tests): see {@link Cases} for the list.
 */
class DistributionContractTest {
  static Stream<Case> cases() {
    return Cases.all().stream();
  }

  private static long seed(Case c) {
    return c.label.hashCode() * 0x9E3779B97F4A7C15L + 17;
  }

  private static boolean close(double actual, double expected, double rel) {
    if (expected == Double.NEGATIVE_INFINITY) {
      return actual == Double.NEGATIVE_INFINITY;
    }
    return Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void logDensityMatchesReference(Case c) {
    Tape tape = new Tape();
    Distribution d = c.on(tape);
    assertEquals(c.distName, d.name());
    Node lp = d.logDensity(tape.constant(c.points));
    assertEquals(c.expected.length, lp.size(), "one log density per batch element");
    double sum = 0;
    double scale = 0;
    for (int i = 0; i < c.expected.length; i++) {
      double e = c.expected[i];
      assertTrue(
          close(lp.get(i), e, 1e-9),
          c + ": element " + i + " log density " + lp.get(i) + ", reference " + e);
      sum += lp.get(i);
      scale += Math.abs(e);
    }
    double fused = d.logDensitySum(tape.constant(c.points)).item();
    assertTrue(Math.abs(fused - sum) <= 1e-12 * Math.max(1, scale), c + ": fused sum " + fused);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fusedSumHasTheSameGradient(Case c) {
    Tensor[] at = inputs(c);
    if (at.length == 0) {
      return;
    }
    Grad.Fn perElement = in -> density(c, in).logDensity(value(c, in)).sum();
    Grad.Fn fused = in -> density(c, in).logDensitySum(value(c, in));
    Tensor[] g1 = Grad.grad(perElement, at);
    Tensor[] g2 = Grad.grad(fused, at);
    for (int k = 0; k < at.length; k++) {
      assertTrue(g1[k].allClose(g2[k], 1e-10 * (1 + maxAbs(g1[k]))), c + ": input " + k);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(Case c) {
    Tensor[] at = inputs(c);
    if (at.length == 0) {
      return; // delta: nothing is differentiable
    }
    GradCheck.check(in -> density(c, in).logDensity(value(c, in)), 1e-6, 1e-6, at);
  }

  /** The differentiable parameters, then x (pre-map) when x-gradients are checked. */
  private static Tensor[] inputs(Case c) {
    List<Tensor> in = new ArrayList<>();
    for (int j = 0; j < c.params.length; j++) {
      if (c.differentiable[j]) {
        in.add(c.params[j]);
      }
    }
    if (c.xInput != null) {
      in.add(c.xInput);
    }
    return in.toArray(new Tensor[0]);
  }

  private static Distribution density(Case c, Node[] in) {
    Tape tape = in[0].tape();
    Node[] p = new Node[c.params.length];
    for (int j = 0, k = 0; j < p.length; j++) {
      p[j] = c.differentiable[j] ? in[k++] : tape.constant(c.params[j]);
    }
    return c.build.apply(p);
  }

  private static Node value(Case c, Node[] in) {
    if (c.xInput == null) {
      return in[0].tape().constant(c.points);
    }
    return c.xMap.apply(in[in.length - 1]);
  }

  private static double maxAbs(Tensor t) {
    double m = 0;
    for (int i = 0; i < t.size(); i++) {
      m = Math.max(m, Math.abs(t.get(i)));
    }
    return m;
  }

  /** n draws, each flattened (batch followed by event). */
  static double[][] drawMany(Case c, Distribution d, RandomStream rng, int n) {
    Shape b = d.batchShape();
    Shape ev = d.eventShape();
    Tensor all = null;
    if (ev.isScalar() && b.rank() <= 1) {
      all = d.sample(rng, b.isScalar() ? Shape.vector(n) : Shape.matrix(n, b.size()));
    } else if (ev.isVector() && b.isScalar()) {
      all = d.sample(rng, Shape.vector(n));
    }
    double[][] out = new double[n][];
    if (all != null) {
      int per = all.size() / n;
      double[] flat = all.toArray();
      for (int i = 0; i < n; i++) {
        out[i] = java.util.Arrays.copyOfRange(flat, i * per, (i + 1) * per);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = d.sample(rng).toArray();
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void drawsFollowTheReference(Case c) {
    Tape tape = new Tape();
    Distribution d = c.on(tape);
    double[][] draws = drawMany(c, d, RandomStream.seeded(seed(c)), c.draws);
    for (Case.Marginal mg : c.marginals) {
      double[] x = new double[draws.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = mg.statistic().applyAsDouble(draws[i]);
      }
      Ref1D ref = mg.ref();
      String what = c + " " + mg.name();
      if (c.sampleMoments && Double.isFinite(ref.mean()) && Double.isFinite(ref.variance())) {
        Stats.assertMean(x, ref.mean(), ref.variance(), what);
        Stats.assertVariance(x, ref.variance(), what);
      }
      if (ref.discrete()) {
        Stats.assertChiSquare(x, ref, what);
      } else {
        Stats.assertKs(x, ref::cdf, what);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void closedFormMomentsMatchTheReference(Case c) {
    Distribution d = c.on(new Tape());
    if (!c.closedFormMoments) {
      assertFalse(d.mean().isPresent(), c + ": mean() should be empty");
      return;
    }
    Optional<Tensor> mean = d.mean();
    Optional<Tensor> variance = d.variance();
    boolean anyMean = false;
    for (int j = 0; j < c.marginals.size(); j++) {
      Ref1D ref = c.marginals.get(j).ref();
      if (c.marginals.get(j).name().contains("projection") || Double.isNaN(ref.mean())) {
        continue;
      }
      anyMean = true;
      assertTrue(mean.isPresent(), c + ": mean() is empty");
      assertTrue(close(mean.get().get(j), ref.mean(), 1e-12), c + ": mean[" + j + "]");
      if (Double.isInfinite(ref.variance())) {
        assertEquals(ref.variance(), variance.get().get(j), c + ": variance[" + j + "]");
      } else if (!Double.isNaN(ref.variance())) {
        assertTrue(
            close(variance.get().get(j), ref.variance(), 1e-10),
            c + ": variance[" + j + "] " + variance.get().get(j) + " vs " + ref.variance());
      }
    }
    if (!anyMean) {
      assertFalse(mean.isPresent(), c + ": no mean exists, mean() should be empty");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void densityNormalises(Case c) {
    if (c.normalisation == null) {
      return;
    }
    Tape tape = new Tape();
    Shape batch = c.batchShape();
    int n = c.normalisationElements;
    double[] safe = new double[n];
    for (int b = 0; b < n; b++) {
      safe[b] = c.normalisation.apply(b).quantile(0.5);
    }
    for (int b = 0; b < n; b++) {
      Ref1D ref = c.normalisation.apply(b);
      if (!ref.proper()) {
        continue;
      }
      int bb = b;
      java.util.function.DoubleUnaryOperator density =
          x -> {
            tape.reset();
            double[] v = safe.clone();
            v[bb] = x;
            Node lp = c.on(tape).logDensity(tape.constant(Tensor.wrap(v, batch)));
            return Math.exp(lp.get(bb));
          };
      double total;
      if (ref.discrete()) {
        total = 0;
        for (double x = ref.lower(); x <= ref.upper() && x < 1e6; x++) {
          total += density.applyAsDouble(x);
          if (ref.cdf(x) > 1 - 1e-15) {
            break;
          }
        }
      } else {
        double centre = ref.quantile(0.5);
        double scale = ref.quantile(0.75) - ref.quantile(0.25);
        total = Quadrature.mapped(density, ref.lower(), ref.upper(), centre, scale);
      }
      assertEquals(1.0, total, 1e-6, c + ": element " + b + " integrates to " + total);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void outsideTheSupportIsMinusInfinity(Case c) {
    if (c.outside == null) {
      return;
    }
    Tape tape = new Tape();
    Node[] p = new Node[c.params.length];
    for (int j = 0; j < p.length; j++) {
      p[j] = tape.variable(c.params[j]);
    }
    Distribution d = c.build.apply(p);
    Node x = tape.variable(c.outside);
    Node lp = d.logDensity(x);
    for (int i = 0; i < lp.size(); i++) {
      assertEquals(Double.NEGATIVE_INFINITY, lp.get(i), c + ": element " + i);
    }
    // no NaN leaks into gradients from out-of-support values
    tape.backward(d.logDensitySum(x));
    for (Node n : p) {
      for (int i = 0; i < n.size(); i++) {
        assertEquals(0.0, n.gradAt(i), c + ": gradient of a parameter from -infinity terms");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badParametersAreRejected(Case c) {
    for (Case.Bad bad : c.bad) {
      InvalidParameterException e =
          assertThrows(InvalidParameterException.class, () -> bad.make().apply(new Tape()));
      assertEquals(c.distName, e.distribution());
      assertEquals(bad.param(), e.parameter());
      assertEquals(0, Double.compare(bad.value(), e.value()), e.getMessage());
      assertTrue(e.getMessage().startsWith(c.distName + ": parameter " + bad.param() + " = "));
      assertTrue(e.getMessage().contains(String.valueOf(bad.value())), e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void enumeration(Case c) {
    if (c.enumerable == null) {
      return;
    }
    Tape tape = new Tape();
    Distribution d = c.on(tape);
    assertEquals(c.enumerable, d.isEnumerable(), c.toString());
    if (!c.enumerable) {
      VariaException e = assertThrows(VariaException.class, d::enumerateSupport);
      assertTrue(e.getMessage().contains("not enumerable"), e.getMessage());
      return;
    }
    Tensor values = d.enumerateSupport();
    Shape batch = d.batchShape();
    double[] total = new double[batch.size()];
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        assertTrue(values.get(i) > values.get(i - 1), "values in increasing order");
      }
      Node lp = d.logDensity(tape.constant(Tensor.full(batch, values.get(i))));
      for (int b = 0; b < total.length; b++) {
        total[b] += Math.exp(lp.get(b));
      }
    }
    for (double t : total) {
      assertEquals(1.0, t, 1e-12, c + ": enumerated masses sum to 1");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void drawsHaveTheRightShapeAndLieInTheSupport(Case c) {
    Tape tape = new Tape();
    Distribution d = c.on(tape);
    RandomStream rng = RandomStream.seeded(seed(c) + 1);
    Shape expected = withEvent(d.batchShape(), d.eventShape());
    Tensor x = d.sample(rng);
    assertEquals(expected, x.shape());
    Node lp = d.logDensity(tape.constant(x));
    for (int i = 0; i < lp.size(); i++) {
      assertTrue(lp.get(i) > Double.NEGATIVE_INFINITY, c + ": a draw outside the support " + x);
    }
    if (d.hasReparam()) {
      Node r = d.rsample(rng, d.batchShape());
      assertEquals(expected, r.shape());
      Node lr = d.logDensity(r);
      for (int i = 0; i < lr.size(); i++) {
        assertTrue(lr.get(i) > Double.NEGATIVE_INFINITY, c + ": an rsample outside the support");
      }
    } else {
      assertThrows(VariaException.class, () -> d.rsample(rng, d.batchShape()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void drawsAreReproducibleFromTheSeed(Case c) {
    Distribution d = c.on(new Tape());
    Tensor a = d.sample(RandomStream.seeded(seed(c) + 2), d.batchShape());
    Tensor b = d.sample(RandomStream.seeded(seed(c) + 2), d.batchShape());
    Tensor other = d.sample(RandomStream.seeded(seed(c) + 3), d.batchShape());
    assertEquals(a, b, c + ": same seed, same draws");
    if (!d.isDiscrete() && !c.distName.equals("delta")) {
      assertFalse(a.equals(other), c + ": another seed, other draws");
    }
  }

  private static Shape withEvent(Shape batch, Shape event) {
    if (event.isScalar()) {
      return batch;
    }
    if (batch.isScalar()) {
      return event;
    }
    return Shape.matrix(batch.size(), event.size());
  }
}
