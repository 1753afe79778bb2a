package dev.varia.inference.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A first-order stochastic optimiser: each {@link #step} moves parameter arrays in place along a
 * {@link Gradient}, uphill for an objective and downhill for a loss (the gradient's type says
 * which: there is no step that takes a bare array). Optimisers keep per-parameter state (moments,
 * the number of updates each parameter has had) and a global step count, which drives the
 * learning-rate schedule; {@link #state()} and {@link #restore} move all of it to and from a
 * checkpoint.
 *
 * <p>Optional global-norm clipping (Pascanu, Mikolov and Bengio, ICML 2013) rescales the whole
 * gradient to norm {@code maxNorm} when its Euclidean norm over all parameters exceeds it.
 *
 * <p>A step is all or nothing: a gradient with a NaN or infinite element, a key that is not a
 * parameter or an array of the wrong length is refused with an exception before anything changes,
 * so the parameters keep their last good values.
 *
 * <p>Typical use in a fit loop:
 *
 * <pre>{@code
 * Optimizer adam = Adam.builder(0.01)
 *     .learningRate(LearningRate.warmUp(100, LearningRate.exponentialDecay(0.01, 0.5, 2000)))
 *     .clipGlobalNorm(100)
 *     .build();
 * ParameterArrays params = ParameterArrays.of(paramStore);
 * StepReport r = adam.step(params, Gradient.ofObjective(gradientByKey)); // ascends the ELBO
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public abstract sealed class Optimizer permits Sgd, Adam, AdaGrad, RmsProp, AdviStepSequence {
  private final double clipNorm;
  private final LinkedHashMap<String, Slots> slots = new LinkedHashMap<>();
  private long steps;
  private double[] scratch = new double[0];

  Optimizer(double clipNorm) {
    if (!(clipNorm > 0)) {
      throw new IllegalArgumentException("clipping norm must be positive, got " + clipNorm);
    }
    this.clipNorm = clipNorm;
  }

  /** Per-parameter state: the number of updates the parameter has had and its moment arrays. */
  static final class Slots {
    long count;
    final double[][] arrays;

    Slots(int slotCount, int length) {
      arrays = new double[slotCount][length];
    }

    Slots(long count, double[][] arrays) {
      this.count = count;
      this.arrays = arrays;
    }

    int length() {
      return arrays.length == 0 ? -1 : arrays[0].length;
    }
  }

  /**
   * Takes one step: every parameter named in {@code gradient} moves (in place) uphill if it is an
   * objective's gradient, downhill if a loss's.
   *
   * @throws NonFiniteGradientException if any gradient element is NaN or infinite (nothing moves)
   * @throws IllegalArgumentException if a gradient key is not in {@code params} or lengths differ
   */
  public final StepReport step(ParameterArrays params, Gradient gradient) {
    validate(params, gradient);
    double norm = gradient.globalNorm();
    double factor = norm > clipNorm ? clipNorm / norm : 1.0;
    long t = steps + 1;
    double lr = rate(t);
    for (Map.Entry<String, double[]> e : gradient.arrays().entrySet()) {
      String key = e.getKey();
      double[] x = params.get(key);
      Slots s = slots.computeIfAbsent(key, k -> new Slots(slotNames().size(), x.length));
      if (s.length() >= 0 && s.length() != x.length) {
        throw new IllegalArgumentException(
            "optimiser state for parameter "
                + key
                + " has length "
                + s.length()
                + " but the parameter has length "
                + x.length);
      }
      if (scratch.length < x.length) {
        scratch = new double[x.length];
      }
      gradient.uphill(key, factor, scratch);
      s.count++;
      update(x, scratch, s, t, lr);
    }
    steps = t;
    return new StepReport(t, lr, norm, factor < 1.0);
  }

  private static void validate(ParameterArrays params, Gradient gradient) {
    for (Map.Entry<String, double[]> e : gradient.arrays().entrySet()) {
      String key = e.getKey();
      double[] x = params.get(key);
      if (x == null) {
        throw new IllegalArgumentException(
            "the gradient has an entry for " + key + ", which is not among the parameters");
      }
      double[] g = e.getValue();
      if (g.length != x.length) {
        throw new IllegalArgumentException(
            "gradient of "
                + key
                + " has length "
                + g.length
                + " but the parameter has length "
                + x.length);
      }
      for (int i = 0; i < g.length; i++) {
        if (!Double.isFinite(g[i])) {
          throw new NonFiniteGradientException(key, i, g[i]);
        }
      }
    }
  }

  /** Number of steps taken so far (the schedule position: the next step is {@code steps() + 1}). */
  public final long steps() {
    return steps;
  }

  /** The learning rate the next step will use. */
  public final double nextLearningRate() {
    return rate(steps + 1);
  }

  /** The global-norm clipping threshold ({@code +Infinity} when clipping is off). */
  public final double clipNorm() {
    return clipNorm;
  }

  /** The rate of step t. */
  abstract double rate(long t);

  /** Short name written into checkpoints and checked on restore, e.g. "adam". */
  public abstract String kind();

  /** Names of the per-parameter moment arrays, in the order of {@link Slots#arrays}. */
  abstract List<String> slotNames();

  /**
   * Updates {@code x} in place from {@code a}, the uphill direction (gradient of the objective, or
   * minus the gradient of the loss, already clipped; only its first x.length elements are valid).
   */
  abstract void update(double[] x, double[] a, Slots s, long t, double lr);

  /** A deep copy of the state: step count and every parameter's update count and moments. */
  public final OptimizerState state() {
    LinkedHashMap<String, OptimizerState.ParameterState> m = new LinkedHashMap<>();
    List<String> names = slotNames();
    slots.forEach(
        (key, s) -> {
          LinkedHashMap<String, double[]> arrays = new LinkedHashMap<>();
          for (int i = 0; i < names.size(); i++) {
            arrays.put(names.get(i), s.arrays[i].clone());
          }
          m.put(key, new OptimizerState.ParameterState(s.count, arrays));
        });
    return new OptimizerState(kind(), steps, m);
  }

  /**
   * Replaces this optimiser's state by a copy of {@code state} (settings such as the learning rate
   * are this optimiser's own and may differ from the run that wrote the state).
   *
   * @throws IllegalArgumentException if the state was written by another kind of optimiser or its
   *     moment arrays are not the ones this optimiser keeps (nothing is changed then)
   */
  public final void restore(OptimizerState state) {
    if (!state.kind().equals(kind())) {
      throw new IllegalArgumentException(
          "the optimiser state was written by " + state.kind() + ", this optimiser is " + kind());
    }
    List<String> names = slotNames();
    LinkedHashMap<String, Slots> restored = new LinkedHashMap<>();
    for (Map.Entry<String, OptimizerState.ParameterState> e : state.parameters().entrySet()) {
      String key = e.getKey();
      OptimizerState.ParameterState p = e.getValue();
      if (!p.slots().keySet().equals(new java.util.LinkedHashSet<>(names))) {
        throw new IllegalArgumentException(
            "optimiser state for parameter "
                + key
                + " has moments "
                + p.slots().keySet()
                + ", "
                + kind()
                + " keeps "
                + names);
      }
      double[][] arrays = new double[names.size()][];
      for (int i = 0; i < names.size(); i++) {
        arrays[i] = p.slots().get(names.get(i)).clone();
        if (i > 0 && arrays[i].length != arrays[0].length) {
          throw new IllegalArgumentException(
              "optimiser state for parameter "
                  + key
                  + ": moment "
                  + names.get(i)
                  + " has length "
                  + arrays[i].length
                  + ", moment "
                  + names.get(0)
                  + " has length "
                  + arrays[0].length);
        }
      }
      if (p.count() < 0) {
        throw new IllegalArgumentException(
            "optimiser state for parameter " + key + " has a negative update count");
      }
      restored.put(key, new Slots(p.count(), arrays));
    }
    if (state.steps() < 0) {
      throw new IllegalArgumentException("optimiser state has a negative step count");
    }
    slots.clear();
    slots.putAll(restored);
    steps = state.steps();
  }

  @Override
  public String toString() {
    return kind() + "(" + settings() + ")";
  }

  /** The settings in words, for messages. */
  abstract String settings();

  static String clipText(double clipNorm) {
    return Double.isInfinite(clipNorm) ? "" : ", clip global norm " + clipNorm;
  }

  /**
   * Settings shared by the optimisers with a learning-rate schedule.
   *
   * @param <B> the concrete builder
   */
  public abstract static class Builder<B extends Builder<B>> {
    LearningRate learningRate;
    double clipNorm = Double.POSITIVE_INFINITY;

    Builder(LearningRate learningRate) {
      this.learningRate = learningRate;
    }

    abstract B self();

    /** A constant learning rate. */
    public B learningRate(double rate) {
      this.learningRate = LearningRate.constant(rate);
      return self();
    }

    /** A learning-rate schedule. */
    public B learningRate(LearningRate schedule) {
      this.learningRate = java.util.Objects.requireNonNull(schedule, "schedule");
      return self();
    }

    /** Rescales gradients whose global Euclidean norm exceeds {@code maxNorm} to that norm. */
    public B clipGlobalNorm(double maxNorm) {
      this.clipNorm = maxNorm;
      return self();
    }
  }
}
