package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.dist.Distribution;
import dev.varia.core.ir.Span;
import java.util.ArrayList;

/**
 * A handler base that accumulates log densities: observations and factors go into the running total
 * ({@link #total()}), or, inside a {@code marginalize} block, into the innermost scope, kept per
 * element. Subclasses decide what random choices and parameters are.
 */
public abstract class ScoringHandler implements Handler {
  private Node total;
  private ArrayList<Node> scopes = new ArrayList<>();

  /** The accumulated log density (a scalar tape value), or null if nothing was added. */
  public Node total() {
    return total;
  }

  /** True inside a marginalisation scope. */
  protected boolean inMarginal() {
    return !scopes.isEmpty();
  }

  /**
   * Adds a log density: to the innermost marginalisation scope as given (per element), or summed to
   * the total.
   */
  protected void addLogDensity(Node lp) {
    addLogDensity(lp, 1.0);
  }

  /**
   * As {@link #addLogDensity(Node)}, scaling what goes into the total by {@code scale} (the {@code
   * N / m} of enclosing subsampled plates); terms kept in a marginalisation scope stay unscaled,
   * and their combination is scaled when the scope's factor is added.
   */
  protected void addLogDensity(Node lp, double scale) {
    if (!scopes.isEmpty()) {
      int last = scopes.size() - 1;
      Node s = scopes.get(last);
      scopes.set(last, s == null ? lp : s.add(lp));
      return;
    }
    Node scalar = lp.size() == 1 ? lp : lp.sum();
    if (scale != 1.0) {
      scalar = scalar.mul(scale);
    }
    total = total == null ? scalar : total.add(scalar);
  }

  @Override
  public void observe(Machine m, Distribution dist, Node value, Span span) {
    addLogDensity(
        inMarginal() ? dist.logDensity(value) : dist.logDensitySum(value), m.logDensityScale());
  }

  @Override
  public void factor(Machine m, Node logWeight, Span span) {
    addLogDensity(logWeight, m.logDensityScale());
  }

  @Override
  public void beginMarginal() {
    scopes.add(null);
  }

  @Override
  public Node endMarginal() {
    if (scopes.isEmpty()) {
      throw new IllegalStateException("endMarginal without beginMarginal");
    }
    return scopes.remove(scopes.size() - 1);
  }

  /** Copies the accumulated state into {@code copy} (for {@link Handler#copy()}). */
  protected <H extends ScoringHandler> H copyScoresInto(H copy) {
    ScoringHandler c = copy;
    c.total = total;
    c.scopes = new ArrayList<>(scopes);
    return copy;
  }
}
