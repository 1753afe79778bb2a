package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import java.util.Arrays;

/**
 * A local vector or matrix filled element by element ({@code sigma[t] = ...} in a recursion, or
 * {@code x[t] ~ ...} drawing the elements of a site one at a time). Elements are tape values; the
 * whole array is assembled into one node when read as a whole. Grows as elements are set unless its
 * shape was declared.
 */
final class LocalArray {
  private final String name;
  private Node[] elems;
  private int rows;
  private int cols;
  private final boolean matrix;
  private final boolean fixed;
  private final double init;
  private Node whole;

  private LocalArray(
      String name, Node[] elems, int rows, int cols, boolean matrix, boolean fixed, double init) {
    this.name = name;
    this.elems = elems;
    this.rows = rows;
    this.cols = cols;
    this.matrix = matrix;
    this.fixed = fixed;
    this.init = init;
  }

  /** A declared array of the given shape whose unset elements read as {@code init}. */
  static LocalArray declared(String name, Shape shape, double init) {
    boolean m = shape.isMatrix();
    return new LocalArray(
        name, new Node[shape.size()], m ? shape.rows() : 1, shape.cols(), m, true, init);
  }

  /** A growable array for element draws with {@code dims} indices (1 or 2). */
  static LocalArray growable(String name, int dims) {
    return new LocalArray(name, new Node[8], dims == 2 ? 0 : 1, 0, dims == 2, false, Double.NaN);
  }

  boolean isMatrix() {
    return matrix;
  }

  String name() {
    return name;
  }

  /** Element i (vector) or row i (matrix, as a vector node). */
  Node get(Tape tape, int i) {
    if (matrix) {
      return whole(tape).index(i);
    }
    checkRange(i, cols, "index");
    return element(tape, i);
  }

  /** Element (i, j) of a matrix. */
  Node get(Tape tape, int i, int j) {
    if (!matrix) {
      throw new dev.varia.core.VariaException(name + " is a vector: it takes one index, not two");
    }
    checkRange(i, rows, "row");
    checkRange(j, cols, "column");
    return element(tape, i * cols + j);
  }

  private Node element(Tape tape, int k) {
    Node n = elems[k];
    if (n == null) {
      if (Double.isNaN(init) && !fixed) {
        throw new dev.varia.core.VariaException(
            "element " + describe(k) + " of " + name + " is read before it is set");
      }
      return tape.constant(init);
    }
    return n;
  }

  private String describe(int k) {
    return matrix ? "[" + (k / cols) + ", " + (k % cols) + "] (0-based)" : "[" + k + "] (0-based)";
  }

  private void checkRange(int i, int len, String what) {
    if (i < 0 || i >= len) {
      throw new dev.varia.core.VariaException(
          what + " " + i + " (0-based) is out of bounds for " + name + " of length " + len);
    }
  }

  /** Sets element {@code idx} (one index for vectors, two for matrices). */
  void set(int[] idx, Node value) {
    if (value.size() != 1) {
      throw new dev.varia.core.VariaException(
          "cannot store a value of shape " + value.shape() + " in one element of " + name);
    }
    if (idx.length != (matrix ? 2 : 1)) {
      throw new dev.varia.core.VariaException(
          name + " takes " + (matrix ? 2 : 1) + " indices, got " + idx.length);
    }
    whole = null;
    if (fixed) {
      int k = matrix ? flat(idx[0], idx[1], true) : idx[0];
      if (!matrix) {
        checkRange(idx[0], cols, "index");
      }
      elems[k] = value;
      return;
    }
    if (matrix) {
      growTo(Math.max(rows, idx[0] + 1), Math.max(cols, idx[1] + 1));
      elems[idx[0] * cols + idx[1]] = value;
    } else {
      if (idx[0] >= elems.length) {
        elems = Arrays.copyOf(elems, Math.max(idx[0] + 1, elems.length * 2));
      }
      cols = Math.max(cols, idx[0] + 1);
      elems[idx[0]] = value;
    }
  }

  private int flat(int i, int j, boolean check) {
    if (check) {
      checkRange(i, rows, "row");
      checkRange(j, cols, "column");
    }
    return i * cols + j;
  }

  private void growTo(int r, int c) {
    if (r == rows && c == cols) {
      return;
    }
    Node[] n = new Node[Math.max(r * c, 1)];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        n[i * c + j] = elems[i * cols + j];
      }
    }
    elems = n;
    rows = r;
    cols = c;
  }

  /** True if element {@code idx} has been set. */
  boolean isSet(int[] idx) {
    int k = matrix ? idx[0] * cols + idx[1] : idx[0];
    if (matrix ? idx[0] >= rows || idx[1] >= cols : idx[0] >= cols) {
      return false;
    }
    return elems[k] != null;
  }

  /** The shape of the whole array so far. */
  Shape shape() {
    return matrix ? Shape.matrix(rows, cols) : Shape.vector(cols);
  }

  /** The whole array as one node (unset elements are an error unless declared with an init). */
  Node whole(Tape tape) {
    if (whole != null && whole.tape() == tape) {
      return whole;
    }
    int n = rows * cols;
    Node[] parts = new Node[n];
    for (int k = 0; k < n; k++) {
      parts[k] = element(tape, k);
    }
    Node v = n == 0 ? tape.constant(Tensor.zeros(Shape.vector(0))) : Node.concat(parts);
    whole = matrix ? v.reshape(Shape.matrix(rows, cols)) : v;
    return whole;
  }

  /** The elements (null where unset), row-major. */
  Node[] elements() {
    return Arrays.copyOf(elems, rows * cols);
  }

  LocalArray copy() {
    LocalArray c = new LocalArray(name, elems.clone(), rows, cols, matrix, fixed, init);
    c.whole = whole;
    return c;
  }
}
