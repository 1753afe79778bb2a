package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.math.SpecialFunctions;

/**
 * Elementwise functions of one tensor. Each function has its own forward and backward loop (the
 * switch is outside the loops so the JIT compiles tight code per function).
 */
public final class Unary extends Node {
  /** The elementwise functions. */
  public enum Op {
    NEG,
    SQUARE,
    SQRT,
    EXP,
    LOG,
    LOG1P,
    EXPM1,
    ABS,
    SIN,
    COS,
    TANH,
    SIGMOID,
    LOG_SIGMOID,
    SOFTPLUS,
    RELU,
    LEAKY_RELU,
    LGAMMA,
    DIGAMMA,
    NORMAL_CDF,
    NORMAL_LOG_CDF
  }

  private final Op op;
  private final Node x;
  private final double param;

  /**
   * The derivative dy/dx saved by the forward pass when it comes almost free with the value
   * (softplus, log-sigmoid: one shared exp), else null.
   */
  private final double[] derivative;

  private Unary(Tape tape, Op op, Node x, double param) {
    super(tape, x.shape(), needsGrad(x));
    this.op = op;
    this.x = x;
    this.param = param;
    if (requiresGrad() && (op == Op.SOFTPLUS || op == Op.LOG_SIGMOID)) {
      derivative = scratch();
      forwardWithDerivative(op, valueOf(x), out(), derivative);
    } else {
      derivative = null;
      forward(op, valueOf(x), out(), param);
    }
  }

  /**
   * Softplus and log-sigmoid with their derivatives from one exp per element: the same values, bit
   * for bit, as {@link SpecialFunctions#log1pExp}, {@link SpecialFunctions#logSigmoid} and {@link
   * SpecialFunctions#sigmoid}, which evaluate the same expressions.
   */
  private static void forwardWithDerivative(Op op, double[] x, double[] y, double[] d) {
    int n = y.length;
    // log1pExp(u) and sigmoid(u) share exp(-|u|): u > 0 gives u + log1p(e) and 1 / (1 + e),
    // otherwise log1p(e) and e / (1 + e), with e = exp(-|u|).
    if (op == Op.SOFTPLUS) {
      for (int i = 0; i < n; i++) {
        double u = x[i];
        if (u > 0) {
          double e = Math.exp(-u);
          y[i] = u + Math.log1p(e);
          d[i] = 1 / (1 + e);
        } else {
          double e = Math.exp(u);
          y[i] = Math.log1p(e);
          d[i] = e / (1 + e);
        }
      }
    } else {
      // log sigmoid(x) = -log1pExp(-x), derivative sigmoid(-x)
      for (int i = 0; i < n; i++) {
        double u = -x[i];
        if (u > 0) {
          double e = Math.exp(-u);
          y[i] = -(u + Math.log1p(e));
          d[i] = 1 / (1 + e);
        } else {
          double e = Math.exp(u);
          y[i] = -Math.log1p(e);
          d[i] = e / (1 + e);
        }
      }
    }
  }

  /** Records {@code op(x)}. */
  public static Node of(Op op, Node x) {
    if (op == Op.LEAKY_RELU) {
      throw new IllegalArgumentException("use leakyRelu(x, slope)");
    }
    return new Unary(tapeOf(x), op, x, 0.0);
  }

  /** Records leaky ReLU with the given negative-side slope. */
  public static Node leakyRelu(Node x, double slope) {
    return new Unary(tapeOf(x), Op.LEAKY_RELU, x, slope);
  }

  private static void forward(Op op, double[] x, double[] y, double p) {
    int n = y.length;
    switch (op) {
      case NEG:
        for (int i = 0; i < n; i++) {
          y[i] = -x[i];
        }
        break;
      case SQUARE:
        for (int i = 0; i < n; i++) {
          y[i] = x[i] * x[i];
        }
        break;
      case SQRT:
        for (int i = 0; i < n; i++) {
          y[i] = Math.sqrt(x[i]);
        }
        break;
      case EXP:
        for (int i = 0; i < n; i++) {
          y[i] = Math.exp(x[i]);
        }
        break;
      case LOG:
        for (int i = 0; i < n; i++) {
          y[i] = Math.log(x[i]);
        }
        break;
      case LOG1P:
        for (int i = 0; i < n; i++) {
          y[i] = Math.log1p(x[i]);
        }
        break;
      case EXPM1:
        for (int i = 0; i < n; i++) {
          y[i] = Math.expm1(x[i]);
        }
        break;
      case ABS:
        for (int i = 0; i < n; i++) {
          y[i] = Math.abs(x[i]);
        }
        break;
      case SIN:
        for (int i = 0; i < n; i++) {
          y[i] = Math.sin(x[i]);
        }
        break;
      case COS:
        for (int i = 0; i < n; i++) {
          y[i] = Math.cos(x[i]);
        }
        break;
      case TANH:
        for (int i = 0; i < n; i++) {
          y[i] = Math.tanh(x[i]);
        }
        break;
      case SIGMOID:
        for (int i = 0; i < n; i++) {
          y[i] = SpecialFunctions.sigmoid(x[i]);
        }
        break;
      case LOG_SIGMOID:
        for (int i = 0; i < n; i++) {
          y[i] = SpecialFunctions.logSigmoid(x[i]);
        }
        break;
      case SOFTPLUS:
        for (int i = 0; i < n; i++) {
          y[i] = SpecialFunctions.log1pExp(x[i]);
        }
        break;
      case RELU:
        for (int i = 0; i < n; i++) {
          y[i] = !(x[i] <= 0) ? x[i] : 0.0; // NaN stays NaN
        }
        break;
      case LEAKY_RELU:
        for (int i = 0; i < n; i++) {
          y[i] = x[i] > 0 ? x[i] : p * x[i];
        }
        break;
      case LGAMMA:
        for (int i = 0; i < n; i++) {
          y[i] = SpecialFunctions.lgamma(x[i]);
        }
        break;
      case DIGAMMA:
        for (int i = 0; i < n; i++) {
          y[i] = SpecialFunctions.digamma(x[i]);
        }
        break;
      case NORMAL_CDF:
        for (int i = 0; i < n; i++) {
          y[i] = SpecialFunctions.normalCdf(x[i]);
        }
        break;
      case NORMAL_LOG_CDF:
        for (int i = 0; i < n; i++) {
          y[i] = SpecialFunctions.normalLogCdf(x[i]);
        }
        break;
      default:
        throw new AssertionError(op);
    }
  }

