package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.Distribution;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;
import java.util.Optional;

/**
 * Base of the multivariate normals given a mean mu (a vector (K), or a matrix (B, K) of B means:
 * the batch) and a lower-triangular scale L (K, K) with Sigma = L L^T:
 *
 * <pre>
 * log p(x) = -K/2 log(2 pi) - sum_i log L_ii - |L^-1 (x - mu)|^2 / 2
 * </pre>
 *
 * computed with a triangular solve on the tape (differentiable in mu, L and x); draws are {@code mu
 * + L eps} ({@link #sample} is {@link #rsample} without gradients).
 */
public abstract class MultiNormalBase implements Distribution {
  private final String name;
  private final Node mu;
  private final Node scaleTril;
  private final int k;
  private final Shape batchShape;

  /** A multivariate normal with mean {@code mu} and lower-triangular scale {@code scaleTril}. */
  protected MultiNormalBase(String name, Node mu, Node scaleTril) {
    this.name = name;
    this.mu = mu;
    this.scaleTril = scaleTril;
    this.k = mu.shape().cols();
    this.batchShape = mu.shape().isMatrix() ? Shape.vector(mu.shape().rows()) : Shape.SCALAR;
  }

  /**
   * Checks that mu is a vector or matrix of K columns and that {@code matrix} is K x K, naming the
   * parameters.
   */
  protected static void checkShapes(String dist, Node mu, String matrixName, Node matrix) {
    Check.requireRank(dist, "mu", mu.shape(), 1, 2);
    Check.square(dist, matrixName, matrix.shape());
    if (matrix.shape().rows() != mu.shape().cols()) {
      throw new ShapeException(
          dist
              + ": mu has "
              + mu.shape().cols()
              + " components but "
              + matrixName
              + " has shape "
              + matrix.shape());
    }
  }

  /** The mean. */
  protected final Node mu() {
    return mu;
  }

  /** The lower-triangular scale L. */
  protected final Node scaleTril() {
    return scaleTril;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Shape batchShape() {
    return batchShape;
  }

  @Override
  public Shape eventShape() {
    return Shape.vector(k);
  }

  @Override
  public Constraint support() {
    return new Constraint.Real();
  }

  @Override
  public Node logDensity(Node x) {
    Broadcast.checkVectorEvents(name, x.shape(), k);
    Node diff = x.sub(mu);
    Node quad;
    if (diff.shape().isVector()) {
      quad = scaleTril.solveTriangular(diff, true, false).square().sum();
    } else {
      quad = scaleTril.solveTriangular(diff.transpose(), true, false).square().sum(0);
    }
    Node logDet = MatrixOps.logDiagonal(scaleTril).sum();
    return quad.mul(-0.5).sub(logDet.add(k * SpecialFunctions.HALF_LOG_TWO_PI));
  }

  /** The shape of a draw of batch {@code batch}. */
  protected final Shape drawShape(Shape batch) {
    return Broadcast.withEvent(name, Broadcast.drawShape(name, batch, batchShape), eventShape());
  }

  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    try (var scope = mu.tape().valueOnly()) {
      return rsample(rng, batch).detach();
    }
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    Shape out = drawShape(batch);
    Node eps = mu.tape().constant(MatrixOps.standardNormal(rng, out));
    return mu.add(MatrixOps.applyToRows(scaleTril, eps));
  }

  @Override
  public Optional<Tensor> mean() {
    return Optional.of(mu.detach());
  }

  /** The marginal variances: the diagonal of Sigma, per batch row. */
  @Override
  public Optional<Tensor> variance() {
    double[] diag = marginalVariances();
    double[] v = new double[mu.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = diag[i % k];
    }
    return Optional.of(Tensor.wrap(v, mu.shape()));
  }

  /** The diagonal of Sigma (override where Sigma is not L L^T of a stored L). */
  protected double[] marginalVariances() {
    double[] l = Check.values(scaleTril);
    double[] d = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        d[i] += l[i * k + j] * l[i * k + j];
      }
    }
    return d;
  }

  @Override
  public String toString() {
    return name + " of dimension " + k + " with batch shape " + batchShape;
  }
}
