package dev.varia.inference.optim;

/**
 * A learning-rate schedule: the rate {@link #at(long) at(t)} used by the t-th optimiser step (t =
 * 1, 2, ...). Schedules are pure functions of t, so an optimiser's step count is all the "schedule
 * position" a checkpoint needs. Every schedule here uses the rate it was given as its first rate:
 * {@code at(1) == initial}.
 *
 * <p>The per-coordinate step-size sequence of Stan's ADVI depends on the gradients, not only on t,
 * and is therefore an optimiser: {@link AdviStepSequence}.
 */
public sealed interface LearningRate
    permits LearningRate.Constant,
        LearningRate.ExponentialDecay,
        LearningRate.StepDecay,
        LearningRate.InverseTime,
        LearningRate.Cosine,
        LearningRate.WarmUp {

  /** The rate for step {@code t} (t >= 1). */
  double at(long t);

  /** The same rate at every step. */
  static LearningRate constant(double rate) {
    return new Constant(rate);
  }

  /**
   * {@code initial * decay^((t - 1) / decaySteps)}: multiplied by {@code decay} every {@code
   * decaySteps} steps, smoothly.
   */
  static LearningRate exponentialDecay(double initial, double decay, double decaySteps) {
    return new ExponentialDecay(initial, decay, decaySteps);
  }

  /** {@code initial * factor^floor((t - 1) / every)}: multiplied by {@code factor} in stairs. */
  static LearningRate stepDecay(double initial, double factor, long every) {
    return new StepDecay(initial, factor, every);
  }

  /**
   * The Robbins–Monro sequence {@code initial / (1 + (t - 1) / tau)^kappa}; with {@code 0.5 < kappa
   * <= 1} the rates satisfy the Robbins–Monro conditions (sum infinite, sum of squares finite;
   * Robbins and Monro 1951).
   */
  static LearningRate inverseTime(double initial, double tau, double kappa) {
    return new InverseTime(initial, tau, kappa);
  }

  /**
   * Cosine annealing (Loshchilov and Hutter, "SGDR", ICLR 2017) from {@code initial} at step 1 to
   * {@code minimum} at step {@code totalSteps + 1}, constant at {@code minimum} afterwards: {@code
   * minimum + (initial - minimum) (1 + cos(pi (t - 1) / totalSteps)) / 2}.
   */
  static LearningRate cosine(double initial, double minimum, long totalSteps) {
    return new Cosine(initial, minimum, totalSteps);
  }

  /**
   * A linear warm-up over the first {@code warmUpSteps} steps, rising to {@code then.at(1)} ({@code
   * t / warmUpSteps * then.at(1)}), followed by {@code then} started afresh ({@code then.at(t -
   * warmUpSteps)}).
   */
  static LearningRate warmUp(long warmUpSteps, LearningRate then) {
    return new WarmUp(warmUpSteps, then);
  }

  /** See {@link LearningRate#constant}. */
  record Constant(double rate) implements LearningRate {
    /** Checks the rate. */
    public Constant {
      Checks.positive("rate", rate);
    }

    @Override
    public double at(long t) {
      return rate;
    }
  }

  /** See {@link LearningRate#exponentialDecay}. */
  record ExponentialDecay(double initial, double decay, double decaySteps) implements LearningRate {
    /** Checks the arguments. */
    public ExponentialDecay {
      Checks.positive("initial", initial);
      Checks.in("decay", decay, 0, 1);
      Checks.positive("decaySteps", decaySteps);
    }

    @Override
    public double at(long t) {
      return initial * Math.pow(decay, (t - 1) / decaySteps);
    }
  }

  /** See {@link LearningRate#stepDecay}. */
  record StepDecay(double initial, double factor, long every) implements LearningRate {
    /** Checks the arguments. */
    public StepDecay {
      Checks.positive("initial", initial);
      Checks.in("factor", factor, 0, 1);
      Checks.positive("every", every);
    }

    @Override
    public double at(long t) {
      return initial * Math.pow(factor, (double) ((t - 1) / every));
    }
  }

  /** See {@link LearningRate#inverseTime}. */
  record InverseTime(double initial, double tau, double kappa) implements LearningRate {
    /** Checks the arguments. */
    public InverseTime {
      Checks.positive("initial", initial);
      Checks.positive("tau", tau);
      Checks.positive("kappa", kappa);
    }

    @Override
    public double at(long t) {
      return initial / Math.pow(1 + (t - 1) / tau, kappa);
    }
  }

  /** See {@link LearningRate#cosine}. */
  record Cosine(double initial, double minimum, long totalSteps) implements LearningRate {
    /** Checks the arguments. */
    public Cosine {
      Checks.positive("initial", initial);
      if (!(minimum >= 0 && minimum <= initial)) {
        throw new IllegalArgumentException(
            "minimum must be in [0, initial], got " + minimum + " with initial " + initial);
      }
      Checks.positive("totalSteps", totalSteps);
    }

    @Override
    public double at(long t) {
      double progress = Math.min(t - 1, totalSteps) / (double) totalSteps;
      return minimum + (initial - minimum) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }

  /** See {@link LearningRate#warmUp}. */
  record WarmUp(long warmUpSteps, LearningRate then) implements LearningRate {
    /** Checks the arguments. */
    public WarmUp {
      Checks.positive("warmUpSteps", warmUpSteps);
      java.util.Objects.requireNonNull(then, "then");
    }

    @Override
    public double at(long t) {
      return t <= warmUpSteps ? then.at(1) * t / warmUpSteps : then.at(t - warmUpSteps);
    }
  }
}
