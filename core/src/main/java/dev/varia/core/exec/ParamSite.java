package dev.varia.core.exec;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.Span;

/**
 * A parameter declaration as a handler sees it: the owning generative function, the name, shape,
 * domain and initial (constrained) value.
 */
public record ParamSite(
    String owner, String name, Shape shape, Domain domain, Tensor init, Span span) {
  /** {@code owner.name}, the key of the parameter in a parameter store. */
  public String key() {
    return owner + "." + name;
  }
}
