package dev.varia.core.exec;

import dev.varia.core.VariaException;
import dev.varia.core.ir.Span;

/**
 * Asks the handler which iterations of a subsampled plate to visit, checking the sizes and what the
 * handler returns.
 */
final class Subsampling {
  private Subsampling() {}

  /** The compiled form of a plate's subsampling: its name and minibatch-size expression. */
  record Spec(String name, Ev minibatch, Span span) {}

  /**
   * The minibatch for a plate of {@code n} iterations in this run, or null to visit all of them.
   *
   * @throws VariaException if the minibatch size is not in 1..N, or the handler's indices are not
   *     distinct, increasing and in range
   */
  static int[] indices(Spec spec, int n, Object[] env, Machine m, Handler handler) {
    int size = ExprCompiler.toInt(spec.minibatch().eval(env, m));
    if (size < 1 || size > n) {
      throw new VariaException(
          "plate "
              + spec.name()
              + ": the minibatch size must be between 1 and the plate's size "
              + n
              + ", got "
              + size);
    }
    int[] idx = handler.subsample(m, new PlateSite(spec.name(), n, size, spec.span()));
    if (idx == null) {
      return null;
    }
    if (idx.length != size) {
      throw new VariaException(
          "plate " + spec.name() + ": a minibatch of " + size + " was asked, got " + idx.length);
    }
    for (int i = 0; i < idx.length; i++) {
      if (idx[i] < 0 || idx[i] >= n || (i > 0 && idx[i] <= idx[i - 1])) {
        throw new VariaException(
            "plate "
                + spec.name()
                + ": minibatch indices must be distinct, increasing and in 0.."
                + (n - 1));
      }
    }
    return idx;
  }
}
