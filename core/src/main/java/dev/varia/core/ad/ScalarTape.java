package dev.varia.core.ad;

import dev.varia.core.math.SpecialFunctions;
import java.util.Arrays;

/**
 * A reverse-mode tape for scalar code, stored as a struct of arrays: values are {@code int}
 * handles, each operation stores its value and the partial derivatives with respect to its inputs
 * (computed in the forward pass), and the backward pass is one sweep of multiply-adds over the
 * edges, newest first.
 *
 * <p>Edges are stored only towards inputs that depend on a variable, so arithmetic with data
 * constants costs no backward work. {@link #reset()} keeps every array. Use the tensor {@link Tape}
 * for vectorised code; this tape is for code that is scalar by nature (recursions, small loops).
 */
public final class ScalarTape {
  private double[] val = new double[256];
  private double[] adj = new double[256];
  private boolean[] active = new boolean[256];

  /**
   * The edges, in the order recorded: edge e carries {@code partial[e] * adj[owner[e]]} from node
   * {@code owner[e]} to its input {@code arg[e]}. Owners never decrease, and every edge into a node
   * is recorded after the node, so one reverse sweep over the edges is a valid backward pass.
   */
  private int[] owner = new int[512];

  private int[] arg = new int[512];
  private double[] partial = new double[512];
  private int size;
  private int edges;

  /** A new, empty tape. */
  public ScalarTape() {}

  /** Forgets every node, keeping the arrays. */
  public void reset() {
    size = 0;
    edges = 0;
  }

  /** Number of nodes recorded. */
  public int size() {
    return size;
  }

  /** The value of node {@code x}. */
  public double value(int x) {
    check(x);
    return val[x];
  }

  /** The adjoint of node {@code x} after {@link #backward(int)}. */
  public double adjoint(int x) {
    check(x);
    return adj[x];
  }

  /** A constant (no gradient). */
  public int constant(double v) {
    return push(v, false);
  }

  /** A variable: its adjoint is the gradient after {@link #backward(int)}. */
  public int variable(double v) {
    return push(v, true);
  }

  /** Sets every adjoint to zero, seeds {@code out} with 1 and sweeps backwards. */
  public void backward(int out) {
    check(out);
    Arrays.fill(adj, 0, size, 0.0);
    adj[out] = 1.0;
    int[] own = owner;
    int[] in = arg;
    double[] p = partial;
    double[] ad = adj;
    for (int e = edgesUpTo(out) - 1; e >= 0; e--) {
      double a = ad[own[e]];
      // a node whose adjoint is 0 passes nothing on (not even 0 * an infinite partial)
      if (a != 0.0) {
        ad[in[e]] += p[e] * a;
      }
    }
  }

  /** The number of edges owned by nodes 0..out: owners are sorted, so a binary search. */
  private int edgesUpTo(int out) {
    int lo = 0;
    int hi = edges;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (owner[mid] <= out) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // ------------------------------------------------------------------ operations

  /** a + b. */
  public int add(int a, int b) {
    return binary(val[a] + val[b], a, 1.0, b, 1.0);
  }

  /** a - b. */
  public int sub(int a, int b) {
    return binary(val[a] - val[b], a, 1.0, b, -1.0);
  }

  /** a * b. */
  public int mul(int a, int b) {
    return binary(val[a] * val[b], a, val[b], b, val[a]);
  }

  /** a / b. */
  public int div(int a, int b) {
    double y = val[a] / val[b];
    return binary(y, a, 1.0 / val[b], b, -y / val[b]);
  }

  /** a ^ b. */
  public int pow(int a, int b) {
    double x = val[a];
    double p = val[b];
    double y = Math.pow(x, p);
    return binary(y, a, p == 0 ? 0.0 : p * Math.pow(x, p - 1), b, y == 0 ? 0.0 : y * Math.log(x));
  }

  /** a + c. */
  public int add(int a, double c) {
    return unary(val[a] + c, a, 1.0);
  }

  /** a * c. */
  public int mul(int a, double c) {
    return unary(val[a] * c, a, c);
  }

  /** a ^ c. */
  public int pow(int a, double c) {
    double x = val[a];
    return unary(Math.pow(x, c), a, c == 0 ? 0.0 : c * Math.pow(x, c - 1));
  }

  /** -a. */
  public int neg(int a) {
    return unary(-val[a], a, -1.0);
  }

  /** a^2. */
  public int square(int a) {
    double x = val[a];
    return unary(x * x, a, 2 * x);
  }

  /** sqrt(a). */
  public int sqrt(int a) {
    double y = Math.sqrt(val[a]);
    return unary(y, a, 0.5 / y);
  }

  /** exp(a). */
  public int exp(int a) {
    double y = Math.exp(val[a]);
    return unary(y, a, y);
  }

  /** log(a). */
  public int log(int a) {
    return unary(Math.log(val[a]), a, 1.0 / val[a]);
  }

  /** log(1 + a). */
  public int log1p(int a) {
    return unary(Math.log1p(val[a]), a, 1.0 / (1 + val[a]));
  }

  /** exp(a) - 1. */
  public int expm1(int a) {
    double y = Math.expm1(val[a]);
    return unary(y, a, y + 1);
  }

  /** |a|. */
  public int abs(int a) {
    double x = val[a];
    return unary(Math.abs(x), a, x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0));
  }

  /** sin(a). */
  public int sin(int a) {
    return unary(Math.sin(val[a]), a, Math.cos(val[a]));
  }

  /** cos(a). */
  public int cos(int a) {
    return unary(Math.cos(val[a]), a, -Math.sin(val[a]));
  }

