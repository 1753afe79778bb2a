package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.exec.PlateSite;
import dev.varia.core.random.RandomStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The minibatches of one estimate: the first use of a subsampled plate name draws its indices
 * (uniformly without replacement, sorted), and every later use in the same estimate, in the guide
 * or the model, gets the same ones. A plate name met again with another size or minibatch size is
 * an error: that would silently mis-scale the objective.
 */
final class Subsamples {
  private record Drawn(PlateSite site, int[] indices) {}

  private final Map<String, Drawn> drawn = new HashMap<>();

  /** The minibatch of {@code plate} for this estimate. */
  int[] indices(PlateSite plate, RandomStream rng) {
    Drawn d = drawn.get(plate.name());
    if (d != null) {
      if (d.site.size() != plate.size() || d.site.minibatch() != plate.minibatch()) {
        throw new VariaException(
            "plate "
                + plate.name()
                + " is subsampled as "
                + plate.minibatch()
                + " of "
                + plate.size()
                + " here but as "
                + d.site.minibatch()
                + " of "
                + d.site.size()
                + " at "
                + d.site.span()
                + ": a plate shared by the model and the guide must have one size and one"
                + " minibatch size");
      }
      return d.indices;
    }
    int[] idx = draw(plate.size(), plate.minibatch(), rng);
    drawn.put(plate.name(), new Drawn(plate, idx));
    return idx;
  }

  /** m distinct indices from 0..n-1, sorted (Floyd's algorithm: O(m) draws, uniform subsets). */
  private static int[] draw(int n, int m, RandomStream rng) {
    if (m == n) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    java.util.HashSet<Integer> chosen = new java.util.HashSet<>();
    for (int j = n - m; j < n; j++) {
      int t = rng.nextInt(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    int[] out = new int[m];
    int k = 0;
    for (int v : chosen) {
      out[k++] = v;
    }
    Arrays.sort(out);
    return out;
  }
}
