package dev.varia.inference.mode;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.dist.InvalidParameterException;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.UnconstrainedLatents;
import dev.varia.inference.mode.internal.LatentRunner;
import dev.varia.inference.optim.DifferentiableFunction;

/**
 * The log joint density of a model as a function of its latents on the unconstrained scale, {@code
 * z -> log p(T(z), y) + log |det J_T(z)|} (or without the log-Jacobian: the log joint at the
 * constrained values, whose maximum is the MAP estimate), with its gradient by reverse mode. Each
 * site's transform is that of the support of the distribution met at the site in the run, so bounds
 * that depend on other latents are handled (and differentiated).
 *
 * <p>Outside the model's domain (a parameter of a distribution becomes invalid, e.g. a scale that
 * underflows to 0) the value is NaN, which line searches treat as "step back". Not thread-safe.
 */
public final class LogJoint implements DifferentiableFunction {
  private final LatentLayout layout;
  private final boolean jacobian;
  private final Tape tape = new Tape();
  private final RandomStream rng = RandomStream.seeded(0);
  private int evaluations;

  private LogJoint(LatentLayout layout, boolean jacobian) {
    this.layout = layout;
    this.jacobian = jacobian;
  }

  /** The log joint of the layout's model; with {@code jacobian}, plus the log-Jacobians. */
  public static LogJoint of(LatentLayout layout, boolean jacobian) {
    return new LogJoint(layout, jacobian);
  }

  /** The layout. */
  public LatentLayout layout() {
    return layout;
  }

  /** Whether the log-Jacobians are included. */
  public boolean jacobian() {
    return jacobian;
  }

  /** Dimension of z. */
  public int dimension() {
    return layout.dimension();
  }

  /** Number of evaluations with a gradient so far. */
  public int evaluations() {
    return evaluations;
  }

  private Node run(Node z, boolean record, Trace[] trace) {
    UnconstrainedLatents.Reader reader = new UnconstrainedLatents.Reader(z);
    LatentRunner.Run r =
        LatentRunner.run(layout.model(), layout.args(), reader::next, jacobian, record, tape, rng);
    reader.checkUsedUp();
    if (trace != null) {
      trace[0] = r.trace();
    }
    return r.logDensity();
  }

  private void checkLength(double[] z) {
    if (z.length != layout.dimension()) {
      throw new IllegalArgumentException(
          "expected " + layout.dimension() + " unconstrained values, got " + z.length);
    }
  }

  @Override
  public double valueAndGradient(double[] z, double[] gradient) {
    checkLength(z);
    evaluations++;
    tape.reset();
    Node v = tape.variable(z, Shape.vector(z.length));
    Node lp;
    try {
      lp = run(v, false, null);
    } catch (VariaException e) {
      if (outsideDomain(e)) {
        java.util.Arrays.fill(gradient, Double.NaN);
        return Double.NaN;
      }
      throw e;
    }
    double value = lp.item();
    if (!Double.isFinite(value)) {
      java.util.Arrays.fill(gradient, Double.NaN);
      return value;
    }
    tape.backward(lp);
    v.gradInto(gradient, 0);
    return value;
  }

  /** The value only (NaN outside the model's domain). */
  public double value(double[] z) {
    checkLength(z);
    tape.reset();
    try (Tape.ValueOnly s = tape.valueOnly()) {
      return run(tape.constant(z, Shape.vector(z.length)), false, null).item();
    } catch (VariaException e) {
      if (outsideDomain(e)) {
        return Double.NaN;
      }
      throw e;
    }
  }

  /** The model's trace at z: constrained latents, reported quantities, and the log joint. */
  public Trace trace(double[] z) {
    checkLength(z);
    tape.reset();
    Trace[] t = new Trace[1];
    try (Tape.ValueOnly s = tape.valueOnly()) {
      run(tape.constant(z, Shape.vector(z.length)), true, t);
    }
    return t[0];
  }

  /** True if the error is a distribution parameter outside its domain (the point is infeasible). */
  static boolean outsideDomain(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof InvalidParameterException) {
        return true;
      }
    }
    return false;
  }
}
