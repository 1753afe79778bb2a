package dev.varia.inference.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A gradient together with the sense of the function it is the gradient of. Varia's objectives
 * (ELBO, IWELBO, ...) are <em>maximised</em> and losses are <em>minimised</em>; the only ways to
 * make a {@code Gradient} are {@link #ofObjective} and {@link #ofLoss}, so the caller states which
 * it has and the optimiser always moves uphill on an objective and downhill on a loss. There is no
 * constructor that takes bare arrays without a sense.
 *
 * <p>The arrays are keyed by parameter (as in {@link ParameterArrays}); a gradient may cover a
 * subset of the parameters (e.g. wake-p updates model parameters only), and the parameters it does
 * not mention are left untouched. The arrays are referenced, not copied: do not modify them until
 * the optimiser step that reads them has returned.
 */
public final class Gradient {
  private final Map<String, double[]> arrays;
  private final boolean ofObjective;

  private Gradient(Map<String, double[]> arrays, boolean ofObjective) {
    LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
    arrays.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, k)));
    this.arrays = Collections.unmodifiableMap(copy);
    this.ofObjective = ofObjective;
  }

  /** The gradient of an objective that is to be maximised (the optimiser ascends it). */
  public static Gradient ofObjective(Map<String, double[]> gradientByParameter) {
    return new Gradient(gradientByParameter, true);
  }

  /** The gradient of a loss that is to be minimised (the optimiser descends it). */
  public static Gradient ofLoss(Map<String, double[]> gradientByParameter) {
    return new Gradient(gradientByParameter, false);
  }

  /** True for the gradient of an objective (maximised), false for a loss (minimised). */
  public boolean isOfObjective() {
    return ofObjective;
  }

  /** The gradient arrays by parameter key, in insertion order. */
  public Map<String, double[]> arrays() {
    return arrays;
  }

  /** The Euclidean norm over all arrays together (the "global norm" used for clipping). */
  public double globalNorm() {
    // scaled sum of squares, so huge components do not overflow
    double scale = 0;
    double ssq = 1;
    for (double[] g : arrays.values()) {
      for (double v : g) {
        if (v != 0) {
          double a = Math.abs(v);
          if (scale < a) {
            ssq = 1 + ssq * (scale / a) * (scale / a);
            scale = a;
          } else {
            ssq += (a / scale) * (a / scale);
          }
        }
      }
    }
    return scale * Math.sqrt(ssq);
  }

  /**
   * The component along which the function increases, times {@code factor}, written into {@code
   * out}: {@code factor * g} for an objective, {@code -factor * g} for a loss.
   */
  void uphill(String key, double factor, double[] out) {
    double[] g = arrays.get(key);
    double f = ofObjective ? factor : -factor;
    for (int i = 0; i < g.length; i++) {
      out[i] = f * g[i];
    }
  }

  @Override
  public String toString() {
    return (ofObjective ? "objective" : "loss") + " gradient over " + arrays.keySet();
  }
}
