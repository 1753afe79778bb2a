package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;

/**
 * One tape node for the log density of a whole batch of a univariate distribution: per element
 * (shape of x broadcast with the parameters) or fused into their sum (a scalar). The forward pass
 * is one loop of the kernel, the backward pass one loop adding into the gradients of x (continuous
 * distributions only) and of each parameter that needs one.
 *
 * <p>Operands that are neither full-size nor scalar (a row vector against a matrix) are expanded to
 * full size first, and their gradients reduced back, so kernels only see strides 0 and 1.
 */
public final class ElementwiseLogDensity extends Node {
  private final ElementwiseKernel kernel;
  private final Node[] in;
  private final double[][] v;
  private final int[] s;
  private final Broadcast.Index[] expandedIndex;
  private final int n;
  private final boolean sum;

  /** Sufficient statistics of a fused sum with shared parameters, or null. */
  private final double[] stats;

  private ElementwiseLogDensity(
      Tape tape,
      Shape shape,
      boolean requiresGrad,
      ElementwiseKernel kernel,
      Node[] in,
      Shape full,
      boolean sum) {
    super(tape, shape, requiresGrad);
    this.kernel = kernel;
    this.in = in;
    this.sum = sum;
    this.n = full.size();
    this.v = new double[in.length][];
    this.s = new int[in.length];
    this.expandedIndex = new Broadcast.Index[in.length];
    for (int j = 0; j < in.length; j++) {
      Broadcast.Index idx = Broadcast.Index.of(in[j].shape(), full);
      double[] val = valueOf(in[j]);
      if (idx.isIdentity()) {
        v[j] = val;
        s[j] = 1;
      } else if (idx.isScalar()) {
        v[j] = val;
        s[j] = 0;
      } else {
        v[j] = Broadcast.expand(val, idx, n);
        s[j] = 1;
        expandedIndex[j] = idx;
      }
    }
    if (sum && requiresGrad && kernel.statistics() > 0 && usesStatistics(in, s)) {
      stats = new double[kernel.statistics()];
      out()[0] = kernel.forwardStatistics(v, n, stats);
    } else {
      stats = null;
      double total = kernel.forward(v, s, n, sum ? null : out());
      if (sum) {
        out()[0] = total;
      }
    }
  }

  /** Constant data of stride 1 and parameters shared by all elements. */
  private static boolean usesStatistics(Node[] in, int[] s) {
    if (s[0] != 1 || in[0].requiresGrad()) {
      return false;
    }
    for (int j = 1; j < s.length; j++) {
      if (s[j] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The log density of {@code x} per element (x broadcast with the parameters). */
  public static Node perElement(String dist, ElementwiseKernel kernel, Node x, Node... params) {
    return of(dist, kernel, x, params, false);
  }

  /** The total log density of {@code x}, a scalar. */
  public static Node sum(String dist, ElementwiseKernel kernel, Node x, Node... params) {
    return of(dist, kernel, x, params, true);
  }

  private static Node of(
      String dist, ElementwiseKernel kernel, Node x, Node[] params, boolean sum) {
    Node[] in = new Node[params.length + 1];
    in[0] = x;
    System.arraycopy(params, 0, in, 1, params.length);
    Tape tape = tapeOf(x);
    Shape full = x.shape();
    for (Node p : params) {
      tapeOf(x, p);
      full = Broadcast.valueShape(dist, full, p.shape());
    }
    boolean requiresGrad = params.length > 0 && needsGrad(params);
    if (kernel.continuous() && needsGrad(x)) {
      requiresGrad = true;
    }
    return new ElementwiseLogDensity(
        tape, sum ? Shape.SCALAR : full, requiresGrad, kernel, in, full, sum);
  }

  @Override
  protected void backward() {
    double[][] grads = new double[in.length][];
    boolean any = false;
    for (int j = 0; j < in.length; j++) {
      double[] gj = gradOf(in[j]);
      if (gj == null || (j == 0 && !kernel.continuous())) {
        continue;
      }
      grads[j] = expandedIndex[j] != null ? new double[n] : gj;
      any = true;
    }
    if (!any) {
      return;
    }
    if (stats != null) {
      kernel.backwardStatistics(v, n, outGrad()[0], stats, grads);
      return;
    }
    kernel.backward(v, s, n, outGrad(), sum ? 0 : 1, grads);
    for (int j = 0; j < in.length; j++) {
      if (grads[j] != null && expandedIndex[j] != null) {
        Broadcast.reduceInto(grads[j], expandedIndex[j], gradOf(in[j]));
      }
    }
  }
}
