package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;

/**
 * An exact draw x recorded with an implicit reparameterisation gradient (Figurnov, Mohamed and Mnih
 * 2018, "Implicit Reparameterization Gradients"): holding the CDF value u = F(x; theta) fixed,
 * {@code dx/dtheta = -(dF/dtheta)(x; theta) / p(x; theta)}. The backward pass sends {@code outGrad
 * * dx/dtheta_j} into each parameter (parameters broadcast to the shape of the draws).
 */
public final class ImplicitReparam extends Node {
  /** dx/dtheta_j at a draw x, written into d[j]. */
  @FunctionalInterface
  public interface Derivative {
    /** Writes dx/dtheta_j for the draw x with parameters theta. */
    void dx(double x, double[] theta, double[] d);
  }

  private final Node[] theta;
  private final Broadcast.Index[] idx;
  private final Derivative derivative;

  private ImplicitReparam(Tape tape, Tensor draws, Node[] theta, Derivative derivative) {
    super(tape, draws.shape(), true);
    draws.copyInto(out(), 0);
    this.theta = theta;
    this.derivative = derivative;
    this.idx = new Broadcast.Index[theta.length];
    for (int j = 0; j < theta.length; j++) {
      idx[j] = Broadcast.Index.of(theta[j].shape(), draws.shape());
    }
  }

  /**
   * The draws as a tape value whose gradient reaches {@code theta} through {@code derivative}; a
   * constant when no parameter needs a gradient.
   */
  public static Node of(Tensor draws, Derivative derivative, Node... theta) {
    Tape tape = tapeOf(theta[0]);
    for (Node t : theta) {
      tapeOf(theta[0], t);
      Shape.broadcast("implicit reparameterisation", t.shape(), draws.shape());
    }
    if (!needsGrad(theta)) {
      return tape.constant(draws);
    }
    return new ImplicitReparam(tape, draws, theta.clone(), derivative);
  }

  @Override
  protected void backward() {
    int m = theta.length;
    double[][] tv = new double[m][];
    double[][] grads = new double[m][];
    for (int j = 0; j < m; j++) {
      tv[j] = valueOf(theta[j]);
      grads[j] = gradOf(theta[j]);
    }
    double[] g = outGrad();
    double[] x = out();
    double[] t = new double[m];
    double[] d = new double[m];
    for (int k = 0; k < x.length; k++) {
      if (g[k] == 0) {
        continue;
      }
      for (int j = 0; j < m; j++) {
        t[j] = tv[j][idx[j].at(k)];
      }
      derivative.dx(x[k], t, d);
      for (int j = 0; j < m; j++) {
        if (grads[j] != null) {
          grads[j][idx[j].at(k)] += g[k] * d[j];
        }
      }
    }
  }
}
