package dev.varia.inference.optim;

import java.util.List;

/**
 * RMSProp (Tieleman and Hinton, Coursera lecture 6.5, 2012): {@code v <- rho v + (1 - rho) a^2},
 * {@code x <- x + lr a / (sqrt(v) + eps)}, with {@code a} the uphill direction and v starting at 0
 * (PyTorch's convention; rho defaults to 0.99 as there).
 */
public final class RmsProp extends Optimizer {
  private final LearningRate learningRate;
  private final double rho;
  private final double epsilon;

  private RmsProp(Builder b) {
    super(b.clipNorm);
    Checks.inHalfOpen("rho", b.rho, 0, 1);
    Checks.positive("epsilon", b.epsilon);
    this.learningRate = b.learningRate;
    this.rho = b.rho;
    this.epsilon = b.epsilon;
  }

  /** RMSProp with a constant rate, rho 0.99 and eps 1e-8. */
  public static RmsProp of(double learningRate) {
    return builder(learningRate).build();
  }

  /** Settings, starting from a constant rate. */
  public static Builder builder(double learningRate) {
    return new Builder(LearningRate.constant(learningRate));
  }

  @Override
  double rate(long t) {
    return learningRate.at(t);
  }

  @Override
  public String kind() {
    return "rmsprop";
  }

  @Override
  List<String> slotNames() {
    return List.of("meanSquare");
  }

  @Override
  void update(double[] x, double[] a, Slots s, long t, double lr) {
    double[] v = s.arrays[0];
    for (int i = 0; i < x.length; i++) {
      v[i] = rho * v[i] + (1 - rho) * a[i] * a[i];
      x[i] += lr * a[i] / (Math.sqrt(v[i]) + epsilon);
    }
  }

  @Override
  String settings() {
    return "learning rate "
        + learningRate
        + ", rho "
        + rho
        + ", eps "
        + epsilon
        + clipText(clipNorm());
  }

  /** Settings of {@link RmsProp}. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private double rho = 0.99;
    private double epsilon = 1e-8;

    Builder(LearningRate lr) {
      super(lr);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Decay of the mean square, in [0, 1). */
    public Builder rho(double r) {
      this.rho = r;
      return this;
    }

    /** The constant added to the root mean square. */
    public Builder epsilon(double eps) {
      this.epsilon = eps;
      return this;
    }

    /** The optimiser. */
    public RmsProp build() {
      return new RmsProp(this);
    }
  }
}
