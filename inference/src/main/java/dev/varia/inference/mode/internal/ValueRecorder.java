package dev.varia.inference.mode.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values recorded by site during one run, whole or element by element ({@code x[t]}), assembled
 * into tensors at the end: element draws of scalars become a vector (one index) or a matrix (two
 * indices), element draws of vectors the rows of a matrix.
 */
public final class ValueRecorder {
  private static final class Entry {
    Tensor whole;
    final List<int[]> indices = new ArrayList<>();
    final List<Tensor> elements = new ArrayList<>();
  }

  private final LinkedHashMap<Address, Entry> entries = new LinkedHashMap<>();

  /** Records the whole value of site {@code a}. */
  public void whole(Address a, Tensor value) {
    Entry e = entries.computeIfAbsent(a, k -> new Entry());
    if (e.whole != null || !e.elements.isEmpty()) {
      throw new VariaException(a.displayName() + " is given a value twice");
    }
    e.whole = value;
  }

  /** Records element {@code index} of site {@code a}. */
  public void element(Address a, int[] index, Tensor value) {
    Entry e = entries.computeIfAbsent(a, k -> new Entry());
    if (e.whole != null) {
      throw new VariaException(a.displayName() + " is drawn whole and by element");
    }
    e.indices.add(index.clone());
    e.elements.add(value);
  }

  /** The recorded values, in the order the sites were first met. */
  public Map<Address, Tensor> values() {
    Map<Address, Tensor> out = new LinkedHashMap<>();
    entries.forEach((a, e) -> out.put(a, e.whole != null ? e.whole : assemble(a, e)));
    return out;
  }

  private static Tensor assemble(Address a, Entry e) {
    int dims = e.indices.get(0).length;
    int event = e.elements.get(0).size();
    if (dims > 2 || (dims == 2 && event != 1)) {
      throw new VariaException(
          a.displayName() + ": element draws of this shape cannot be assembled into a tensor");
    }
    int rows = 0;
    int cols = 0;
    for (int[] ix : e.indices) {
      if (ix.length != dims) {
        throw new VariaException(a.displayName() + " is drawn with both one and two indices");
      }
      rows = Math.max(rows, ix[0] + 1);
      cols = Math.max(cols, dims == 2 ? ix[1] + 1 : event);
    }
    double[] v = new double[rows * cols];
    boolean[] set = new boolean[rows];
    for (int k = 0; k < e.indices.size(); k++) {
      int[] ix = e.indices.get(k);
      Tensor t = e.elements.get(k);
      if (dims == 2) {
        v[ix[0] * cols + ix[1]] = t.get(0);
      } else {
        t.copyInto(v, ix[0] * cols);
        set[ix[0]] = true;
      }
    }
    if (dims == 1) {
      for (int r = 0; r < rows; r++) {
        if (!set[r]) {
          throw new VariaException(
              "element " + a.child(r).displayName() + " of " + a.displayName() + " has no value");
        }
      }
      return event == 1
          ? Tensor.wrap(v, Shape.vector(rows))
          : Tensor.wrap(v, Shape.matrix(rows, event));
    }
    return Tensor.wrap(v, Shape.matrix(rows, cols));
  }
}
