package dev.varia.examples.ppl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.examples.testing.Examples;
import dev.varia.lang.run.FitOutcome;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/coin.ppl}: its fit, as declared, finds the exact posterior Beta(8, 4) (7 heads, 3
 * tails, uniform prior), its ELBO reaches the log evidence, and so does the importance-sampling
 * estimate of the evidence.
 */
class CoinExampleTest {
  @Test
  void theFittedGuideIsTheExactPosterior() {
    FitOutcome fit = Examples.program("coin").run();
    double a = fit.params().get("coin_q.a").item();
    double b = fit.params().get("coin_q.b").item();
    // Beta(8, 4): mean 2/3, sd sqrt(8 * 4 / (12^2 * 13)) = 0.1307
    assertEquals(2.0 / 3, a / (a + b), 0.01, "posterior mean");
    double sd = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    assertEquals(0.1307, sd, 0.013, "posterior sd");
    assertEquals(8, a, 1.0);
    assertEquals(4, b, 0.5);
    // log evidence: log B(8, 4) - log B(1, 1) = log(7! 3! / 11!)
    double logEvidence = Math.log(5040.0 * 6 / 39916800.0);
    assertEquals(
        logEvidence, fit.objectiveFinal(), 0.01 + 4 * fit.objectiveSe(), "ELBO at the fit");
    assertEquals(
        logEvidence,
        fit.evidence().logEvidence(),
        0.002 + 4 * fit.evidence().standardError(),
        "importance-sampling evidence");
  }
}
