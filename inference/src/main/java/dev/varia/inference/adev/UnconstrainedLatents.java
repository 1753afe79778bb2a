package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.constraint.Bijector;
import dev.varia.core.constraint.Bijectors;
import dev.varia.core.exec.Machine;
import dev.varia.core.exec.SampleSite;
import dev.varia.core.gen.Address;

/**
 * A model's latent sites read from one vector on the <em>unconstrained</em> scale, which is how
 * automatic guides meet the model.
 *
 * <p>A guide whose trace holds a vector at {@link #ADDRESS} supplies, in the model's program order,
 * the unconstrained values of every model site the trace does not hold by its own address: when
 * {@code density(p, trace)} meets such a site, it takes the next values of the vector (as many as
 * the site's support has free values), maps them onto the support with {@link Bijectors#of} of the
 * support <em>of the distribution met at that site in this run</em>, and adds {@code log |det J|}
 * to the site's log density. Supports whose bounds depend on other latents (GARCH's {@code beta1}
 * on (0, 1 - alpha1)) are therefore transformed after those latents, with the right Jacobian
 * ({@code log(1 - alpha1)} included), and gradients flow into the bounds. Every value of the vector
 * must be used.
 *
 * <p>Discrete sites have no unconstrained scale (a clear error with advice); neither do latents
 * inside subsampled plates, whose number varies between estimates.
 */
public final class UnconstrainedLatents {
  /** The address of the unconstrained vector in a guide's trace. */
  public static final Address ADDRESS = Address.of("$unconstrained");

  private UnconstrainedLatents() {}

  /** The shape of the constrained value the site draws (batch followed by event, or one event). */
  public static Shape valueShape(SampleSite site) {
    if (site.isElement()) {
      return site.dist().eventShape();
    }
    Shape b = site.batch();
    Shape e = site.dist().eventShape();
    if (e.isScalar()) {
      return b;
    }
    if (b.isScalar()) {
      return e;
    }
    return Shape.matrix(b.size(), e.size());
  }

  /**
   * The bijector from unconstrained values onto the support of the site's distribution.
   *
   * @throws VariaException for a discrete (or single-point) support, with advice
   */
  public static Bijector bijector(SampleSite site) {
    if (site.dist().support().isDiscrete()) {
      throw new VariaException(
          "site "
              + site.displayName()
              + " is discrete ("
              + site.dist().name()
              + " on "
              + site.dist().support().describe()
              + "): automatic guides cover continuous latents only. Sum it out in the model"
              + " (marginalize), or write a guide that draws it with an ENUM or REINFORCE"
              + " strategy");
    }
    try {
      return Bijectors.of(site.dist().support());
    } catch (VariaException e) {
      throw new VariaException("site " + site.displayName() + ": " + e.getMessage());
    }
  }

  /** The shape of the site's unconstrained value. */
  public static Shape unconstrainedShape(SampleSite site, Bijector b) {
    return b.unconstrainedShape(valueShape(site));
  }

  /** Takes consecutive pieces of one unconstrained vector for the sites of a model run. */
  public static final class Reader {
    private final Node vector;
    private int position;

    /** A reader of {@code vector} (a vector on the tape) from its first element. */
    public Reader(Node vector) {
      if (!vector.shape().isVector() && vector.size() != 1) {
        throw new VariaException(
            "the unconstrained latents must be a vector, got shape " + vector.shape());
      }
      this.vector = vector.size() == 1 ? vector.reshape(Shape.vector(1)) : vector;
    }

    /**
     * The constrained value for {@code site} and the log-Jacobian of its transform, from the next
     * values of the vector.
     *
     * @throws VariaException if the site is discrete, inside a subsampled plate, or the vector is
     *     used up
     */
    public Bijector.Transformed next(Machine m, SampleSite site) {
      if (m.logDensityScale() != 1.0) {
        throw new VariaException(
            "site "
                + site.displayName()
                + " is inside a subsampled plate: automatic guides cover latents outside"
                + " subsampled plates only (write a guide with local parameters for it, or do not"
                + " subsample)");
      }
      Bijector b = bijector(site);
      Shape free = unconstrainedShape(site, b);
      int n = free.size();
      if (position + n > vector.size()) {
        throw new VariaException(
            "site "
                + site.displayName()
                + " needs "
                + n
                + " unconstrained values but only "
                + (vector.size() - position)
                + " of the guide's "
                + vector.size()
                + " are left: the guide was built for a model with other latent sites");
      }
      Node piece = n == vector.size() ? vector : vector.slice(position, position + n);
      position += n;
      if (!piece.shape().equals(free)) {
        piece = piece.reshape(free);
      }
      return b.forwardWithLogDet(piece);
    }

    /** How many values have been taken. */
    public int position() {
      return position;
    }

    /** The length of the vector. */
    public int length() {
      return vector.size();
    }

    /**
     * Checks that every value was used.
     *
     * @throws VariaException naming how many were left
     */
    public void checkUsedUp() {
      if (position != vector.size()) {
        throw new VariaException(
            "the model used "
                + position
                + " of the guide's "
                + vector.size()
                + " unconstrained values: the guide was built for a model with other latent"
                + " sites");
      }
    }
  }
}
