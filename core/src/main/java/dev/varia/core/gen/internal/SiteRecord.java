package dev.varia.core.gen.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import dev.varia.core.ir.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * What a trace records of one site: its value (whole, or assembled from element draws), and its log
 * density summed over the draws. Also used for reported values (without a log density).
 */
public final class SiteRecord {
  private final Address address;
  private final Span firstSpan;
  private Node whole;
  private final List<int[]> indices = new ArrayList<>();
  private final List<Node> elements = new ArrayList<>();
  private Node logDensity;

  SiteRecord(Address address, Span firstSpan) {
    this.address = address;
    this.firstSpan = firstSpan;
  }

  /** Records a whole draw (an error if the site already has a value). */
  void setWhole(Node value, Span span) {
    if (whole != null || !elements.isEmpty()) {
      throw new VariaException(
          address.displayName() + " is given a value twice (first at " + firstSpan + ")");
    }
    whole = value;
  }

  /** Records one element (duplicates are caught when binding the local). */
  void addElement(int[] index, Node value) {
    if (whole != null) {
      throw new VariaException(
          address.displayName()
              + " was drawn whole (at "
              + firstSpan
              + "): its elements cannot be drawn again");
    }
    indices.add(index.clone());
    elements.add(value);
  }

  void addLogDensity(Node lp) {
    Node s = lp.size() == 1 ? lp : lp.sum();
    logDensity = logDensity == null ? s : logDensity.add(s);
  }

  SiteRecord copy() {
    SiteRecord c = new SiteRecord(address, firstSpan);
    c.whole = whole;
    c.indices.addAll(indices);
    c.elements.addAll(elements);
    c.logDensity = logDensity;
    return c;
  }

  Address address() {
    return address;
  }

  double logDensityValue() {
    return logDensity == null ? 0.0 : logDensity.get(0);
  }

  Node logDensity() {
    return logDensity;
  }

  /** The value as a detached tensor (elements assembled in index order; holes are an error). */
  Tensor value() {
    if (whole != null) {
      return whole.detach();
    }
    int dims = indices.get(0).length;
    int rows = 1;
    int cols = 0;
    for (int[] ix : indices) {
      if (ix.length != dims) {
        throw new VariaException(address.displayName() + " is drawn with both one and two indices");
      }
      if (dims == 1) {
        cols = Math.max(cols, ix[0] + 1);
      } else {
        rows = Math.max(rows, ix[0] + 1);
        cols = Math.max(cols, ix[1] + 1);
      }
    }
    int n = rows * cols;
    double[] v = new double[n];
    boolean[] set = new boolean[n];
    for (int e = 0; e < indices.size(); e++) {
      int[] ix = indices.get(e);
      int k = dims == 1 ? ix[0] : ix[0] * cols + ix[1];
      v[k] = elements.get(e).get(0);
      set[k] = true;
    }
    for (int k = 0; k < n; k++) {
      if (!set[k]) {
        Address hole = dims == 1 ? address.child(k) : address.child(k / cols).child(k % cols);
        throw new VariaException(
            "element "
                + hole.displayName()
                + " of "
                + address.displayName()
                + " is never given a value (elements must be filled without gaps)");
      }
    }
    return Tensor.wrap(v, dims == 1 ? Shape.vector(cols) : Shape.matrix(rows, cols));
  }
}
