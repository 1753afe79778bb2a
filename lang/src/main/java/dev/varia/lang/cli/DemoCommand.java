package dev.varia.lang.cli;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code varia demo}: computes the gradient of a Normal log-likelihood with the AD engine and
 * checks it against the closed form.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Print a gradient computed by Varia's reverse-mode AD engine, with a check.")
final class DemoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  private static final double[] DATA = {2.1, 3.4, 1.7, 2.9, 3.8, 2.2, 2.6, 3.1, 1.9, 2.8};

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    double mu = 2.0;
    double logSigma = 0.0;
    Tape tape = new Tape();
    Node m = tape.variable(mu);
    Node ls = tape.variable(logSigma);
    Node x = tape.constant(Tensor.vector(DATA));
    // log N(x | mu, sigma) summed, with sigma = exp(log sigma)
    Node z = x.sub(m).div(ls.exp());
    Node logLik =
        z.square()
            .mul(-0.5)
            .sum()
            .sub(ls.mul(DATA.length))
            .sub(0.5 * Math.log(2 * Math.PI) * DATA.length);
    tape.backward(logLik);

    double s2 = Math.exp(2 * logSigma);
    double sumDev = 0;
    double sumSq = 0;
    for (double v : DATA) {
      sumDev += v - mu;
      sumSq += (v - mu) * (v - mu);
    }
    out.println(
        "Normal log-likelihood of "
            + DATA.length
            + " points at mu = "
            + mu
            + ", log sigma = "
            + logSigma);
    out.printf(Locale.ROOT, "  value               %.10f%n", logLik.item());
    out.printf(
        Locale.ROOT,
        "  d/d mu              %.10f   (closed form %.10f)%n",
        m.gradAt(0),
        sumDev / s2);
    out.printf(
        Locale.ROOT,
        "  d/d log sigma       %.10f   (closed form %.10f)%n",
        ls.gradAt(0),
        sumSq / s2 - DATA.length);
    out.println("  tape entries        " + tape.size() + " (one per tensor operation)");
    out.flush();
    return 0;
  }
}
