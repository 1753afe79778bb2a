package dev.varia.inference.results;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.diagnostics.EvidenceEstimate;
import dev.varia.inference.diagnostics.ParetoSmoothing;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.inference.diagnostics.PsisResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Independent draws of a {@link PosteriorApproximation} as columns with Stan's flattened names:
 * every latent and every reported quantity, element by element ({@code theta[3]}, {@code L[2,1]};
 * matrices in Stan's column-major order), latents first in program order, then reported quantities,
 * each with its draws. The log importance weights {@code log p(x, y) - log q(x)} of the draws give
 * Pareto k-hat ({@link #psis()}) and the evidence estimate ({@link #evidence()}). Each draw also
 * keeps its log density under the model ({@link #logDensities()}, the trace's score) and under the
 * approximation ({@link #approximationLogDensities()}), through resampling too, for Stan's {@code
 * log_p__} and {@code log_g__} columns.
 */
public final class Draws {
  private final LinkedHashMap<String, double[]> columns;
  private final List<String> latentNames;
  private final List<String> reportedNames;
  private final double[] logWeights;
  private final double[] logP;
  private final double[] logQ;

  private Draws(
      LinkedHashMap<String, double[]> columns,
      List<String> latentNames,
      List<String> reportedNames,
      double[] logWeights,
      double[] logP,
      double[] logQ) {
    this.columns = columns;
    this.latentNames = Collections.unmodifiableList(latentNames);
    this.reportedNames = Collections.unmodifiableList(reportedNames);
    this.logWeights = logWeights;
    this.logP = logP;
    this.logQ = logQ;
  }

  /**
   * {@code n} independent draws of {@code approximation}, draw i from {@code rng.fork(i)} (so the
   * draws do not depend on how they are computed).
   *
   * @throws IllegalArgumentException if n < 1
   */
  public static Draws of(PosteriorApproximation approximation, int n, RandomStream rng) {
    if (n < 1) {
      throw new IllegalArgumentException("at least one draw is needed, got " + n);
    }
    List<WeightedDraw> draws = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      draws.add(approximation.draw(rng.fork(i)));
    }
    return of(draws);
  }

  /**
   * Draws from already computed weighted traces (every trace must have the same latents and
   * reported quantities with the same shapes).
   */
  public static Draws of(List<WeightedDraw> draws) {
    int n = draws.size();
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    List<String> latent = new ArrayList<>();
    List<String> reported = new ArrayList<>();
    double[] lw = new double[n];
    double[] lp = new double[n];
    double[] lq = new double[n];
    for (int s = 0; s < n; s++) {
      Trace t = draws.get(s).trace();
      lw[s] = draws.get(s).logWeight();
      lp[s] = t.score();
      lq[s] = lp[s] - lw[s];
      int[] filled = {0};
      for (Map.Entry<Address, Tensor> e : t.choices()) {
        add(cols, s == 0 ? latent : null, e.getKey(), e.getValue(), s, n, filled);
      }
      for (Map.Entry<Address, Tensor> e : t.reported().entrySet()) {
        add(cols, s == 0 ? reported : null, e.getKey(), e.getValue(), s, n, filled);
      }
      if (filled[0] != cols.size()) {
        throw new VariaException(
            "draw " + (s + 1) + " has other latents or reported quantities than the first");
      }
    }
    return new Draws(cols, latent, reported, lw, lp, lq);
  }

  private static void add(
      LinkedHashMap<String, double[]> cols,
      List<String> names,
      Address a,
      Tensor v,
      int s,
      int n,
      int[] filled) {
    List<String> flat = flatNames(a, v);
    double[] values = flatValues(v);
    for (int k = 0; k < flat.size(); k++) {
      String name = flat.get(k);
      double[] col = cols.get(name);
      if (col == null) {
        if (s > 0) {
          throw new VariaException(
              "draw " + (s + 1) + " has " + name + ", the first draw does not");
        }
        col = new double[n];
        cols.put(name, col);
        names.add(name);
      }
      col[s] = values[k];
      filled[0]++;
    }
  }

  /**
   * Stan's flattened names of a value at {@code a}: the name for a scalar, {@code a[i]} for a
   * vector, {@code a[i,j]} for a matrix in column-major order; 1-based.
   */
  public static List<String> flatNames(Address a, Tensor v) {
    List<String> out = new ArrayList<>(v.size());
    if (v.shape().isScalar()) {
      out.add(a.displayName());
    } else if (v.shape().isVector()) {
      for (int i = 0; i < v.size(); i++) {
        out.add(a.child(i).displayName());
      }
    } else {
      int rows = v.shape().rows();
      int cols = v.shape().cols();
      for (int j = 0; j < cols; j++) {
        for (int i = 0; i < rows; i++) {
          out.add(a.child(i).child(j).displayName());
        }
      }
    }
    return out;
  }

  /** The values of {@code v} in the order of {@link #flatNames}. */
  public static double[] flatValues(Tensor v) {
    if (!v.shape().isMatrix()) {
      return v.toArray();
    }
    int rows = v.shape().rows();
    int cols = v.shape().cols();
    double[] out = new double[v.size()];
    int k = 0;
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        out[k++] = v.get(i, j);
      }
    }
    return out;
  }

  /**
   * {@code n} draws resampled from these with probabilities {@code weights} (normalised, e.g. PSIS
   * weights), by systematic resampling (Kitagawa 1996: one uniform, stratified positions, the
   * lowest-variance unbiased scheme); the result's draws are equally weighted (log weights 0).
   */
  public Draws resample(double[] weights, int n, RandomStream rng) {
    int s = size();
    if (weights.length != s) {
      throw new IllegalArgumentException(
          "need one weight per draw: " + weights.length + " for " + s);
    }
    double total = 0;
    for (double w : weights) {
      if (!(w >= 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException("weights must be finite and non-negative");
      }
      total += w;
    }
    int[] idx = new int[n];
    double u = rng.uniform();
    double acc = weights[0] / total;
    int j = 0;
    for (int i = 0; i < n; i++) {
      double target = (i + u) / n;
      while (acc < target && j < s - 1) {
        j++;
        acc += weights[j] / total;
      }
      idx[i] = j;
    }
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    columns.forEach(
        (name, col) -> {
          double[] c = new double[n];
          for (int i = 0; i < n; i++) {
            c[i] = col[idx[i]];
          }
          cols.put(name, c);
        });
    double[] lp = new double[n];
    double[] lq = new double[n];
    for (int i = 0; i < n; i++) {
      lp[i] = logP[idx[i]];
      lq[i] = logQ[idx[i]];
    }
    return new Draws(cols, latentNames, reportedNames, new double[n], lp, lq);
  }

  /** The number of draws. */
  public int size() {
    return logWeights.length;
  }

  /** Every column name: latents, then reported quantities. */
  public List<String> names() {
    return List.copyOf(columns.keySet());
  }

  /** The flattened names of the latents. */
  public List<String> latentNames() {
    return latentNames;
  }

  /** The flattened names of the reported quantities. */
  public List<String> reportedNames() {
    return reportedNames;
  }

  /** True if there is a column {@code name}. */
  public boolean has(String name) {
    return columns.containsKey(name);
  }

  /**
   * The draws of {@code name} (a copy).
   *
   * @throws IllegalArgumentException if there is no such column
   */
  public double[] column(String name) {
    double[] c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "no quantity named " + name + " (known: " + columns.keySet() + ")");
    }
    return c.clone();
  }

  /** The log importance weights {@code log p(x, y) - log q(x)} (a copy). */
  public double[] logWeights() {
    return logWeights.clone();
  }

  /**
   * Each draw's log density under the model at its latents, observations included: the score of its
   * trace, on the constrained scale (a copy).
   */
  public double[] logDensities() {
    return logP.clone();
  }

  /**
   * Each draw's log density under the approximation it was drawn from, on the constrained scale:
   * {@code logDensities() - logWeights()} as drawn (kept through {@link #resample}) (a copy).
   */
  public double[] approximationLogDensities() {
    return logQ.clone();
  }

  /** Mean, sd and 5/50/95% type-7 quantiles of every column, in column order. */
  public List<PosteriorSummary> summaries() {
    List<PosteriorSummary> out = new ArrayList<>(columns.size());
    columns.forEach((name, col) -> out.add(PosteriorSummary.of(name, col)));
    return out;
  }

  /**
   * Pareto-smoothed importance sampling of the weights (Yao et al. 2018: k-hat judges the guide),
   * or null when the weights cannot be smoothed (all -infinity or all equal, as for a point mass).
   */
  public PsisResult psis() {
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (double w : logWeights) {
      if (Double.isNaN(w) || w == Double.POSITIVE_INFINITY) {
        return null;
      }
      max = Math.max(max, w);
      min = Math.min(min, w);
    }
    if (max == Double.NEGATIVE_INFINITY || max == min || logWeights.length < 10) {
      return null;
    }
    return ParetoSmoothing.smooth(logWeights);
  }

  /**
   * The importance-sampling estimate of log p(y) with its standard error, or null when it cannot be
   * formed (fewer than two draws, or undefined weights).
   */
  public EvidenceEstimate evidence() {
    for (double w : logWeights) {
      if (Double.isNaN(w) || w == Double.POSITIVE_INFINITY) {
        return null;
      }
    }
    return logWeights.length < 2 ? null : EvidenceEstimate.of(logWeights);
  }

  /** The columns as a read-only map (arrays not copied: do not modify). */
  public Map<String, double[]> asMap() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }
}
