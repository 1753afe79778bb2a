package dev.varia.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Summaries against values computed by hand (and by R's quantile(), type 7). */
class PosteriorSummaryTest {
  @Test
  void type7QuantilesByHand() {
    // R: quantile(c(1, 2, 3, 4, 10), c(.05, .5, .95)) = 1.2, 3, 8.8
    // h = 4p: 0.2 -> 1 + 0.2 * 1; 2 -> 3; 3.8 -> 4 + 0.8 * 6
    double[] x = {10, 3, 1, 4, 2};
    assertArrayEquals(new double[] {1.2, 3, 8.8}, Quantiles.type7(x, 0.05, 0.5, 0.95), 1e-12);
    assertArrayEquals(new double[] {1, 10}, Quantiles.type7(x, 0, 1), 0.0);
    // R: quantile(1:10, c(.1, .25, .75)) = 1.9, 3.25, 7.75
    double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertArrayEquals(new double[] {1.9, 3.25, 7.75}, Quantiles.type7(y, 0.1, 0.25, 0.75), 1e-12);
    assertArrayEquals(new double[] {10, 3, 1, 4, 2}, x, 0.0, "input untouched");
    assertArrayEquals(new double[] {7, 7}, Quantiles.type7(new double[] {7}, 0.05, 0.95), 0.0);
  }

  @Test
  void meanSdAndDefaultQuantiles() {
    PosteriorSummary s = PosteriorSummary.of("theta[1]", new double[] {10, 3, 1, 4, 2});
    assertEquals("theta[1]", s.name());
    assertEquals(5, s.draws());
    assertEquals(4.0, s.mean(), 1e-15);
    // deviations 6, -1, -3, 0, -2: sum of squares 50, / 4
    assertEquals(Math.sqrt(12.5), s.sd(), 1e-15);
    assertEquals(Math.sqrt(12.5) / Math.sqrt(5), s.mcseMean(), 1e-15);
    assertEquals(1.2, s.quantile(0.05), 1e-12);
    assertEquals(3.0, s.quantile(0.5), 1e-12);
    assertEquals(8.8, s.quantile(0.95), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> s.quantile(0.25));
    assertTrue(s.toString().contains("theta[1]: mean 4.000"), s.toString());
  }

  @Test
  void anyListOfProbabilities() {
    PosteriorSummary s =
        PosteriorSummary.of("mu", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.1, 0.25, 0.75);
    assertArrayEquals(new double[] {1.9, 3.25, 7.75}, s.quantiles(), 1e-12);
  }

  @Test
  void stableForALargeOffset() {
    // naive sum-of-squares formulas lose every digit here
    PosteriorSummary s = PosteriorSummary.of("x", new double[] {1e9 + 1, 1e9 + 2, 1e9 + 3});
    assertEquals(1e9 + 2, s.mean(), 0.0);
    assertEquals(1.0, s.sd(), 1e-15);
  }

  @Test
  void refusesBadDraws() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PosteriorSummary.of("sigma", new double[] {1, Double.NaN, 2}));
    assertTrue(e.getMessage().contains("sigma: draw 2 of 3 is NaN"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PosteriorSummary.of("x", new double[0]));
    assertThrows(
        IllegalArgumentException.class, () -> PosteriorSummary.of("x", new double[] {1}, 1.5));
    assertTrue(Double.isNaN(PosteriorSummary.of("x", new double[] {1}).sd()));
  }
}
