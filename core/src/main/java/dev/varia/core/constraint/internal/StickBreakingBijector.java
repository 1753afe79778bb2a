package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;

/**
 * The stick-breaking transform from K - 1 unconstrained values onto the K-simplex, as in Stan's
 * reference manual ("Unit simplex"): {@code z_k = sigmoid(y_k - log(K - k))}, {@code x_k = z_k (1 -
 * x_1 - ... - x_(k-1))} for k < K and {@code x_K} the rest of the stick, so that y = 0 maps to the
 * centre. log |J| (of the map to the first K - 1 coordinates) is {@code sum_(k<K) log z_k + log(1 -
 * z_k) + log r_k}, with {@code r_k = prod_(j<k) (1 - z_j)} the stick left before step k.
 *
 * <p>Everything is formed in logs ({@code log x_k = log r_k + log z_k}, {@code log r_k} a running
 * sum of {@code log sigmoid(-t)}), so tiny components keep their relative precision. The inverse
 * {@code y_k = log x_k - log(x_(k+1) + ... + x_K) + log(K - k)} uses suffix sums, with no
 * subtraction from 1.
 */
public final class StickBreakingBijector extends VectorBijector {
  @Override
  String name() {
    return "simplex (stick-breaking)";
  }

  @Override
  int constrainedLength(int n) {
    return n + 1;
  }

  @Override
  int unconstrainedLength(int k) {
    return k >= 1 ? k - 1 : -1;
  }

  @Override
  Transformed forwardVector(Node u, boolean withLogDet) {
    Tape tape = u.tape();
    int n = u.size();
    if (n == 0) {
      return new Transformed(tape.constant(new double[] {1}, Shape.vector(1)), tape.constant(0.0));
    }
    Node t = u.sub(logRemaining(tape, n));
    Node logZ = t.logSigmoid();
    Node log1mZ = t.neg().logSigmoid();
    // log r_1 = 0, log r_(k+1) = log r_k + log(1 - z_k)
    Node logR = Node.concat(tape.constant(0.0), CumulativeSum.of(log1mZ, false));
    Node logRFirst = logR.slice(0, n);
    Node x = Node.concat(logRFirst.add(logZ), logR.slice(n, n + 1)).exp();
    Node logDet = withLogDet ? logZ.sum().add(log1mZ.sum()).add(logRFirst.sum()) : null;
    return new Transformed(x, logDet);
  }

  @Override
  Node inverseVector(Node x) {
    int k = x.size();
    if (k == 1) {
      return x.tape().constant(new double[0], Shape.vector(0));
    }
    Node suffix = CumulativeSum.of(x, true);
    return x.slice(0, k - 1).log().sub(suffix.slice(1, k).log()).add(logRemaining(x.tape(), k - 1));
  }

  /** The constants log(K - k) for k = 1..K-1 (K - 1 = n): the offsets that centre y = 0. */
  private static Node logRemaining(Tape tape, int n) {
    double[] c = new double[n];
    for (int k = 0; k < n; k++) {
      c[k] = Math.log(n + 1 - (k + 1));
    }
    return tape.constant(c, Shape.vector(n));
  }
}