  @Override
  protected void backward() {
    double[] g = outGrad();
    double[] xv = valueOf(x);
    double[] y = out();
    double[] gx = gradToOverwrite(x);
    if (gx != null) {
      if (assign(gx, g, xv, y)) {
        return;
      }
      java.util.Arrays.fill(gx, 0.0);
    } else {
      gx = gradOf(x);
      if (gx == null) {
        return;
      }
    }
    int n = g.length;
    if (derivative != null) {
      double[] d = derivative;
      for (int i = 0; i < n; i++) {
        gx[i] += g[i] * d[i];
      }
      return;
    }
    switch (op) {
      case NEG:
        for (int i = 0; i < n; i++) {
          gx[i] -= g[i];
        }
        break;
      case SQUARE:
        for (int i = 0; i < n; i++) {
          gx[i] += 2 * xv[i] * g[i];
        }
        break;
      case SQRT:
        for (int i = 0; i < n; i++) {
          gx[i] += 0.5 * g[i] / y[i];
        }
        break;
      case EXP:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * y[i];
        }
        break;
      case LOG:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] / xv[i];
        }
        break;
      case LOG1P:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] / (1 + xv[i]);
        }
        break;
      case EXPM1:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * (y[i] + 1);
        }
        break;
      case ABS:
        for (int i = 0; i < n; i++) {
          gx[i] += xv[i] > 0 ? g[i] : (xv[i] < 0 ? -g[i] : 0.0);
        }
        break;
      case SIN:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * Math.cos(xv[i]);
        }
        break;
      case COS:
        for (int i = 0; i < n; i++) {
          gx[i] -= g[i] * Math.sin(xv[i]);
        }
        break;
      case TANH:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * (1 - y[i] * y[i]);
        }
        break;
      case SIGMOID:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * y[i] * (1 - y[i]);
        }
        break;
      case LOG_SIGMOID:
        // d/dx log sigmoid(x) = sigmoid(-x)
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * SpecialFunctions.sigmoid(-xv[i]);
        }
        break;
      case SOFTPLUS:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * SpecialFunctions.sigmoid(xv[i]);
        }
        break;
      case RELU:
        for (int i = 0; i < n; i++) {
          if (xv[i] > 0) {
            gx[i] += g[i];
          }
        }
        break;
      case LEAKY_RELU:
        for (int i = 0; i < n; i++) {
          gx[i] += xv[i] > 0 ? g[i] : param * g[i];
        }
        break;
      case LGAMMA:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * SpecialFunctions.digamma(xv[i]);
        }
        break;
      case DIGAMMA:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * SpecialFunctions.trigamma(xv[i]);
        }
        break;
      case NORMAL_CDF:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * SpecialFunctions.normalPdf(xv[i]);
        }
        break;
      case NORMAL_LOG_CDF:
        for (int i = 0; i < n; i++) {
          gx[i] += g[i] * SpecialFunctions.normalLogCdfDerivative(xv[i]);
        }
        break;
      default:
        throw new AssertionError(op);
    }
  }

  /**
   * Writes the contribution {@code g * dy/dx} into an untouched gradient buffer for the common
   * functions (same values as adding it into zeros); false for the others.
   */
  private boolean assign(double[] gx, double[] g, double[] xv, double[] y) {
    int n = g.length;
    if (derivative != null) {
      double[] d = derivative;
      for (int i = 0; i < n; i++) {
        gx[i] = g[i] * d[i];
      }
      return true;
    }
    switch (op) {
      case NEG:
        for (int i = 0; i < n; i++) {
          gx[i] = -g[i];
        }
        return true;
      case SQUARE:
        for (int i = 0; i < n; i++) {
          gx[i] = 2 * xv[i] * g[i];
        }
        return true;
      case EXP:
        for (int i = 0; i < n; i++) {
          gx[i] = g[i] * y[i];
        }
        return true;
      case LOG:
        for (int i = 0; i < n; i++) {
          gx[i] = g[i] / xv[i];
        }
        return true;
      case TANH:
        for (int i = 0; i < n; i++) {
          gx[i] = g[i] * (1 - y[i] * y[i]);
        }
        return true;
      case SIGMOID:
        for (int i = 0; i < n; i++) {
          gx[i] = g[i] * y[i] * (1 - y[i]);
        }
        return true;
      default:
        return false;
    }
  }
}
