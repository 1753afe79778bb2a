package dev.varia.core.exec;

import dev.varia.core.ad.Shape;
import dev.varia.core.dist.Distribution;
import dev.varia.core.gen.Address;
import dev.varia.core.ir.Span;
import dev.varia.core.ir.Strategy;

/**
 * What a handler is told at a random choice: the site's address (namespace plus site name), the
 * element drawn (empty for a whole-site draw), the distribution, the shape of a whole draw, the
 * annotated strategy, whether the draw happens inside a plate, and where it is in the source.
 */
public record SampleSite(
    Address address,
    int[] element,
    Distribution dist,
    Shape batch,
    Strategy strategy,
    boolean inPlate,
    Span span) {
  /** True if this statement draws one element of a vector or matrix site. */
  public boolean isElement() {
    return element.length > 0;
  }

  /** The address of the element drawn (or the site's address for a whole draw). */
  public Address elementAddress() {
    Address a = address;
    for (int i : element) {
      a = a.child(i);
    }
    return a;
  }

  /** {@code eta[3]} style name of what is drawn, for messages. */
  public String displayName() {
    return elementAddress().displayName();
  }
}
