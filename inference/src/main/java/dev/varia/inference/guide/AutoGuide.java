package dev.varia.inference.guide;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.exec.DistributionFamilies;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Trace;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.adev.EstimatorOptions;
import dev.varia.inference.adev.UnconstrainedLatents;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;
import dev.varia.inference.mode.internal.LatentRunner;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Role;
import dev.varia.inference.results.PosteriorApproximation;
import dev.varia.inference.results.WeightedDraw;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An automatic guide: a generative function, built for a model, that draws all of the model's
 * latents as one vector on the unconstrained scale (at {@link UnconstrainedLatents#ADDRESS});
 * {@code density(p, trace)} maps each site's values onto its support through the bijector of the
 * distribution met there, adding the log-Jacobian ({@link UnconstrainedLatents}). So any objective
 * (ELBO, IWELBO, Renyi, a user's) works with it unchanged: {@link #estimator(Objective)}.
 *
 * <p>Each guide is parameterised relative to a <em>reference</em> Gaussian {@code N(m0, Sigma0)}
 * (usually the Laplace approximation at the mode of the log joint): its variational parameters live
 * in the whitened coordinates {@code w} of {@code z = m0 + L0 w}, start where the guide equals the
 * reference (or its best mean-field or low-rank version), and are all of order one, whatever the
 * posterior's scale (sblrc's sd of 0.001 and a scale parameter's of 0.1 look alike to the
 * optimiser). Parameters are kept in the guide's own {@link ParamStore} under {@code <guide
 * name>.<parameter>}.
 *
 * <p>A guide is also a {@link PosteriorApproximation}: {@link #draw} gives the model's trace
 * (constrained latents and reported quantities) at a guide draw with its importance weight.
 */
public abstract class AutoGuide implements PosteriorApproximation {
  private final LatentLayout layout;
  private final GaussianApproximation reference;
  private final ParamStore params = new ParamStore();
  private GenerativeFunction function;
  private final Tape tape = new Tape();

  /** A guide for the layout's model around {@code reference}. */
  protected AutoGuide(LatentLayout layout, GaussianApproximation reference) {
    if (reference.dimension() != layout.dimension()) {
      throw new IllegalArgumentException(
          "the reference has dimension "
              + reference.dimension()
              + " but the model has "
              + layout.dimension()
              + " unconstrained latents");
    }
    if (layout.dimension() == 0) {
      throw new dev.varia.core.VariaException(
          layout.model().name() + " has no latent random choices: there is nothing to infer");
    }
    this.layout = layout;
    this.reference = reference;
  }

  /** The kind of guide. */
  public abstract GuideKind kind();

  /** The guide's name ({@link GuideKind#guideName()}), the owner of its parameters. */
  public String name() {
    return kind().guideName();
  }

  /** The guide's program: parameters and one draw at {@link UnconstrainedLatents#ADDRESS}. */
  protected abstract GenFn program();

  /** The distributions the guide's program may use (the standard ones unless overridden). */
  protected DistributionFamilies families() {
    return Families.standard();
  }

  /** The latent layout of the model. */
  public LatentLayout layout() {
    return layout;
  }

  /** The reference Gaussian the parameters are relative to. */
  public GaussianApproximation reference() {
    return reference;
  }

  /** The dimension of the unconstrained latent vector. */
  public int dimension() {
    return layout.dimension();
  }

  @Override
  public GenerativeFunction model() {
    return layout.model();
  }

  /** The guide's parameters (its own store). */
  public ParamStore params() {
    return params;
  }

  /** The guide as a compiled generative function (built once). */
  public synchronized GenerativeFunction function() {
    if (function == null) {
      GenFn fn = program();
      function =
          GenerativeFunction.compile(Program.of(fn), fn.name(), Map.of(), families(), params);
    }
    return function;
  }

  /**
   * The generative functions for {@code objective}'s names: the model for each name in the model
   * role, this guide for each in the guide role.
   */
  public Map<String, GenerativeFunction> bind(Objective objective) {
    Map<String, GenerativeFunction> m = new LinkedHashMap<>();
    objective
        .functions()
        .forEach((name, role) -> m.put(name, role == Role.MODEL ? model() : function()));
    return m;
  }

  /** An estimator of {@code objective} with this guide and its model. */
  public Estimator estimator(Objective objective) {
    return Estimator.of(objective, bind(objective), EstimatorOptions.defaults());
  }

  /** One draw of the unconstrained vector and its log density under the guide. */
  public Trace sampleUnconstrained(RandomStream rng) {
    return function().simulate(rng);
  }

  @Override
  public synchronized WeightedDraw draw(RandomStream rng) {
    Trace q = sampleUnconstrained(rng);
    Tensor z = q.choices().get(UnconstrainedLatents.ADDRESS).orElseThrow();
    tape.reset();
    try (Tape.ValueOnly v = tape.valueOnly()) {
      Node zn = tape.constant(z.reshape(Shape.vector(z.size())));
      UnconstrainedLatents.Reader reader = new UnconstrainedLatents.Reader(zn);
      LatentRunner.Run r =
          LatentRunner.run(model(), layout.args(), reader::next, true, true, tape, rng);
      reader.checkUsedUp();
      return new WeightedDraw(r.trace(), r.logDensity().get(0) - q.score());
    }
  }

  /**
   * The guide's current distribution of the unconstrained latents as a Gaussian, for guides that
   * are Gaussian (null otherwise): a guide rebuilt around it ({@link AutoGuides#create}) is the
   * same distribution, re-whitened, which restores good conditioning for the optimiser as the fit
   * moves away from where it started.
   */
  public GaussianApproximation currentApproximation() {
    return null;
  }

  /** The constrained value of parameter {@code name} (its initial value before the first use). */
  protected final double[] param(String name, double[] initial) {
    return params.get(name() + "." + name).map(Tensor::toArray).orElse(initial);
  }

  /** {@code m0} as a constant tensor. */
  protected final Tensor center() {
    return Tensor.vector(reference.mean());
  }

  /** The reference's diagonal scales {@code s} as a vector tensor. */
  protected static Tensor vector(double[] v) {
    return Tensor.vector(v);
  }

  /** A d x d matrix tensor. */
  protected static Tensor matrix(double[][] m) {
    return Tensor.matrix(m);
  }

  /** The address name of the guide's single site. */
  protected static String siteName() {
    return (String) UnconstrainedLatents.ADDRESS.last();
  }

  @Override
  public String toString() {
    return name() + " for " + model().name() + " (" + dimension() + " unconstrained latents)";
  }
}
