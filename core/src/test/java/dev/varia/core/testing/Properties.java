package dev.varia.core.testing;

import dev.varia.core.random.RandomStream;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Seeded property tests without a framework: draws {@code cases} inputs from a generator fed by a
 * {@link RandomStream} and checks a property on each, reporting the seed, the case and the input of
 * the first failure so it can be replayed.
 */
public final class Properties {
  private Properties() {}

  /**
   * Checks {@code property} on {@code cases} inputs drawn by {@code generator}; case i uses the
   * stream {@code RandomStream.seeded(seed).fork(i)}, so any case replays on its own.
   */
  public static <T> void forAll(
      long seed, int cases, Function<RandomStream, T> generator, Consumer<T> property) {
    RandomStream root = RandomStream.seeded(seed);
    for (int i = 0; i < cases; i++) {
      T input = generator.apply(root.fork(i));
      try {
        property.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "property failed for seed "
                + seed
                + ", case "
                + i
                + " (replay with"
                + " RandomStream.seeded("
                + seed
                + ").fork("
                + i
                + ")), input: "
                + input
                + "\n  "
                + e.getMessage(),
            e);
      }
    }
  }
}
