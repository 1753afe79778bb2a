package dev.varia.inference.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Tape;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Strategy;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.adev.ParamBinding;
import dev.varia.inference.objective.ConjugateModels;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.Adam;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives bit-identical objective values, gradients and fitted parameters, in one JVM
 * and in two: the fingerprint of a run (hex of every double) is computed here and in a fresh JVM.
 */
class ReproducibilityTest {
  /** Hex fingerprints of the first estimates and gradients and of a short fit. */
  static String fingerprint() {
    StringBuilder sb = new StringBuilder();
    ParamStore store = new ParamStore();
    GenerativeFunction p = ConjugateModels.model(store);
    GenerativeFunction q =
        ConjugateModels.guide(
            store, 0.1, 0.9, Strategy.reinforce(Strategy.Baseline.movingAverage(0.9)));
    Estimator est = Estimator.of(Objectives.iwelbo(3), Map.of("p", p, "q", q));
    Tape tape = new Tape();
    RandomStream rng = RandomStream.seeded(2024);
    for (int i = 0; i < 5; i++) {
      tape.reset();
      Estimator.Estimate e = est.estimate(tape, rng.split());
      tape.backward(e.value());
      sb.append(Double.toHexString(e.value().get(0))).append(' ');
      for (ParamBinding.Bound b : e.params().trainable()) {
        sb.append(Double.toHexString(b.leaf().gradAt(0))).append(' ');
      }
      est.state().endStep();
    }
    ParamStore fitted = new ParamStore();
    GenerativeFunction p2 = ConjugateModels.model(fitted);
    GenerativeFunction q2 = ConjugateModels.guide(fitted, 0.1, 0.9, Strategy.REPARAM);
    Fit.of(Estimator.of(Objectives.elbo(2), Map.of("p", p2, "q", q2)))
        .optimizer(Adam.of(0.05))
        .steps(100)
        .seed(9)
        .run();
    for (String k : fitted.keys()) {
      sb.append(Double.toHexString(fitted.get(k).orElseThrow().item())).append(' ');
    }
    return sb.toString().trim();
  }

  /** Prints the fingerprint (run in a second JVM by the test). */
  public static void main(String[] args) {
    System.out.println(fingerprint());
  }

  @Test
  void bitIdenticalInOneJvmAndInTwo() throws IOException, InterruptedException {
    String here = fingerprint();
    assertEquals(here, fingerprint(), "same JVM");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ReproducibilityTest.class.getName());
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, proc.waitFor(), out);
    assertEquals(here, out, "second JVM");
  }
}
