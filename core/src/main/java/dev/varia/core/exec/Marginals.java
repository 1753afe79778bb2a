package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;

/** Combining the per-value terms of an exact marginalisation. */
final class Marginals {
  private Marginals() {}

  /**
   * {@code sum over elements of log sum_k exp(terms[k])}: the terms are scalars, or vectors of one
   * log density per element (a marginalised plate), broadcast to a common shape.
   */
  static Node logSumExpTerms(Node[] terms) {
    Shape s = terms[0].shape();
    for (Node t : terms) {
      s = Shape.broadcast("marginalize", s, t.shape());
    }
    if (s.size() == 1) {
      return Node.concat(terms).logSumExp();
    }
    if (!s.isVector()) {
      throw new dev.varia.core.VariaException(
          "marginalize: per-element terms must be scalars or vectors, got shape " + s);
    }
    int n = s.cols();
    Node[] rows = new Node[terms.length];
    Node zeros = terms[0].tape().constant(new double[n], Shape.vector(n));
    for (int k = 0; k < terms.length; k++) {
      Node t = terms[k].size() == n ? terms[k] : terms[k].add(zeros);
      rows[k] = t.reshape(Shape.matrix(1, n));
    }
    return Node.concat(rows).logSumExp(0).sum();
  }
}
