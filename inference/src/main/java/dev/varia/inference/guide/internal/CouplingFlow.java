package dev.varia.inference.guide.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.Distribution;
import dev.varia.core.random.RandomStream;

/**
 * The distribution of an affine-coupling normalising flow (Dinh, Sohl-Dickstein and Bengio,
 * "Density estimation using Real NVP", ICLR 2017) around a Gaussian, on vectors of d values:
 *
 * <pre>
 * eps ~ N(0, I);  u = a + exp(b) * eps;
 * for each layer l: u_B = u_B * exp(s_l(u_A)) + t_l(u_A)   (A, B: the halves, alternating)
 *   with (s_l, t_l) = W2_l tanh(W1_l u_A + c1_l) + c2_l;
 * x = m0 + L0 u
 * </pre>
 *
 * Its log density at x inverts the layers exactly ({@code log q(x) = log N(eps) - sum b - sum_l sum
 * s_l - sum log diag L0}), so the flow is a proper density; for a value it drew itself it reuses
 * the log-Jacobian computed while drawing (the same function of the draw, so the same value and
 * gradient). Arguments: m0 (d), L0 (d x d, lower triangular), a (d), b (d), then four per layer: W1
 * (h x |A|), c1 (h), W2 (2|B| x h), c2 (2|B|). Reparameterised.
 */
public final class CouplingFlow implements Distribution {
  /** The family name in the guides' distribution registry. */
  public static final String NAME = "coupling_flow";

  private final Node m0;
  private final Node l0;
  private final Node a;
  private final Node b;
  private final Node[][] layers;
  private final int d;
  private Node lastDraw;
  private Node lastLogDensity;

  private CouplingFlow(Node[] args) {
    this.m0 = args[0];
    this.l0 = args[1];
    this.a = args[2];
    this.b = args[3];
    this.d = m0.size();
    int count = (args.length - 4) / 4;
    this.layers = new Node[count][];
    for (int l = 0; l < count; l++) {
      layers[l] = new Node[] {args[4 + 4 * l], args[5 + 4 * l], args[6 + 4 * l], args[7 + 4 * l]};
    }
  }

  /** The flow with the given arguments (see the class comment). */
  public static CouplingFlow of(Node[] args) {
    if (args.length < 4 || (args.length - 4) % 4 != 0) {
      throw new VariaException(NAME + " takes 4 + 4 * layers arguments, got " + args.length);
    }
    int d = args[0].size();
    if (!args[1].shape().equals(Shape.matrix(d, d)) || args[2].size() != d || args[3].size() != d) {
      throw new VariaException(NAME + ": the base arguments do not fit dimension " + d);
    }
    return new CouplingFlow(args);
  }

  /** The number of arguments of a flow with {@code layers} coupling layers. */
  public static int argumentCount(int layers) {
    return 4 + 4 * layers;
  }

  /** The size of the conditioning half A of layer l in dimension d. */
  public static int conditioningSize(int d, int l) {
    int first = d / 2;
    return l % 2 == 0 ? first : d - first;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Shape batchShape() {
    return Shape.SCALAR;
  }

  @Override
  public Shape eventShape() {
    return Shape.vector(d);
  }

  @Override
  public Constraint support() {
    return new Constraint.Real();
  }

  private Tape tape() {
    return m0.tape();
  }

  /** Layer l's (s, t) from its conditioning half. */
  private Node[] shiftAndLogScale(int l, Node ua) {
    Node[] p = layers[l];
    Node hidden = p[0].matmul(ua).add(p[1]).tanh();
    Node out = p[2].matmul(hidden).add(p[3]);
    int nb = out.size() / 2;
    return new Node[] {out.slice(0, nb), out.slice(nb, 2 * nb)};
  }

  /** The halves (A, B) of u for layer l: for even l, A comes first. */
  private Node[] split(int l, Node u) {
    int first = d / 2;
    Node lo = u.slice(0, first);
    Node hi = u.slice(first, d);
    return l % 2 == 0 ? new Node[] {lo, hi} : new Node[] {hi, lo};
  }

  private Node join(int l, Node ua, Node ub) {
    return l % 2 == 0 ? Node.concat(ua, ub) : Node.concat(ub, ua);
  }

  private Node logDiagL0() {
    int[] diag = new int[d];
    for (int i = 0; i < d; i++) {
      diag[i] = i * d + i;
    }
    return l0.reshape(Shape.vector(d * d)).gather(diag).log().sum();
  }

  private static Node standardNormalLogDensity(Node eps) {
    return eps.square().sum().mul(-0.5).sub(0.5 * eps.size() * Math.log(2 * Math.PI));
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    if (!batch.isScalar() && batch.size() != 1) {
      throw new VariaException(NAME + " draws one vector at a time, asked for batch " + batch);
    }
    double[] e = new double[d];
    for (int i = 0; i < d; i++) {
      e[i] = rng.normal();
    }
    Node eps = tape().constant(Tensor.vector(e));
    Node u = a.add(b.exp().mul(eps));
    Node logDet = b.sum();
    if (d > 1) {
      for (int l = 0; l < layers.length; l++) {
        Node[] h = split(l, u);
        Node[] st = shiftAndLogScale(l, h[0]);
        Node ub = h[1].mul(st[0].exp()).add(st[1]);
        logDet = logDet.add(st[0].sum());
        u = join(l, h[0], ub);
      }
    }
    Node x = m0.add(l0.matmul(u));
    logDet = logDet.add(logDiagL0());
    lastDraw = x;
    lastLogDensity = standardNormalLogDensity(eps).sub(logDet);
    return x;
  }

  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    try (Tape.ValueOnly v = tape().valueOnly()) {
      return rsample(rng, batch).detach();
    }
  }

  @Override
  public Node logDensity(Node x) {
    if (x == lastDraw) {
      return lastLogDensity;
    }
    if (x.size() != d) {
      throw new VariaException(
          NAME + ": a value of shape " + x.shape() + " is not a " + d + "-vector");
    }
    Node v = x.shape().isVector() ? x : x.reshape(Shape.vector(d));
    Node u = l0.solveTriangular(v.sub(m0), true, false);
    Node logDet = logDiagL0();
    if (d > 1) {
      for (int l = layers.length - 1; l >= 0; l--) {
        Node[] h = split(l, u);
        Node[] st = shiftAndLogScale(l, h[0]);
        Node ub = h[1].sub(st[1]).mul(st[0].neg().exp());
        logDet = logDet.add(st[0].sum());
        u = join(l, h[0], ub);
      }
    }
    Node eps = u.sub(a).mul(b.neg().exp());
    logDet = logDet.add(b.sum());
    return standardNormalLogDensity(eps).sub(logDet);
  }

  @Override
  public String toString() {
    return NAME + " of dimension " + d + " with " + layers.length + " coupling layers";
  }
}
