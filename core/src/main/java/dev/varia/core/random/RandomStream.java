package dev.varia.core.random;

import org.apache.commons.rng.SplittableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A seeded, splittable stream of random numbers (commons-rng's L64_X128_MIX generator, from the LXM
 * family), so that a whole run is reproducible from one seed.
 *
 * <p>Two ways to derive further streams:
 *
 * <ul>
 *   <li>{@link #split()} gives a statistically independent child and advances this stream;
 *   <li>{@link #fork(long)} gives a child determined only by this stream's origin and the key,
 *       without advancing this stream: forking twice with one key gives the same numbers (shared
 *       randomness), with two keys two independent streams. Estimators that run a piece of a
 *       program more than once use it so that seeded runs stay bit-identical.
 * </ul>
 *
 * <p>Not thread-safe: give each thread its own split.
 */
public final class RandomStream {
  private static final RandomSource SOURCE = RandomSource.L64_X128_MIX;

  /** The seed this stream was created from: the origin of its forks. */
  private final long[] origin;

  private final SplittableUniformRandomProvider rng;
  private ZigguratSampler.NormalizedGaussian gaussian;

  private RandomStream(long[] origin) {
    this.origin = origin;
    this.rng = (SplittableUniformRandomProvider) SOURCE.create(origin.clone());
  }

  /** A stream determined by {@code seed}. */
  public static RandomStream seeded(long seed) {
    return new RandomStream(expand(seed, 0x9E3779B97F4A7C15L));
  }

  /** An independent child stream; advances this stream. */
  public RandomStream split() {
    return new RandomStream(
        new long[] {rng.nextLong(), rng.nextLong(), rng.nextLong(), rng.nextLong()});
  }

  /**
   * A child stream determined by this stream's origin and {@code key}; does not advance this
   * stream.
   */
  public RandomStream fork(long key) {
    long[] seed = new long[origin.length];
    long h = mix(key ^ 0xD1B54A32D192ED03L);
    for (int i = 0; i < origin.length; i++) {
      h = mix(h + origin[i] + 0x9E3779B97F4A7C15L * (i + 1));
      seed[i] = h;
    }
    return new RandomStream(seed);
  }

  /**
   * A uniform draw in the open interval (0, 1): the midpoint {@code (k + 1/2) / 2^52} of one of
   * 2^52 equal cells, so neither 0 nor 1 is ever returned and {@code u} and {@code 1 - u} have
   * exactly the same distribution.
   */
  public double uniform() {
    return openUnit(rng.nextLong());
  }

  /**
   * The open-interval uniform for 64 random bits. (With 53 bits, {@code (k + 1/2) / 2^53} would
   * round to exactly 1 for the largest k: {@code 2^53 - 1/2} is not a double.)
   */
  static double openUnit(long bits) {
    return ((bits >>> 12) + 0.5) * 0x1.0p-52;
  }

  /** A standard normal draw. */
  public double normal() {
    if (gaussian == null) {
      gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    }
    return gaussian.sample();
  }

  /** A uniform 64-bit integer. */
  public long nextLong() {
    return rng.nextLong();
  }

  /** A uniform integer in [0, n). */
  public int nextInt(int n) {
    return rng.nextInt(n);
  }

  /** The underlying generator, for commons-rng samplers. */
  public UniformRandomProvider provider() {
    return rng;
  }

  private static long[] expand(long seed, long salt) {
    long[] s = new long[4];
    long h = seed;
    for (int i = 0; i < s.length; i++) {
      h += salt;
      s[i] = mix(h);
    }
    return s;
  }

  /** SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijective 64-bit mixer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
