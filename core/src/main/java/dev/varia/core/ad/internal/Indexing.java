package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;

/**
 * Factories of the nodes that select, rearrange or join elements: element and row access, gather,
 * slice, reshape, concatenation, where/select and stop-gradient. Indices are 0-based here; the
 * language layer translates its 1-based indices.
 */
public final class Indexing {
  private Indexing() {}

  /** Element i of a vector, or row i of a matrix. */
  public static Node index(Node x, int i) {
    Tape tape = Nodes.tape(x);
    Shape s = x.shape();
    if (s.isVector()) {
      checkIndex("index", i, s.cols(), s);
      return new Pick(tape, Shape.SCALAR, x, i, 1);
    }
    if (s.isMatrix()) {
      checkIndex("index", i, s.rows(), s);
      return new Pick(tape, Shape.vector(s.cols()), x, i * s.cols(), s.cols());
    }
    throw new ShapeException("index: cannot index a scalar");
  }

  /** Element (i, j) of a matrix. */
  public static Node index(Node x, int i, int j) {
    Tape tape = Nodes.tape(x);
    Shape s = x.shape();
    if (!s.isMatrix()) {
      throw new ShapeException("index(i, j): needs a matrix, got shape " + s);
    }
    checkIndex("index", i, s.rows(), s);
    checkIndex("index", j, s.cols(), s);
    return new Pick(tape, Shape.SCALAR, x, i * s.cols() + j, 1);
  }

  /** Rows {@code from..to-1} of a matrix or elements of a vector. */
  public static Node slice(Node x, int from, int to) {
    Tape tape = Nodes.tape(x);
    Shape s = x.shape();
    if (s.isScalar()) {
      throw new ShapeException("slice: cannot slice a scalar");
    }
    int len = s.isVector() ? s.cols() : s.rows();
    if (from < 0 || to > len || from > to) {
      throw new ShapeException(
          "slice: range [" + from + ", " + to + ") is out of bounds for shape " + s);
    }
    if (s.isVector()) {
      return new Pick(tape, Shape.vector(to - from), x, from, to - from);
    }
    int c = s.cols();
    return new Pick(tape, Shape.matrix(to - from, c), x, from * c, (to - from) * c);
  }

  /** Elements (vector) or rows (matrix) at {@code idx}. */
  public static Node gather(Node x, int[] idx) {
    Tape tape = Nodes.tape(x);
    Shape s = x.shape();
    if (s.isScalar()) {
      throw new ShapeException("gather: cannot gather from a scalar");
    }
    int len = s.isVector() ? s.cols() : s.rows();
    for (int i : idx) {
      checkIndex("gather", i, len, s);
    }
    Shape out = s.isVector() ? Shape.vector(idx.length) : Shape.matrix(idx.length, s.cols());
    return new Gather(tape, out, x, idx.clone(), s.isVector() ? 1 : s.cols());
  }

  /** The same data with another shape. */
  public static Node reshape(Node x, Shape shape) {
    Tape tape = Nodes.tape(x);
    if (shape.size() != x.size()) {
      throw new ShapeException(
          "reshape: cannot view shape "
              + x.shape()
              + " ("
              + x.size()
              + " elements) as "
              + shape
              + " ("
              + shape.size()
              + " elements)");
    }
    if (shape.equals(x.shape())) {
      return x;
    }
    return new Reshape(tape, shape, x);
  }

  /** Concatenation along the first axis. */
  public static Node concat(Node... parts) {
    if (parts.length == 0) {
      throw new ShapeException("concat: nothing to concatenate");
    }
    Tape tape = Nodes.tape(parts[0]);
    boolean matrices = parts[0].shape().isMatrix();
    int cols = parts[0].shape().cols();
    int total = 0;
    int rows = 0;
    for (Node p : parts) {
      Nodes.tape(parts[0], p);
      Shape s = p.shape();
      if (matrices ? !(s.isMatrix() && s.cols() == cols) : s.isMatrix()) {
        throw new ShapeException(
            "concat: cannot join shapes "
                + parts[0].shape()
                + " and "
                + s
                + " (vectors and scalars join into a vector; matrices need equal columns)");
      }
      total += p.size();
      rows += s.rows();
    }
    Shape out = matrices ? Shape.matrix(rows, cols) : Shape.vector(total);
    return new Concat(tape, out, parts.clone());
  }

  /** {@code a} where {@code cond != 0}, else {@code b}, broadcasting all three. */
  public static Node where(Node cond, Node a, Node b) {
    Tape tape = Nodes.tape(cond, a, b);
    Shape ab = Shape.broadcast("where", a.shape(), b.shape());
    Shape out = Shape.broadcast("where", cond.shape(), ab);
    return new Where(tape, out, cond, a, b);
  }

  /** The value of {@code x} as a constant. */
  public static Node stopGradient(Node x) {
    Tape tape = Nodes.tape(x);
    return tape.constant(x.detach());
  }

