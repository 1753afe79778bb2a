package dev.varia.core.dist.internal;

import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;

/**
 * A standard density of a location-scale family (location 0, scale 1): its log density, score (d/dz
 * of the log density) and an exact draw. The instances are shared by the families and their half
 * and log variants.
 */
public interface Standard {
  /** log f(z). */
  double logDensity(double z);

  /** d/dz log f(z). */
  double score(double z);

  /** One draw z. */
  double draw(RandomStream rng);

  /** The standard normal. */
  Standard NORMAL =
      new Standard() {
        public double logDensity(double z) {
          return -0.5 * z * z - SpecialFunctions.HALF_LOG_TWO_PI;
        }

        public double score(double z) {
          return -z;
        }

        public double draw(RandomStream rng) {
          return rng.normal();
        }
      };

  /** The standard Cauchy: {@code -log(pi (1 + z^2))}; draws tan(pi (u - 1/2)). */
  Standard CAUCHY =
      new Standard() {
        private final double logPi = Math.log(Math.PI);

        public double logDensity(double z) {
          return -logPi - Math.log1p(z * z);
        }

        public double score(double z) {
          return -2 * z / (1 + z * z);
        }

        public double draw(RandomStream rng) {
          return Math.tan(Math.PI * (rng.uniform() - 0.5));
        }
      };

  /** The standard Laplace: {@code log(1/2) - |z|}; draws by the inverse CDF. */
  Standard LAPLACE =
      new Standard() {
        private final double logHalf = Math.log(0.5);

        public double logDensity(double z) {
          return logHalf - Math.abs(z);
        }

        public double score(double z) {
          return z > 0 ? -1 : (z < 0 ? 1 : 0);
        }

        public double draw(RandomStream rng) {
          double u = rng.uniform();
          return u < 0.5 ? Math.log(2 * u) : -Math.log(2 * (1 - u));
        }
      };

  /** The standard logistic: {@code -z - 2 log(1 + exp(-z))}; draws log(u / (1 - u)). */
  Standard LOGISTIC =
      new Standard() {
        public double logDensity(double z) {
          double a = Math.abs(z); // symmetric: exp never overflows
          return -a - 2 * Math.log1p(Math.exp(-a));
        }

        public double score(double z) {
          return 1 - 2 * SpecialFunctions.sigmoid(z);
        }

        public double draw(RandomStream rng) {
          double u = rng.uniform();
          return Math.log(u) - Math.log1p(-u);
        }
      };
}
