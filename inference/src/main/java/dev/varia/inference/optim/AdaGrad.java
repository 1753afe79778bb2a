package dev.varia.inference.optim;

import java.util.List;

/**
 * AdaGrad (Duchi, Hazan and Singer, "Adaptive subgradient methods for online learning and
 * stochastic optimization", JMLR 2011): {@code G <- G + a^2}, {@code x <- x + lr a / (sqrt(G) +
 * eps)}, with {@code a} the uphill direction and G starting at {@code initialAccumulator}.
 */
public final class AdaGrad extends Optimizer {
  private final LearningRate learningRate;
  private final double epsilon;
  private final double initialAccumulator;

  private AdaGrad(Builder b) {
    super(b.clipNorm);
    Checks.positive("epsilon", b.epsilon);
    Checks.nonNegative("initialAccumulator", b.initialAccumulator);
    this.learningRate = b.learningRate;
    this.epsilon = b.epsilon;
    this.initialAccumulator = b.initialAccumulator;
  }

  /** AdaGrad with a constant rate, eps 1e-10 and G starting at 0. */
  public static AdaGrad of(double learningRate) {
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
    return "adagrad";
  }

  @Override
  List<String> slotNames() {
    return List.of("sumSquares");
  }

  @Override
  void update(double[] x, double[] a, Slots s, long t, double lr) {
    double[] g2 = s.arrays[0];
    if (s.count == 1 && initialAccumulator != 0) {
      java.util.Arrays.fill(g2, initialAccumulator);
    }
    for (int i = 0; i < x.length; i++) {
      g2[i] += a[i] * a[i];
      x[i] += lr * a[i] / (Math.sqrt(g2[i]) + epsilon);
    }
  }

  @Override
  String settings() {
    return "learning rate " + learningRate + ", eps " + epsilon + clipText(clipNorm());
  }

  /** Settings of {@link AdaGrad}. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private double epsilon = 1e-10;
    private double initialAccumulator;

    Builder(LearningRate lr) {
      super(lr);
    }

    @Override
    Builder self() {
      return this;
    }

    /** The constant added to the root of the accumulator. */
    public Builder epsilon(double eps) {
      this.epsilon = eps;
      return this;
    }

    /** The accumulator's starting value (>= 0). */
    public Builder initialAccumulator(double g0) {
      this.initialAccumulator = g0;
      return this;
    }

    /** The optimiser. */
    public AdaGrad build() {
      return new AdaGrad(this);
    }
  }
}
