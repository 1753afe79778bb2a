package dev.varia.core.exec;

import dev.varia.core.ir.Span;

/**
 * A subsampled plate as a handler sees it ({@link Handler#subsample}): its name (shared by the
 * model and the guide), its number of iterations N, the minibatch size m, and where it is.
 */
public record PlateSite(String name, int size, int minibatch, Span span) {
  /** The factor {@code N / m} by which the plate's log densities are scaled. */
  public double scale() {
    return (double) size / minibatch;
  }
}