  /** tanh(a). */
  public int tanh(int a) {
    double y = Math.tanh(val[a]);
    return unary(y, a, 1 - y * y);
  }

  /** sigmoid(a). */
  public int sigmoid(int a) {
    double y = SpecialFunctions.sigmoid(val[a]);
    return unary(y, a, y * (1 - y));
  }

  /** log sigmoid(a). */
  public int logSigmoid(int a) {
    // -log1pExp(-x) and sigmoid(-x) from one exp, as in softplus
    double u = -val[a];
    if (u > 0) {
      double e = Math.exp(-u);
      return unary(-(u + Math.log1p(e)), a, 1 / (1 + e));
    }
    double e = Math.exp(u);
    return unary(-Math.log1p(e), a, e / (1 + e));
  }

  /** softplus(a) = log(1 + exp(a)). */
  public int softplus(int a) {
    // SpecialFunctions.log1pExp(x) and sigmoid(x) share exp(-|x|): the same expressions, one exp
    double x = val[a];
    if (x > 0) {
      double e = Math.exp(-x);
      return unary(x + Math.log1p(e), a, 1 / (1 + e));
    }
    double e = Math.exp(x);
    return unary(Math.log1p(e), a, e / (1 + e));
  }

  /** max(a, 0). */
  public int relu(int a) {
    double x = val[a];
    return unary(!(x <= 0) ? x : 0.0, a, x > 0 ? 1.0 : 0.0); // NaN stays NaN
  }

  /** a if positive, else slope * a. */
  public int leakyRelu(int a, double slope) {
    double x = val[a];
    return unary(x > 0 ? x : slope * x, a, x > 0 ? 1.0 : slope);
  }

  /** log Gamma(a). */
  public int lgamma(int a) {
    double x = val[a];
    return unary(SpecialFunctions.lgamma(x), a, SpecialFunctions.digamma(x));
  }

  /** digamma(a). */
  public int digamma(int a) {
    double x = val[a];
    return unary(SpecialFunctions.digamma(x), a, SpecialFunctions.trigamma(x));
  }

  /** Standard normal CDF of a. */
  public int normalCdf(int a) {
    double x = val[a];
    return unary(SpecialFunctions.normalCdf(x), a, SpecialFunctions.normalPdf(x));
  }

  /** log of the standard normal CDF of a. */
  public int normalLogCdf(int a) {
    double x = val[a];
    return unary(SpecialFunctions.normalLogCdf(x), a, SpecialFunctions.normalLogCdfDerivative(x));
  }

  /** The sum of the nodes {@code xs}. */
  public int sum(int[] xs) {
    double s = 0;
    boolean act = false;
    for (int x : xs) {
      check(x);
      s += val[x];
      act |= active[x];
    }
    int y = push(s, act);
    if (act) {
      reserveEdges(xs.length);
      int e = edges;
      for (int x : xs) {
        owner[e] = y;
        arg[e] = x;
        partial[e] = 1.0;
        e++;
      }
      edges = e;
    }
    return y;
  }

  /** {@code sum_k coeffs[offset + k] * xs[k]}: a linear combination with constant coefficients. */
  public int dot(int[] xs, double[] coeffs, int offset) {
    double s = 0;
    boolean act = false;
    for (int k = 0; k < xs.length; k++) {
      int x = xs[k];
      check(x);
      s += val[x] * coeffs[offset + k];
      act |= active[x];
    }
    int y = push(s, act);
    if (act) {
      reserveEdges(xs.length);
      int e = edges;
      for (int k = 0; k < xs.length; k++) {
        owner[e] = y;
        arg[e] = xs[k];
        partial[e] = coeffs[offset + k];
        e++;
      }
      edges = e;
    }
    return y;
  }

  // ------------------------------------------------------------------ storage

  private int unary(double y, int a, double da) {
    check(a);
    boolean act = active[a];
    int i = push(y, act);
    if (act) {
      reserveEdges(1);
      int e = edges;
      owner[e] = i;
      arg[e] = a;
      partial[e] = da;
      edges = e + 1;
    }
    return i;
  }

  private int binary(double y, int a, double da, int b, double db) {
    check(a);
    check(b);
    boolean actA = active[a];
    boolean actB = active[b];
    int i = push(y, actA || actB);
    if (actA || actB) {
      reserveEdges(2);
      int e = edges;
      if (actA) {
        owner[e] = i;
        arg[e] = a;
        partial[e] = da;
        e++;
      }
      if (actB) {
        owner[e] = i;
        arg[e] = b;
        partial[e] = db;
        e++;
      }
      edges = e;
    }
    return i;
  }

  private int push(double v, boolean act) {
    if (size == val.length) {
      int cap = size * 2;
      val = Arrays.copyOf(val, cap);
      adj = Arrays.copyOf(adj, cap);
      active = Arrays.copyOf(active, cap);
    }
    val[size] = v;
    active[size] = act;
    return size++;
  }

  /** Makes room for {@code k} more edges. */
  private void reserveEdges(int k) {
    if (edges + k > arg.length) {
      int cap = Math.max(arg.length * 2, edges + k);
      owner = Arrays.copyOf(owner, cap);
      arg = Arrays.copyOf(arg, cap);
      partial = Arrays.copyOf(partial, cap);
    }
  }

  private void check(int x) {
    if (Integer.compareUnsigned(x, size) >= 0) {
      throw notOnTape(x);
    }
  }

  private IllegalArgumentException notOnTape(int x) {
    return new IllegalArgumentException(
        "node "
            + x
            + " is not on this scalar tape (it has "
            + size
            + " nodes; reset() forgets all of them)");
  }
}
