package dev.varia.inference.checkpoint;

import dev.varia.core.random.RandomStream;
import java.util.Arrays;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/**
 * Where a seeded {@link RandomStream} stands: the seed it was created from ({@link
 * RandomStream#seeded}) and, optionally, the generator's internal state, so a resumed run draws
 * exactly the numbers an uninterrupted run would have drawn. Forks depend only on the seed, so they
 * agree too. A fit loop that derives each step's randomness from the seed and the step number needs
 * only the seed.
 *
 * @param seed the seed of the stream
 * @param generatorState the generator state (commons-rng's saved state), or null for "seed only"
 */
public record RngState(long seed, byte[] generatorState) {
  /** Copies the state bytes. */
  public RngState {
    generatorState = generatorState == null ? null : generatorState.clone();
  }

  /** Only the seed: {@link #restore()} gives a fresh {@code RandomStream.seeded(seed)}. */
  public static RngState seedOnly(long seed) {
    return new RngState(seed, null);
  }

  /**
   * The position of {@code stream}, which must have been made by {@code RandomStream.seeded(seed)}.
   *
   * @throws IllegalArgumentException if the stream's forks show it was made from another seed, or
   *     its generator cannot save its state
   */
  public static RngState capture(long seed, RandomStream stream) {
    // forks depend only on the origin: a stream from another seed forks differently
    long probe = 0x5EED_C0DE_CAFEL;
    if (stream.fork(probe).nextLong() != RandomStream.seeded(seed).fork(probe).nextLong()) {
      throw new IllegalArgumentException("the random stream was not made by seeded(" + seed + ")");
    }
    if (!(stream.provider() instanceof RestorableUniformRandomProvider r)) {
      throw new IllegalArgumentException("the random stream's generator cannot save its state");
    }
    return new RngState(seed, ((RandomProviderDefaultState) r.saveState()).getState());
  }

  /** A stream positioned where the captured one was (or a fresh seeded stream, for seed only). */
  public RandomStream restore() {
    RandomStream s = RandomStream.seeded(seed);
    if (generatorState != null) {
      RestorableUniformRandomProvider r = (RestorableUniformRandomProvider) s.provider();
      try {
        r.restoreState(new RandomProviderDefaultState(generatorState));
      } catch (IllegalArgumentException e) {
        throw new CheckpointException(
            "the saved random-number generator state does not fit this generator: "
                + e.getMessage(),
            e);
      }
    }
    return s;
  }

  @Override
  public byte[] generatorState() {
    return generatorState == null ? null : generatorState.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RngState r
        && r.seed == seed
        && Arrays.equals(r.generatorState, generatorState);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seed) * 31 + Arrays.hashCode(generatorState);
  }

  @Override
  public String toString() {
    return "RngState[seed=" + seed + (generatorState == null ? ", seed only]" : "]");
  }
}
