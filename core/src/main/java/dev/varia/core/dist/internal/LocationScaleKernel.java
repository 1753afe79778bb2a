package dev.varia.core.dist.internal;

/**
 * The log density of a location-scale family from its standard log density f and score f': with z =
 * (x - loc) / scale, lp = f(z) - log scale, d/dx = f'(z) / scale, d/dloc = -f'(z) / scale and
 * d/dscale = -(z f'(z) + 1) / scale. The half variant (x >= 0, location 0) adds log 2; the log
 * variant applies this to log x and adds the Jacobian -log x.
 */
final class LocationScaleKernel implements ElementwiseKernel {
  private static final double LOG_TWO = Math.log(2);

  private final Standard standard;
  private final LocationScale.Variant variant;

  LocationScaleKernel(Standard standard, LocationScale.Variant variant) {
    this.standard = standard;
    this.variant = variant;
  }

  @Override
  public int arity() {
    return variant == LocationScale.Variant.HALF ? 1 : 2;
  }

  @Override
  public boolean continuous() {
    return true;
  }

  @Override
  public double logDensity(double x, double[] p) {
    switch (variant) {
      case PLAIN:
        return standard.logDensity((x - p[0]) / p[1]) - Math.log(p[1]);
      case HALF:
        if (!(x >= 0)) {
          return Double.NEGATIVE_INFINITY;
        }
        return LOG_TWO + standard.logDensity(x / p[0]) - Math.log(p[0]);
      default:
        if (!(x > 0)) {
          return Double.NEGATIVE_INFINITY;
        }
        double y = Math.log(x);
        return standard.logDensity((y - p[0]) / p[1]) - Math.log(p[1]) - y;
    }
  }

  @Override
  public void gradient(double x, double[] p, double[] d) {
    switch (variant) {
      case PLAIN:
        {
          double z = (x - p[0]) / p[1];
          double fz = standard.score(z) / p[1];
          d[0] = fz;
          d[1] = -fz;
          d[2] = -(z * fz + 1 / p[1]);
          return;
        }
      case HALF:
        {
          if (!(x >= 0)) {
            d[0] = 0;
            d[1] = 0;
            return;
          }
          double z = x / p[0];
          double fz = standard.score(z) / p[0];
          d[0] = fz;
          d[1] = -(z * fz + 1 / p[0]);
          return;
        }
      default:
        {
          if (!(x > 0)) {
            d[0] = 0;
            d[1] = 0;
            d[2] = 0;
            return;
          }
          double z = (Math.log(x) - p[0]) / p[1];
          double fz = standard.score(z) / p[1];
          d[0] = (fz - 1) / x;
          d[1] = -fz;
          d[2] = -(z * fz + 1 / p[1]);
        }
    }
  }
}
