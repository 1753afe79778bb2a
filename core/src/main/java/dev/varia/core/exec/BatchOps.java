package dev.varia.core.exec;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ir.PrimOp;

/**
 * Runtime rules of a vectorised plate: a batched value carries the plate's iterations on its first
 * axis (a value that is a scalar per iteration is a vector of length N, a vector per iteration an N
 * x D matrix). These helpers combine batched and unbatched values with the per-iteration meaning of
 * each operation.
 */
final class BatchOps {
  private BatchOps() {}

  /** Reshapes the arguments so that ordinary broadcasting has the per-iteration meaning. */
  static Node[] align(Node[] args, boolean[] batched) {
    int rank = 0;
    for (int i = 0; i < args.length; i++) {
      int perIteration = batched[i] ? args[i].shape().rank() - 1 : args[i].shape().rank();
      if (perIteration > 1) {
        throw new VariaException(
            "a vectorised plate cannot combine a matrix per iteration (shape "
                + args[i].shape()
                + "); use a sequential for loop");
      }
      rank = Math.max(rank, perIteration);
    }
    Node[] out = args.clone();
    if (rank == 1) {
      for (int i = 0; i < out.length; i++) {
        if (batched[i] && out[i].shape().isVector()) {
          out[i] = out[i].reshape(Shape.matrix(out[i].size(), 1));
        }
      }
    }
    return out;
  }

  /** The per-iteration reduction of a batched value. */
  static Node reduce(PrimOp op, Node x) {
    if (x.shape().isVector()) {
      return x; // one value per iteration: reducing it leaves it unchanged
    }
    switch (op) {
      case SUM:
        return x.sum(1);
      case MEAN:
        return x.mean(1);
      case MAX:
        return x.max(1);
      case MIN:
        return x.min(1);
      default:
        return x.logSumExp(1);
    }
  }

  /** Per-iteration inner product. */
  static Node dot(Node a, boolean ba, Node b, boolean bb) {
    if (ba && bb) {
      Node[] x = align(new Node[] {a, b}, new boolean[] {true, true});
      return x[0].mul(x[1]).sum(1);
    }
    return ba ? a.matmul(b) : b.matmul(a);
  }

  /** Per-iteration matrix product. */
  static Node matmul(Node a, boolean ba, Node b, boolean bb) {
    if (ba && !bb) {
      // a vector per iteration times a matrix (or a vector)
      return a.matmul(b);
    }
    if (!ba && bb && a.shape().isMatrix()) {
      // a matrix times a vector per iteration: rows of b times a^T
      return b.matmul(a.transpose());
    }
    throw new VariaException(
        "a vectorised plate supports a vector per iteration times a matrix (or a matrix times a"
            + " vector per iteration); got shapes "
            + a.shape()
            + " and "
            + b.shape()
            + "; use a sequential for loop");
  }

  /** Element(s) of an unbatched target at batched indices. */
  static Node gather(Node target, Node index) {
    return target.gather(
        ints(index, target.shape().isMatrix() ? target.shape().rows() : target.size()));
  }

  /** Element (i, j) of an unbatched matrix per iteration; either index may be batched. */
  static Node gather2(Node target, Node i, Node j, int n) {
    int rows = target.shape().rows();
    int cols = target.shape().cols();
    int[] ii = i.size() == 1 ? fill(ExprCompiler.toInt(i), n) : ints(i, rows);
    int[] jj = j.size() == 1 ? fill(ExprCompiler.toInt(j), n) : ints(j, cols);
    int[] flat = new int[ii.length];
    for (int k = 0; k < flat.length; k++) {
      if (ii[k] < 0 || ii[k] >= rows || jj[k] < 0 || jj[k] >= cols) {
        throw new VariaException(
            "index (" + ii[k] + ", " + jj[k] + ") is out of bounds for shape " + target.shape());
      }
      flat[k] = ii[k] * cols + jj[k];
    }
    return target.reshape(Shape.vector(rows * cols)).gather(flat);
  }

  private static int[] fill(int v, int n) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  /** The integer values of a batched index. */
  static int[] ints(Node index, int bound) {
    int[] out = new int[index.size()];
    for (int k = 0; k < out.length; k++) {
      double v = index.get(k);
      if (v != Math.rint(v) || v < 0 || v >= bound) {
        throw new VariaException("index " + v + " is not a valid index (0-based) below " + bound);
      }
      out[k] = (int) v;
    }
    return out;
  }
}
