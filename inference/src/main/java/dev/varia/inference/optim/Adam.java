package dev.varia.inference.optim;

import java.util.List;

/**
 * Adam (Kingma and Ba, "Adam: a method for stochastic optimization", ICLR 2015) with bias
 * correction, optionally AMSGrad (Reddi, Kale and Kumar, "On the convergence of Adam and beyond",
 * ICLR 2018). With {@code a} the uphill direction and {@code n} the number of updates this
 * parameter has had: {@code m <- b1 m + (1 - b1) a}, {@code v <- b2 v + (1 - b2) a^2}, {@code x <-
 * x + lr (m / (1 - b1^n)) / (sqrt(v' / (1 - b2^n)) + eps)} with {@code v' = v} (Adam) or the
 * running maximum of v (AMSGrad, as PyTorch does it).
 */
public final class Adam extends Optimizer {
  private final LearningRate learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final boolean amsgrad;

  private Adam(Builder b) {
    super(b.clipNorm);
    Checks.inHalfOpen("beta1", b.beta1, 0, 1);
    Checks.inHalfOpen("beta2", b.beta2, 0, 1);
    Checks.positive("epsilon", b.epsilon);
    this.learningRate = b.learningRate;
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
    this.amsgrad = b.amsgrad;
  }

  /** Adam with a constant rate and the paper's defaults (0.9, 0.999, 1e-8). */
  public static Adam of(double learningRate) {
    return builder(learningRate).build();
  }

  /** Settings, starting from a constant rate and the paper's defaults. */
  public static Builder builder(double learningRate) {
    return new Builder(LearningRate.constant(learningRate));
  }

  @Override
  double rate(long t) {
    return learningRate.at(t);
  }

  @Override
  public String kind() {
    return amsgrad ? "amsgrad" : "adam";
  }

  @Override
  List<String> slotNames() {
    return amsgrad ? List.of("m", "v", "vmax") : List.of("m", "v");
  }

  @Override
  void update(double[] x, double[] a, Slots s, long t, double lr) {
    double[] m = s.arrays[0];
    double[] v = s.arrays[1];
    double[] vmax = amsgrad ? s.arrays[2] : null;
    double c1 = 1 - Math.pow(beta1, s.count);
    double c2 = 1 - Math.pow(beta2, s.count);
    for (int i = 0; i < x.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * a[i];
      v[i] = beta2 * v[i] + (1 - beta2) * a[i] * a[i];
      double vi = v[i];
      if (vmax != null) {
        vmax[i] = Math.max(vmax[i], vi);
        vi = vmax[i];
      }
      x[i] += lr * (m[i] / c1) / (Math.sqrt(vi / c2) + epsilon);
    }
  }

  @Override
  String settings() {
    return "learning rate "
        + learningRate
        + ", beta1 "
        + beta1
        + ", beta2 "
        + beta2
        + ", eps "
        + epsilon
        + clipText(clipNorm());
  }

  /** Settings of {@link Adam}. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private boolean amsgrad;

    Builder(LearningRate lr) {
      super(lr);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Decay of the first moment, in [0, 1). */
    public Builder beta1(double b1) {
      this.beta1 = b1;
      return this;
    }

    /** Decay of the second moment, in [0, 1). */
    public Builder beta2(double b2) {
      this.beta2 = b2;
      return this;
    }

    /** The constant added to the root of the second moment. */
    public Builder epsilon(double eps) {
      this.epsilon = eps;
      return this;
    }

    /** Use the running maximum of the second moment (AMSGrad). */
    public Builder amsgrad(boolean on) {
      this.amsgrad = on;
      return this;
    }

    /** The optimiser. */
    public Adam build() {
      return new Adam(this);
    }
  }
}
