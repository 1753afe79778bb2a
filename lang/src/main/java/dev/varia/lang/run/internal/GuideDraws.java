package dev.varia.lang.run.internal;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Selection;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import dev.varia.lang.run.DrawTable;
import java.util.Map;

/**
 * Draws of a user-written guide paired with its model: each draw simulates the guide, then runs the
 * model with the guide's choices of the model's latents fixed (latents the guide does not draw come
 * from the model), giving the model's latents and reported quantities with {@code log_p} (the
 * model's log density, observations included) and {@code log_g} (the guide's, times the model's for
 * latents the guide left to it).
 */
public final class GuideDraws {
  private GuideDraws() {}

  /**
   * {@code n} draws, draw i from {@code rng.fork(i)}; {@code keep} selects the model's latents
   * among the guide's choices.
   *
   * @throws VariaException if a draw fails or the draws differ in their quantities
   */
  public static DrawTable draw(
      GenerativeFunction model, GenerativeFunction guide, Selection keep, int n, RandomStream rng) {
    TraceColumns cols = new TraceColumns(n);
    double[] logP = new double[n];
    double[] logG = new double[n];
    for (int s = 0; s < n; s++) {
      RandomStream r = rng.fork(s);
      Trace q = guide.simulate(r);
      GenerativeFunction.Generated g = model.generate(r, q.choices().filter(keep));
      Trace t = g.trace();
      logP[s] = t.score();
      logG[s] = q.score() + (t.score() - g.weight());
      cols.add(t, s);
    }
    return cols.table(logP, logG);
  }

  /** True if the guide draws choices outside {@code keep} (auxiliary variables). */
  public static boolean hasAuxiliary(GenerativeFunction guide, Selection keep, RandomStream rng) {
    Trace q = guide.simulate(rng);
    for (Map.Entry<Address, Tensor> e : q.choices()) {
      if (!keep.contains(e.getKey())) {
        return true;
      }
    }
    return false;
  }
}
