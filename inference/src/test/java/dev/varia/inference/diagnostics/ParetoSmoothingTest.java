package dev.varia.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.random.RandomStream;
import dev.varia.inference.diagnostics.internal.GeneralizedParetoFit;
import java.util.function.Function;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PSIS k-hat on importance ratios whose tail index is known. Tolerances: the maximum-likelihood
 * estimate of a generalised Pareto shape from n exceedances has standard deviation about (1 + k) /
 * sqrt(n) (Smith 1985; Zhang and Stephens' estimator is as efficient), so the mean of R independent
 * k-hats has standard error (1 + k) / sqrt(n R); the weakly informative prior shifts k-hat by
 * exactly (0.5 - k) 10 / (n + 10) on average.
 */
class ParetoSmoothingTest {
  private static final int S = 4000;
  private static final int REPLICATES = 40;

  /** Mean k-hat over replicates of S log ratios drawn by {@code logRatios}. */
  private static double meanKhat(long seed, Function<RandomStream, double[]> logRatios) {
    RandomStream root = RandomStream.seeded(seed);
    double sum = 0;
    for (int r = 0; r < REPLICATES; r++) {
      sum += ParetoSmoothing.smooth(logRatios.apply(root.fork(r))).paretoK();
    }
    return sum / REPLICATES;
  }

  private static void assertMeanKhat(double k, double mean, String what) {
    int n = ParetoSmoothing.tailLength(S);
    double se = (1 + k) / Math.sqrt((double) n * REPLICATES);
    double priorShift = (0.5 - k) * 10 / (n + 10.0);
    System.out.printf(
        "PSIS %s: true k %.3f, mean k-hat over %d x %d draws %.4f (se %.4f)%n",
        what, k, REPLICATES, S, mean, se);
    assertEquals(k + priorShift, mean, 4 * se, what);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.2, 0.5, 0.8})
  void exactParetoTails(double k) {
    // proposal Exp(1), target Exp(lambda) with lambda = 1 - k: the ratio lambda e^{(1-lambda) x}
    // has P(ratio > t) proportional to t^{-1/k}, an exact Pareto tail with index k
    double lambda = 1 - k;
    double mean =
        meanKhat(
            11,
            rng -> {
              double[] lr = new double[S];
              for (int i = 0; i < S; i++) {
                double x = -Math.log(rng.uniform());
                lr[i] = Math.log(lambda) + (1 - lambda) * x;
              }
              return lr;
            });
    assertMeanKhat(k, mean, String.format("Exp(%.1f) target, Exp(1) proposal", lambda));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.3, 0.3, 0.7})
  void generalisedParetoSamplesThroughTheFitter(double k) {
    // GPD draws by inversion, fitted directly (all n draws are the tail)
    int n = 300;
    RandomStream root = RandomStream.seeded(12);
    double sum = 0;
    for (int r = 0; r < REPLICATES; r++) {
      RandomStream rng = root.fork(r);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = GeneralizedParetoFit.quantile(rng.uniform(), k, 2.0);
      }
      java.util.Arrays.sort(x);
      sum += GeneralizedParetoFit.fit(x, false).k();
    }
    double mean = sum / REPLICATES;
    double se = (1 + k) / Math.sqrt((double) n * REPLICATES);
    System.out.printf("GPD fit: true k %.2f, mean k-hat %.4f (se %.4f)%n", k, mean, se);
    assertEquals(k, mean, 4 * se);
  }

  private static double logNormal(double x, double sd) {
    return -0.5 * (x / sd) * (x / sd) - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
  }

  /** k-hats of R replicates of S log ratios {@code log p(x) - log q(x)}, x drawn by {@code q}. */
  private static double[] khats(
      long seed,
      Function<RandomStream, Double> q,
      java.util.function.DoubleUnaryOperator logRatio) {
    RandomStream root = RandomStream.seeded(seed);
    double[] k = new double[CLASSIFY_REPLICATES];
    for (int r = 0; r < CLASSIFY_REPLICATES; r++) {
      RandomStream rng = root.fork(r);
      double[] lr = new double[S];
      for (int i = 0; i < S; i++) {
        lr[i] = logRatio.applyAsDouble(q.apply(rng));
      }
      k[r] = ParetoSmoothing.smooth(lr).paretoK();
    }
    return k;
  }

  /** Mean and standard error of the mean, from the replicates' own spread. */
  private static double[] meanAndSe(double[] k) {
    double m = 0;
    for (double v : k) {
      m += v;
    }
    m /= k.length;
    double ss = 0;
    for (double v : k) {
      ss += (v - m) * (v - m);
    }
    return new double[] {m, Math.sqrt(ss / (k.length - 1) / k.length)};
  }

  /*
   * For a normal proposal and a heavier-tailed target the asymptotic tail index is known, but the
   * ratios approach it only through slowly varying factors (e.g. (log t)^(-1/2)), so k-hat, a
   * finite-sample diagnostic, sits below it: measured at S = 4000, Student-t(3) target vs N(0, 1)
   * proposal (asymptotic k = 1) averages 0.69, and single replicates spread with sd ~0.11. The
   * tests therefore classify the mean of R replicates, with a margin of 4 standard errors, on
   * proposals that are clearly too narrow. Sizing R: mean k-hats of ~0.78 with a replicate sd of
   * ~0.115 need 4 * 0.115 / sqrt(R) well below 0.08, so R = 100 (margin 0.046).
   */
  private static final int CLASSIFY_REPLICATES = 100;

  @Test
  void heavyTailedTargetWithATooNarrowNormalProposalIsBad() {
    // target 3 * Student-t(3), proposal N(0, 1): asymptotic k = 1
    TDistribution t = TDistribution.of(3);
    double[] k =
        khats(20, RandomStream::normal, x -> t.logDensity(x / 3) - Math.log(3) - logNormal(x, 1));
    double[] m = meanAndSe(k);
    System.out.printf(
        "PSIS 3 t(3) target, N(0,1) proposal: mean k-hat %.3f (se %.3f) over %d x %d draws%n",
        m[0], m[1], CLASSIFY_REPLICATES, S);
    assertTrue(m[0] - 4 * m[1] > 0.7, "mean k-hat " + m[0] + " se " + m[1]);
  }

  @Test
  void tooNarrowNormalProposalIsBad() {
    // target N(0, 3^2), proposal N(0, 1): asymptotic k = 1 - 1/9 = 0.89
    double[] k = khats(30, RandomStream::normal, x -> logNormal(x, 3) - logNormal(x, 1));
    double[] m = meanAndSe(k);
    System.out.printf(
        "PSIS N(0,9) target, N(0,1) proposal: mean k-hat %.3f (se %.3f)%n", m[0], m[1]);
    assertTrue(m[0] - 4 * m[1] > 0.7, "mean k-hat " + m[0] + " se " + m[1]);
    assertTrue(m[0] < 0.89 + 4 * m[1], "not above the asymptotic value");
  }

  @Test
  void heavierTailedProposalIsGood() {
    // target N(0, 1), proposal Student-t(3): the ratio is bounded, so k <= 0
    TDistribution t = TDistribution.of(3);
    double[] k =
        khats(
            40,
            rng -> t.createSampler(rng.provider()).sample(),
            x -> logNormal(x, 1) - t.logDensity(x));
    double[] m = meanAndSe(k);
    System.out.printf("PSIS N(0,1) target, t(3) proposal: mean k-hat %.3f (se %.3f)%n", m[0], m[1]);
    assertTrue(m[0] + 4 * m[1] < 0.5, "mean k-hat " + m[0] + " se " + m[1]);
    for (double v : k) {
      assertEquals(ParetoKAdvice.GOOD, ParetoKAdvice.of(v, S), "k-hat " + v);
    }
  }

  @Test
  void smoothingTouchesOnlyTheTailKeepsItsOrderAndTruncatesAtTheMaximum() {
    RandomStream rng = RandomStream.seeded(5);
    double[] lr = new double[1000];
    for (int i = 0; i < lr.length; i++) {
      double x = rng.normal();
      lr[i] = logNormal(x, 2) - logNormal(x, 1) + 100; // an arbitrary offset
    }
    PsisResult r = ParetoSmoothing.smooth(lr);
    int tail = ParetoSmoothing.tailLength(1000);
    assertEquals(Math.ceil(Math.min(200, 3 * Math.sqrt(1000))), tail);
    assertEquals(tail, r.tailLength());
    double[] sorted = lr.clone();
    java.util.Arrays.sort(sorted);
    double cutoff = sorted[1000 - tail - 1];
    double max = sorted[999];
    int changed = 0;
    for (int i = 0; i < lr.length; i++) {
      double w = r.smoothedLogWeights()[i];
      if (lr[i] <= cutoff) {
        assertEquals(lr[i], w, 0.0, "below the tail nothing changes");
      } else {
        changed++;
        assertTrue(w <= max, "truncated at the largest raw ratio");
        assertTrue(w >= cutoff - 1e-12, "the smoothed tail stays above the cut-off");
        for (int j = 0; j < lr.length; j++) {
          if (lr[j] > cutoff && lr[j] < lr[i]) {
            assertTrue(r.smoothedLogWeights()[j] <= w, "order within the tail is kept");
          }
        }
      }
    }
    assertEquals(tail, changed);
    // an additive constant shifts the weights, not k-hat
    double[] shifted = lr.clone();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] -= 250;
    }
    PsisResult s = ParetoSmoothing.smooth(shifted);
    assertEquals(r.paretoK(), s.paretoK(), 1e-9);
    for (int i = 0; i < lr.length; i++) {
      assertEquals(r.smoothedLogWeights()[i] - 250, s.smoothedLogWeights()[i], 1e-9);
    }
    double total = 0;
    for (double w : r.normalizedWeights()) {
      total += w;
    }
    assertEquals(1.0, total, 1e-12);
  }

  @Test
  void adviceRanges() {
    assertEquals(0.7, ParetoKAdvice.threshold(4000), 0.0);
    assertEquals(0.5, ParetoKAdvice.threshold(100), 1e-15);
    assertEquals(ParetoKAdvice.GOOD, ParetoKAdvice.of(0.3, 4000));
    assertEquals(ParetoKAdvice.OK, ParetoKAdvice.of(0.6, 4000));
    assertEquals(ParetoKAdvice.TOO_FEW_DRAWS, ParetoKAdvice.of(0.6, 100));
    assertEquals(ParetoKAdvice.BAD, ParetoKAdvice.of(0.8, 4000));
    assertEquals(ParetoKAdvice.VERY_BAD, ParetoKAdvice.of(1.2, 4000));
    assertEquals(ParetoKAdvice.NOT_ESTIMATED, ParetoKAdvice.of(Double.NaN, 10));
    assertEquals(Math.pow(10, 2.5), ParetoKAdvice.drawsNeeded(0.6), 1e-9);
    String few = ParetoKAdvice.TOO_FEW_DRAWS.describe(0.6, 100);
    assertTrue(few.contains("0.60") && few.contains("317 draws"), few);
    assertTrue(ParetoKAdvice.BAD.describe(0.8, 4000).contains("more draws will not help"));
  }

  @Test
  void tooFewDrawsOrBadInput() {
    PsisResult r = ParetoSmoothing.smooth(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    assertTrue(Double.isNaN(r.paretoK()), "a tail of 2 is not fitted");
    assertEquals(ParetoKAdvice.NOT_ESTIMATED, r.advice());
    assertThrows(
        IllegalArgumentException.class, () -> ParetoSmoothing.smooth(new double[] {0, Double.NaN}));
    double[] constant = new double[100];
    assertTrue(Double.isNaN(ParetoSmoothing.smooth(constant).paretoK()));
    double[] withZeroWeight = new double[100];
    withZeroWeight[3] = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 100; i++) {
      if (i != 3) {
        withZeroWeight[i] = Math.sin(i);
      }
    }
    assertEquals(
        Double.NEGATIVE_INFINITY, ParetoSmoothing.smooth(withZeroWeight).smoothedLogWeights()[3]);
  }
}
