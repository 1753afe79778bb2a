package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.dist.Distribution;
import dev.varia.core.gen.Address;
import dev.varia.core.ir.Span;

/**
 * The semantics of the effectful statements of a generative function: random choices, observations,
 * factors, parameters and reported values. Simulation, scoring, constrained generation and the
 * variational estimators are different handlers over one compiled program.
 *
 * <p>A handler holds the state of one execution (the trace being built, the accumulated log
 * density). {@link #copy()} gives an independent copy, used when an estimator runs the rest of the
 * program more than once from a site ({@link Machine#capture()}).
 *
 * <p>Log densities added inside a {@code marginalize} block are kept apart per scope ({@link
 * #beginMarginal()} / {@link #endMarginal()}), not added to the total.
 */
public interface Handler {
  /** The value of a random choice (whole site or one element), as a tape value. */
  Node sample(Machine m, SampleSite site);

  /** Adds the log density of an observed value. */
  void observe(Machine m, Distribution dist, Node value, Span span);

  /** Adds a log weight (summed if not a scalar). */
  void factor(Machine m, Node logWeight, Span span);

  /** The (constrained) value of a parameter, as a tape value. */
  Node param(Machine m, ParamSite site);

  /** Records a reported deterministic value (whole, or one element when element is non-empty). */
  void report(Machine m, Address address, int[] element, Node value, Span span);

  /** Starts keeping the log densities of observations and factors apart (nested scopes stack). */
  void beginMarginal();

  /**
   * Ends the innermost scope and returns what it accumulated, per element where contributions were
   * vectors (so a marginalised plate keeps one term per data point); null if nothing was added.
   */
  Node endMarginal();

  /** An independent copy of this handler's state. */
  Handler copy();

  /**
   * The iterations a subsampled plate visits in this run: {@code plate.minibatch()} distinct
   * indices in 0..N-1, in increasing order, or null to visit all N (unscaled). Only the variational
   * estimators subsample (sharing one draw per plate name between the guide and the model within an
   * estimate); every other handler visits all iterations, which is this default.
   */
  default int[] subsample(Machine m, PlateSite plate) {
    return null;
  }
}
