package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;

/**
 * The fused standardisation {@code (x - loc) / scale}, elementwise with broadcasting: one tape
 * entry and one loop forward and backward where the composition {@code x.sub(loc).div(scale)} takes
 * two of each and an intermediate buffer. The building block of location-scale log densities.
 *
 * <p>Each operand has either the output's size or one element; other broadcasts (a row against a
 * matrix, say) are recorded as the composition. A one-element scale multiplies by its reciprocal,
 * as {@code div} by a scalar does, so the values equal the composition's.
 */
public final class Standardize extends Node {
  private final Node x;
  private final Node loc;
  private final Node scale;

  private Standardize(Tape tape, Shape shape, Node x, Node loc, Node scale) {
    super(tape, shape, needsGrad(x, loc, scale));
    this.x = x;
    this.loc = loc;
    this.scale = scale;
    double[] xv = valueOf(x);
    double[] lv = valueOf(loc);
    double[] sv = valueOf(scale);
    double[] y = out();
    int n = y.length;
    if (sv.length == 1 && n > 1) {
      double inv = 1.0 / sv[0];
      if (xv.length == n && lv.length == 1) {
        double l = lv[0];
        for (int i = 0; i < n; i++) {
          y[i] = (xv[i] - l) * inv;
        }
      } else if (xv.length == n) {
        for (int i = 0; i < n; i++) {
          y[i] = (xv[i] - lv[i]) * inv;
        }
      } else {
        double xi = xv[0];
        for (int i = 0; i < n; i++) {
          y[i] = (xi - lv[i]) * inv;
        }
      }
    } else {
      int xs = stride(xv, n);
      int ls = stride(lv, n);
      int ss = stride(sv, n);
      for (int i = 0; i < n; i++) {
        y[i] = (xv[i * xs] - lv[i * ls]) / sv[i * ss];
      }
    }
  }

  private static int stride(double[] v, int n) {
    return v.length == n ? 1 : 0;
  }

  /** Records {@code (x - loc) / scale}. */
  public static Node of(Node x, Node loc, Node scale) {
    Tape tape = Nodes.tape(x, loc, scale);
    Shape shape =
        Shape.broadcast(
            "standardize", Shape.broadcast("standardize", x.shape(), loc.shape()), scale.shape());
    int n = shape.size();
    if (fits(x, n) && fits(loc, n) && fits(scale, n)) {
      return new Standardize(tape, shape, x, loc, scale);
    }
    return x.sub(loc).div(scale);
  }

  private static boolean fits(Node a, int n) {
    return a.size() == n || a.size() == 1;
  }

  @Override
  protected void backward() {
    double[] g = outGrad();
    double[] y = out();
    double[] sv = valueOf(scale);
    int n = g.length;
    if (sv.length == 1 && n > 1) {
      double inv = 1.0 / sv[0];
      // d/dx = 1 / scale, d/dloc = -1 / scale, d/dscale = -y / scale
      spread(x, g, inv);
      if (valueOf(loc).length == 1) {
        double[] gl = gradOf(loc);
        double[] gs = gradOf(scale);
        if (gl != null && gs != null) {
          // both sums in one pass over g and y, eight accumulators each
          int i = 0;
          double a0 = 0;
          double a1 = 0;
          double a2 = 0;
          double a3 = 0;
          double a4 = 0;
          double a5 = 0;
          double a6 = 0;
          double a7 = 0;
          double b0 = 0;
          double b1 = 0;
          double b2 = 0;
          double b3 = 0;
          double b4 = 0;
          double b5 = 0;
          double b6 = 0;
          double b7 = 0;
          for (; i + 7 < n; i += 8) {
            a0 += g[i];
            a1 += g[i + 1];
            a2 += g[i + 2];
            a3 += g[i + 3];
            a4 += g[i + 4];
            a5 += g[i + 5];
            a6 += g[i + 6];
            a7 += g[i + 7];
            b0 += g[i] * y[i];
            b1 += g[i + 1] * y[i + 1];
            b2 += g[i + 2] * y[i + 2];
            b3 += g[i + 3] * y[i + 3];
            b4 += g[i + 4] * y[i + 4];
            b5 += g[i + 5] * y[i + 5];
            b6 += g[i + 6] * y[i + 6];
            b7 += g[i + 7] * y[i + 7];
          }
          for (; i < n; i++) {
            a0 += g[i];
            b0 += g[i] * y[i];
          }
          gl[0] -= (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))) * inv;
          gs[0] -= (((b0 + b1) + (b2 + b3)) + ((b4 + b5) + (b6 + b7))) * inv;
        } else if (gl != null) {
          gl[0] -= VectorKernels.sum(g, n) * inv;
        } else if (gs != null) {
          gs[0] -= VectorKernels.dot(g, y, n) * inv;
        }
        return;
      }
      spread(loc, g, -inv);
      double[] gs = gradOf(scale);
      if (gs != null) {
        gs[0] -= VectorKernels.dot(g, y, n) * inv;
      }
      return;
    }
    double[] gx = gradOf(x);
    double[] gl = gradOf(loc);
    double[] gs = gradOf(scale);
    int xs = stride(valueOf(x), n);
    int ls = stride(valueOf(loc), n);
    int ss = stride(sv, n);
    for (int i = 0; i < n; i++) {
      double gi = g[i] / sv[i * ss];
      if (gx != null) {
        gx[i * xs] += gi;
      }
      if (gl != null) {
        gl[i * ls] -= gi;
      }
      if (gs != null) {
        gs[i * ss] -= gi * y[i];
      }
    }
  }

  /** Adds {@code g * f} into the gradient of {@code a} (summed if a is a scalar). */
  private static void spread(Node a, double[] g, double f) {
    int n = g.length;
    if (valueOf(a).length == 1) {
      double[] ga = gradOf(a);
      if (ga != null) {
        ga[0] += VectorKernels.sum(g, n) * f;
      }
      return;
    }
    double[] ga = gradToOverwrite(a);
    if (ga != null) {
      for (int i = 0; i < n; i++) {
        ga[i] = g[i] * f;
      }
      return;
    }
    ga = gradOf(a);
    if (ga != null) {
      for (int i = 0; i < n; i++) {
        ga[i] += g[i] * f;
      }
    }
  }
}
