package dev.varia.examples.ppl;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.inference.fit.FitResult;
import dev.varia.lang.objective.FitSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a fit: the fit loop's result, the model and the guide at their fitted parameters,
 * and the estimator (to evaluate the objective afresh).
 *
 * @param spec the fit declaration that was run
 * @param result the fit loop's result (objective history, how it ended)
 * @param estimator the objective's estimator over the fitted model and guide
 * @param model the model (its parameters, if any, are fitted)
 * @param guide the guide at its fitted parameters
 * @param seconds wall-clock time of the fit loop
 */
public record FittedModel(
    FitSpec spec,
    FitResult result,
    Estimator estimator,
    GenerativeFunction model,
    GenerativeFunction guide,
    double seconds) {

  /** A Monte Carlo estimate and its standard error. */
  public record Estimate(double mean, double se) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.4f (se %.4f)", mean, se);
    }
  }

  /** The constrained value of parameter {@code name} of the model or the guide. */
  public Tensor param(String name) {
    for (GenerativeFunction f : List.of(guide, model)) {
      var v = f.params().get(f.name() + "." + name);
      if (v.isPresent()) {
        return v.get();
      }
    }
    throw new PplException("no parameter " + name + " in " + guide.name() + " or " + model.name());
  }

  /** The objective at the fitted parameters: the mean of {@code n} fresh estimates. */
  public Estimate objective(int n, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    double s = 0;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double v = estimator.value(rng.split());
      s += v;
      ss += v * v;
    }
    double mean = s / n;
    return new Estimate(mean, Math.sqrt(Math.max(ss / n - mean * mean, 0) / (n - 1)));
  }

  /**
   * Posterior summaries from {@code draws} draws of the guide: every latent element (Stan's names:
   * {@code eta[3]}) and every quantity the model reports, computed from the model run with the
   * guide's choices.
   */
  public Map<String, PosteriorSummary> summaries(int draws, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    Map<String, double[]> values = new LinkedHashMap<>();
    for (int d = 0; d < draws; d++) {
      Trace q = guide.simulate(rng.split());
      Trace p = model.generate(rng.split(), q.choices()).trace();
      for (Map.Entry<Address, Tensor> e : p.choices()) {
        record(values, e.getKey().displayName(), e.getValue(), d, draws);
      }
      for (Map.Entry<Address, Tensor> e : p.reported().entrySet()) {
        record(values, e.getKey().displayName(), e.getValue(), d, draws);
      }
    }
    Map<String, PosteriorSummary> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, PosteriorSummary.of(k, v)));
    return out;
  }

  private static void record(Map<String, double[]> values, String name, Tensor t, int d, int n) {
    for (Map.Entry<String, Double> e : flatten(name, t).entrySet()) {
      values.computeIfAbsent(e.getKey(), k -> new double[n])[d] = e.getValue();
    }
  }

  /** Stan's flattening: {@code theta[1]}, ...; matrices {@code L[i,j]} in column-major order. */
  static Map<String, Double> flatten(String name, Tensor t) {
    Map<String, Double> out = new LinkedHashMap<>();
    int rank = t.shape().rank();
    if (rank == 0) {
      out.put(name, t.item());
    } else if (rank == 1) {
      for (int i = 0; i < t.size(); i++) {
        out.put(name + "[" + (i + 1) + "]", t.get(i));
      }
    } else {
      int rows = t.shape().rows();
      int cols = t.shape().cols();
      for (int j = 0; j < cols; j++) {
        for (int i = 0; i < rows; i++) {
          out.put(name + "[" + (i + 1) + "," + (j + 1) + "]", t.get(i, j));
        }
      }
    }
    return out;
  }

  /** A printable table of the summaries. */
  public static String table(Map<String, PosteriorSummary> summaries) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT, "%-14s %10s %10s %10s %10s %10s", "", "mean", "sd", "5%", "50%", "95%"));
    for (PosteriorSummary s : summaries.values()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%-14s %10.4g %10.4g %10.4g %10.4g %10.4g",
              s.name(),
              s.mean(),
              s.sd(),
              s.quantile(0.05),
              s.quantile(0.5),
              s.quantile(0.95)));
    }
    return String.join("\n", lines);
  }
}
