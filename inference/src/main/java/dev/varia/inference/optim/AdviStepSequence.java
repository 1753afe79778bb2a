package dev.varia.inference.optim;

import java.util.List;

/**
 * The adaptive step-size sequence of Stan's ADVI (Kucukelbir, Tran, Ranganath, Gelman and Blei,
 * "Automatic differentiation variational inference", JMLR 18(14), 2017, eq. 10-11): per coordinate,
 * {@code s <- alpha a^2 + (1 - alpha) s} (with {@code s = a^2} at a parameter's first update) and
 * {@code x <- x + eta t^(-1/2 + eps) a / (tau + sqrt(s))}, where {@code a} is the uphill direction
 * and t the step number. Defaults are the paper's and Stan's: {@code alpha = 0.1}, {@code tau = 1},
 * {@code eps = 1e-16}; {@code eta} is chosen by the caller (Stan searches over 100, 10, 1, 0.1,
 * 0.01 in its adaptation phase).
 *
 * <p>{@link #nextLearningRate()} reports the common factor {@code eta t^(-1/2 + eps)}.
 */
public final class AdviStepSequence extends Optimizer {
  private final double eta;
  private final double tau;
  private final double alpha;
  private final double epsilon;

  private AdviStepSequence(Builder b) {
    super(b.clipNorm);
    Checks.positive("eta", b.eta);
    Checks.positive("tau", b.tau);
    Checks.in("alpha", b.alpha, 0, 1);
    Checks.nonNegative("epsilon", b.epsilon);
    if (!(b.epsilon < 0.5)) {
      throw new IllegalArgumentException("epsilon must be below 1/2, got " + b.epsilon);
    }
    this.eta = b.eta;
    this.tau = b.tau;
    this.alpha = b.alpha;
    this.epsilon = b.epsilon;
  }

  /** The sequence with step-size scale {@code eta} and the paper's other settings. */
  public static AdviStepSequence of(double eta) {
    return builder(eta).build();
  }

  /** Settings, starting from the paper's defaults. */
  public static Builder builder(double eta) {
    return new Builder(eta);
  }

  @Override
  double rate(long t) {
    return eta * Math.pow(t, -0.5 + epsilon);
  }

  @Override
  public String kind() {
    return "advi";
  }

  @Override
  List<String> slotNames() {
    return List.of("s");
  }

  @Override
  void update(double[] x, double[] a, Slots s, long t, double lr) {
    double[] sq = s.arrays[0];
    boolean first = s.count == 1;
    for (int i = 0; i < x.length; i++) {
      double a2 = a[i] * a[i];
      sq[i] = first ? a2 : alpha * a2 + (1 - alpha) * sq[i];
      x[i] += lr * a[i] / (tau + Math.sqrt(sq[i]));
    }
  }

  @Override
  String settings() {
    return "eta "
        + eta
        + ", tau "
        + tau
        + ", alpha "
        + alpha
        + ", eps "
        + epsilon
        + clipText(clipNorm());
  }

  /** Settings of {@link AdviStepSequence}. */
  public static final class Builder {
    private final double eta;
    private double tau = 1;
    private double alpha = 0.1;
    private double epsilon = 1e-16;
    private double clipNorm = Double.POSITIVE_INFINITY;

    Builder(double eta) {
      this.eta = eta;
    }

    /** The offset added to the root of s (1 in the paper). */
    public Builder tau(double tau) {
      this.tau = tau;
      return this;
    }

    /** Weight of the newest squared gradient in s (0.1 in the paper). */
    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    /** The exponent offset in {@code t^(-1/2 + eps)} (1e-16 in the paper). */
    public Builder epsilon(double eps) {
      this.epsilon = eps;
      return this;
    }

    /** Rescales gradients whose global Euclidean norm exceeds {@code maxNorm} to that norm. */
    public Builder clipGlobalNorm(double maxNorm) {
      this.clipNorm = maxNorm;
      return this;
    }

    /** The optimiser. */
    public AdviStepSequence build() {
      return new AdviStepSequence(this);
    }
  }
}
