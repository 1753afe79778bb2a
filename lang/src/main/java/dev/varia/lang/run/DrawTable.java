package dev.varia.lang.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guide draws behind a fit's summaries, as columns with Stan's flattened names ({@code
 * theta[3]}, {@code L[2,1]}, matrices column-major): every latent (in program order), then every
 * reported quantity; with each draw's log density under the model ({@code log_p__}) and under the
 * guide ({@code log_g__}), so {@code log_p__ - log_g__} is its log importance weight.
 */
public final class DrawTable {
  private final LinkedHashMap<String, double[]> columns;
  private final List<String> latentNames;
  private final List<String> reportedNames;
  private final double[] logP;
  private final double[] logG;

  /**
   * A table of {@code logP.length} draws.
   *
   * @param columns the draws of each quantity, latents first (not copied: do not modify)
   * @param latentNames the flattened names of the latents
   * @param reportedNames the flattened names of the reported quantities
   * @param logP each draw's log density under the model, observations included
   * @param logG each draw's log density under the guide
   */
  public DrawTable(
      Map<String, double[]> columns,
      List<String> latentNames,
      List<String> reportedNames,
      double[] logP,
      double[] logG) {
    if (logP.length != logG.length) {
      throw new IllegalArgumentException("log_p and log_g must have one entry per draw");
    }
    for (Map.Entry<String, double[]> e : columns.entrySet()) {
      if (e.getValue().length != logP.length) {
        throw new IllegalArgumentException(
            e.getKey() + " has " + e.getValue().length + " draws, not " + logP.length);
      }
    }
    this.columns = new LinkedHashMap<>(columns);
    this.latentNames = List.copyOf(latentNames);
    this.reportedNames = List.copyOf(reportedNames);
    this.logP = logP;
    this.logG = logG;
  }

  /** The number of draws. */
  public int size() {
    return logP.length;
  }

  /** Every quantity's name: latents, then reported quantities. */
  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(columns.keySet()));
  }

  /** The flattened names of the latents. */
  public List<String> latentNames() {
    return latentNames;
  }

  /** The flattened names of the reported quantities. */
  public List<String> reportedNames() {
    return reportedNames;
  }

  /** The draws of {@code name} (not copied: do not modify). */
  public double[] column(String name) {
    double[] c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no quantity named " + name);
    }
    return c;
  }

  /** Each draw's log density under the model (not copied: do not modify). */
  public double[] logP() {
    return logP;
  }

  /** Each draw's log density under the guide (not copied: do not modify). */
  public double[] logG() {
    return logG;
  }

  /** The log importance weights {@code log_p - log_g}. */
  public double[] logWeights() {
    double[] w = new double[logP.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = logP[i] - logG[i];
    }
    return w;
  }
}
