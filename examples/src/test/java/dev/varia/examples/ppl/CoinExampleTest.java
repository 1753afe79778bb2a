package dev.varia.examples.ppl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.examples.testing.Examples;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/coin.ppl}: its fit, as declared, finds the exact posterior Beta(8, 4) (7 heads, 3
 * tails, uniform prior), and its ELBO reaches the log evidence.
 */
class CoinExampleTest {
  @Test
  void theFittedGuideIsTheExactPosterior() {
    PplProgram coin = Examples.program("coin");
    FittedModel fit = coin.run(coin.fit());
    double a = fit.param("a").item();
    double b = fit.param("b").item();
    // Beta(8, 4): mean 2/3, sd sqrt(8 * 4 / (12^2 * 13)) = 0.1307
    assertEquals(2.0 / 3, a / (a + b), 0.01, "posterior mean");
    double sd = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    assertEquals(0.1307, sd, 0.013, "posterior sd");
    assertEquals(8, a, 1.0);
    assertEquals(4, b, 0.5);
    // log evidence: log B(8, 4) - log B(1, 1) = log(7! 3! / 11!)
    double logEvidence = Math.log(5040.0 * 6 / 39916800.0);
    FittedModel.Estimate elbo = fit.objective(2000, 3);
    assertEquals(logEvidence, elbo.mean(), 0.01 + 4 * elbo.se(), "ELBO at the fit");
  }
}
