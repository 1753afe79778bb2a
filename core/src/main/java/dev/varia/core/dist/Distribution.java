package dev.varia.core.dist;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.random.RandomStream;
import java.util.Optional;

/**
 * A probability distribution whose parameters are tape values, so that its log density is
 * differentiable in them. Names and parameterisations follow Stan's functions reference.
 *
 * <p><b>Shapes.</b> Parameters broadcast against each other to the {@link #batchShape()}; each
 * batch element is one draw of {@link #eventShape()} (a scalar for univariate distributions, a
 * vector for Dirichlet or multivariate normal, a matrix for LKJ). A value has shape batch followed
 * by event (ranks up to 2 in all). {@link #logDensity(Node)} gives one log density per batch
 * element.
 *
 * <p><b>Errors.</b> Invalid parameters (a negative scale, a probability outside [0, 1], NaN, a
 * covariance that is not positive definite) raise {@link InvalidParameterException} naming the
 * distribution, the parameter and the value, when the distribution is built. A value outside the
 * support has log density -infinity, never an exception.
 */
public interface Distribution {
  /** Stan's name, e.g. {@code "normal"}, {@code "neg_binomial_2"}. */
  String name();

  /** The broadcast shape of the parameters. */
  Shape batchShape();

  /** The shape of one draw: scalar for univariate distributions. */
  default Shape eventShape() {
    return Shape.SCALAR;
  }

  /** The support. */
  Constraint support();

  /** True for distributions over integers. */
  default boolean isDiscrete() {
    return support().isDiscrete();
  }

  /**
   * Draws a value for each element of {@code batch} (which must broadcast with {@link
   * #batchShape()}); the result has shape batch followed by the event shape (precisely: the
   * broadcast of batch and the batch shape, so a scalar request gives one draw of the batch shape).
   * No gradient.
   */
  Tensor sample(RandomStream rng, Shape batch);

  /** One draw of the batch shape. */
  default Tensor sample(RandomStream rng) {
    return sample(rng, batchShape());
  }

  /**
   * The log density (log mass for discrete distributions) of {@code x} per batch element,
   * differentiable in the parameters and, for continuous distributions, in x.
   */
  Node logDensity(Node x);

  /** The total log density of {@code x}: a scalar (fused into one tape entry where it pays). */
  default Node logDensitySum(Node x) {
    return logDensity(x).sum();
  }

  /** True if {@link #rsample} gives reparameterised draws (explicit or implicit). */
  default boolean hasReparam() {
    return false;
  }

  /**
   * A draw for each element of {@code batch} as a tape value differentiable in the parameters (x =
   * T(eps, theta) for location-scale families; implicit reparameterisation gradients for Gamma,
   * Beta and Dirichlet).
   *
   * @throws VariaException if the distribution has no reparameterised sampler
   */
  default Node rsample(RandomStream rng, Shape batch) {
    throw new VariaException(
        name()
            + " has no reparameterised sampler: use a score-function (REINFORCE), enumeration"
            + " or measure-valued gradient instead");
  }

  /** True if the support is finite and the same for every batch element. */
  default boolean isEnumerable() {
    return false;
  }

  /**
   * The values of a finite support as a vector, in increasing order.
   *
   * @throws VariaException if the distribution is not enumerable
   */
  default Tensor enumerateSupport() {
    throw new VariaException(
        name() + " is not enumerable: its support is infinite or differs between elements");
  }

  /** The mean per batch element (shape batch followed by event), where it exists in closed form. */
  default Optional<Tensor> mean() {
    return Optional.empty();
  }

  /** The variance per batch element, where it exists in closed form. */
  default Optional<Tensor> variance() {
    return Optional.empty();
  }
}
