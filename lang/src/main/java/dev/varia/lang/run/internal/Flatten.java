package dev.varia.lang.run.internal;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Stan's flattening of a value into named scalars: {@code mu} for a scalar, {@code theta[3]} for a
 * vector, {@code L[2,1]} for a matrix, all 1-based and in column-major order (the first index
 * varies fastest), as Stan's CSV output and posteriordb name them.
 */
public final class Flatten {
  private Flatten() {}

  /** The names of the elements of {@code v} at {@code a}, in column-major order. */
  public static List<String> names(Address a, Tensor v) {
    int[] dims = v.shape().dims();
    List<String> out = new ArrayList<>(v.size());
    if (dims.length == 0) {
      out.add(a.displayName());
      return out;
    }
    int[] idx = new int[dims.length];
    for (int k = 0; k < v.size(); k++) {
      Address e = a;
      for (int i : idx) {
        e = e.child(i);
      }
      out.add(e.displayName());
      next(idx, dims);
    }
    return out;
  }

  /** The elements of {@code v} in the order of {@link #names}. */
  public static double[] values(Tensor v) {
    int[] dims = v.shape().dims();
    double[] flat = v.toArray();
    if (dims.length <= 1) {
      return flat;
    }
    double[] out = new double[flat.length];
    int[] idx = new int[dims.length];
    for (int k = 0; k < flat.length; k++) {
      int rowMajor = 0;
      for (int d = 0; d < dims.length; d++) {
        rowMajor = rowMajor * dims[d] + idx[d];
      }
      out[k] = flat[rowMajor];
      next(idx, dims);
    }
    return out;
  }

  /** Advances a column-major multi-index (the first index fastest). */
  private static void next(int[] idx, int[] dims) {
    for (int d = 0; d < idx.length; d++) {
      if (++idx[d] < dims[d]) {
        return;
      }
      idx[d] = 0;
    }
  }
}