  private static void checkIndex(String op, int i, int len, Shape s) {
    if (i < 0 || i >= len) {
      throw new ShapeException(
          op
              + ": index "
              + i
              + " is out of bounds for length "
              + len
              + " (shape "
              + s
              + ", 0-based)");
    }
  }

  /** A contiguous run of {@code len} elements starting at {@code offset}. */
  private static final class Pick extends Node {
    private final Node x;
    private final int offset;

    Pick(Tape tape, Shape shape, Node x, int offset, int len) {
      super(tape, shape, needsGrad(x));
      this.x = x;
      this.offset = offset;
      System.arraycopy(valueOf(x), offset, out(), 0, len);
    }

    @Override
    protected void backward() {
      double[] gx = gradOf(x);
      if (gx != null) {
        double[] g = outGrad();
        for (int i = 0; i < g.length; i++) {
          gx[offset + i] += g[i];
        }
      }
    }
  }

  /** Blocks of {@code block} elements at block indices {@code idx}. */
  private static final class Gather extends Node {
    private final Node x;
    private final int[] idx;
    private final int block;

    Gather(Tape tape, Shape shape, Node x, int[] idx, int block) {
      super(tape, shape, needsGrad(x));
      this.x = x;
      this.idx = idx;
      this.block = block;
      double[] xv = valueOf(x);
      double[] y = out();
      if (block == 1) {
        for (int i = 0; i < idx.length; i++) {
          y[i] = xv[idx[i]];
        }
      } else {
        for (int i = 0; i < idx.length; i++) {
          System.arraycopy(xv, idx[i] * block, y, i * block, block);
        }
      }
    }

    @Override
    protected void backward() {
      double[] gx = gradOf(x);
      if (gx == null) {
        return;
      }
      double[] g = outGrad();
      for (int i = 0; i < idx.length; i++) {
        int src = idx[i] * block;
        for (int k = 0; k < block; k++) {
          gx[src + k] += g[i * block + k];
        }
      }
    }
  }

  /** A view with another shape; shares the (immutable) value buffer. */
  private static final class Reshape extends Node {
    private final Node x;

    Reshape(Tape tape, Shape shape, Node x) {
      super(tape, shape, valueOf(x), needsGrad(x));
      this.x = x;
    }

    @Override
    protected void backward() {
      double[] gx = gradOf(x);
      if (gx != null) {
        double[] g = outGrad();
        for (int i = 0; i < g.length; i++) {
          gx[i] += g[i];
        }
      }
    }
  }

  private static final class Concat extends Node {
    private final Node[] parts;

    Concat(Tape tape, Shape shape, Node[] parts) {
      super(tape, shape, needsGrad(parts));
      this.parts = parts;
      double[] y = out();
      int off = 0;
      for (Node p : parts) {
        double[] v = valueOf(p);
        System.arraycopy(v, 0, y, off, v.length);
        off += v.length;
      }
    }

    @Override
    protected void backward() {
      double[] g = outGrad();
      int off = 0;
      for (Node p : parts) {
        double[] gp = gradOf(p);
        if (gp != null) {
          for (int i = 0; i < gp.length; i++) {
            gp[i] += g[off + i];
          }
        }
        off += p.size();
      }
    }
  }

  private static final class Where extends Node {
    private final Node cond;
    private final Node a;
    private final Node b;

    Where(Tape tape, Shape shape, Node cond, Node a, Node b) {
      super(tape, shape, needsGrad(a, b));
      this.cond = cond;
      this.a = a;
      this.b = b;
      double[] y = out();
      double[] c = valueOf(cond);
      double[] av = valueOf(a);
      double[] bv = valueOf(b);
      int cols = shape.cols();
      for (int k = 0; k < y.length; k++) {
        int r = k / cols;
        int col = k % cols;
        y[k] = c[at(cond, r, col)] != 0 ? av[at(a, r, col)] : bv[at(b, r, col)];
      }
    }

    /** Flat index into {@code n} of output element (r, c) under broadcasting. */
    private static int at(Node n, int r, int c) {
      Shape s = n.shape();
      int rr = s.rows() == 1 ? 0 : r;
      int cc = s.cols() == 1 ? 0 : c;
      return rr * s.cols() + cc;
    }

    @Override
    protected void backward() {
      double[] g = outGrad();
      double[] c = valueOf(cond);
      double[] ga = gradOf(a);
      double[] gb = gradOf(b);
      int cols = shape().cols();
      for (int k = 0; k < g.length; k++) {
        int r = k / cols;
        int col = k % cols;
        if (c[at(cond, r, col)] != 0) {
          if (ga != null) {
            ga[at(a, r, col)] += g[k];
          }
        } else if (gb != null) {
          gb[at(b, r, col)] += g[k];
        }
      }
    }
  }
}
