package dev.varia.inference.optim;

import java.util.List;

/**
 * Stochastic gradient ascent/descent with optional heavy-ball momentum (Polyak 1964) or Nesterov
 * momentum (Sutskever, Martens, Dahl and Hinton, ICML 2013), in the form PyTorch uses: with {@code
 * a} the uphill direction, {@code v <- mu v + a}, then {@code x <- x + lr v} (heavy ball) or {@code
 * x <- x + lr (a + mu v)} (Nesterov). With {@code mu = 0} it is plain SGD and keeps no state.
 */
public final class Sgd extends Optimizer {
  private final LearningRate learningRate;
  private final double momentum;
  private final boolean nesterov;

  private Sgd(Builder b) {
    super(b.clipNorm);
    Checks.inHalfOpen("momentum", b.momentum, 0, 1);
    if (b.nesterov && b.momentum == 0) {
      throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
    }
    this.learningRate = b.learningRate;
    this.momentum = b.momentum;
    this.nesterov = b.nesterov;
  }

  /** Plain SGD with a constant rate. */
  public static Sgd of(double learningRate) {
    return builder(learningRate).build();
  }

  /** Settings, starting from a constant rate, no momentum and no clipping. */
  public static Builder builder(double learningRate) {
    return new Builder(LearningRate.constant(learningRate));
  }

  @Override
  double rate(long t) {
    return learningRate.at(t);
  }

  @Override
  public String kind() {
    return momentum == 0 ? "sgd" : "sgd-momentum";
  }

  @Override
  List<String> slotNames() {
    return momentum == 0 ? List.of() : List.of("velocity");
  }

  @Override
  void update(double[] x, double[] a, Slots s, long t, double lr) {
    if (momentum == 0) {
      for (int i = 0; i < x.length; i++) {
        x[i] += lr * a[i];
      }
      return;
    }
    double[] v = s.arrays[0];
    for (int i = 0; i < x.length; i++) {
      v[i] = momentum * v[i] + a[i];
      x[i] += lr * (nesterov ? a[i] + momentum * v[i] : v[i]);
    }
  }

  @Override
  String settings() {
    return "learning rate "
        + learningRate
        + ", momentum "
        + momentum
        + (nesterov ? " (Nesterov)" : "")
        + clipText(clipNorm());
  }

  /** Settings of {@link Sgd}. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private double momentum;
    private boolean nesterov;

    Builder(LearningRate lr) {
      super(lr);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Heavy-ball momentum coefficient in [0, 1). */
    public Builder momentum(double mu) {
      this.momentum = mu;
      return this;
    }

    /** Nesterov momentum with coefficient {@code mu} in (0, 1). */
    public Builder nesterov(double mu) {
      this.momentum = mu;
      this.nesterov = true;
      return this;
    }

    /** The optimiser. */
    public Sgd build() {
      return new Sgd(this);
    }
  }
}
