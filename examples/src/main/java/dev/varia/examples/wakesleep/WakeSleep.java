package dev.varia.examples.wakesleep;

import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.examples.data.ClusterData;
import dev.varia.examples.data.ExampleFiles;
import dev.varia.examples.ppl.PplProgram;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.fit.Fit;
import dev.varia.inference.fit.FitResult;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.Adam;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reweighted wake-sleep on {@code examples/wake_sleep.ppl}: compiles the file through the language
 * and alternates the library's two wake phases step by step, {@code wake_p(K)} for the model's
 * parameters and {@code wake_q(K)} for the guide's (a {@code fit} declaration takes a single
 * objective, so the alternation is driven from Java). Prints the learned model parameters next to
 * the ones that generated the data, and how often the learned classifier's most probable label is
 * the true one.
 */
public final class WakeSleep {
  /** Particles per wake phase. */
  public static final int PARTICLES = 10;

  private WakeSleep() {}

  /**
   * What the fit learned.
   *
   * @param result the fit loop's result
   * @param weights the cluster probabilities
   * @param mu the cluster means
   * @param sigma the common sd
   * @param a the classifier's intercepts (logit of label k: a[k] + b[k] y)
   * @param b the classifier's slopes
   * @param seconds wall-clock time of the fit
   */
  public record Learned(
      FitResult result,
      double[] weights,
      double[] mu,
      double sigma,
      double[] a,
      double[] b,
      double seconds) {

    /** The fraction of points whose most probable label under the classifier is {@code labels}. */
    public double accuracy(double[] y, int[] labels) {
      int right = 0;
      for (int n = 0; n < y.length; n++) {
        int best = 0;
        for (int k = 1; k < a.length; k++) {
          if (a[k] + b[k] * y[n] > a[best] + b[best] * y[n]) {
            best = k;
          }
        }
        right += best + 1 == labels[n] ? 1 : 0;
      }
      return (double) right / y.length;
    }
  }

  /**
   * Fits the model and guide of {@code ppl} to the data file {@code data} with alternating wake
   * phases (Adam, step size 0.05).
   */
  public static Learned fit(Path ppl, Path data, int steps, long seed) {
    PplProgram program = PplProgram.compile(ppl, Optional.of(data));
    Map<String, GenerativeFunction> fns = program.bind(program.fit("guide_phase"));
    List<Estimator> phases =
        List.of(
            Estimator.of(Objectives.wakeP(PARTICLES), fns),
            Estimator.of(Objectives.wakeQ(PARTICLES), fns));
    long start = System.nanoTime();
    FitResult r = Fit.alternating(phases).optimizer(Adam.of(0.05)).steps(steps).seed(seed).run();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!r.ok()) {
      throw new IllegalStateException("wake-sleep failed: " + r.message());
    }
    ParamStore store = fns.get("p").params();
    return new Learned(
        r,
        value(store, "clusters.weights"),
        value(store, "clusters.mu"),
        value(store, "clusters.sigma")[0],
        value(store, "classifier.a"),
        value(store, "classifier.b"),
        seconds);
  }

  private static double[] value(ParamStore store, String key) {
    return store.get(key).orElseThrow().toArray();
  }

  /** Runs the example: {@code WakeSleep [steps] [seed]}. */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    Learned l =
        fit(
            ExampleFiles.example("wake_sleep.ppl"),
            ExampleFiles.example("wake_sleep.csv"),
            steps,
            seed);
    ClusterData truth = ClusterData.example();
    System.out.printf(
        Locale.ROOT,
        "wake-sleep (wake_p(%d) and wake_q(%d) alternating), %d steps in %.1f s: %s%n",
        PARTICLES,
        PARTICLES,
        l.result().steps(),
        l.seconds(),
        l.result().message());
    System.out.printf(Locale.ROOT, "%-8s %-24s %s%n", "", "learned", "truth");
    System.out.printf(
        Locale.ROOT, "%-8s %-24s %s%n", "weights", fmt(l.weights()), fmt(ClusterData.WEIGHTS));
    System.out.printf(Locale.ROOT, "%-8s %-24s %s%n", "mu", fmt(l.mu()), fmt(ClusterData.MU));
    System.out.printf(Locale.ROOT, "%-8s %-24.3f %.3f%n", "sigma", l.sigma(), ClusterData.SIGMA);
    System.out.printf(
        Locale.ROOT,
        "classifier: most probable label right for %.1f%% of points%n",
        100 * l.accuracy(truth.y(), truth.labels()));
  }

  private static String fmt(double[] v) {
    return Arrays.stream(v)
        .mapToObj(x -> String.format(Locale.ROOT, "%.3f", x))
        .toList()
        .toString();
  }
}
