package dev.varia.lang.run.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Selection;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import dev.varia.lang.run.DrawTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    List<String> latent = new ArrayList<>();
    List<String> reported = new ArrayList<>();
    double[] logP = new double[n];
    double[] logG = new double[n];
    for (int s = 0; s < n; s++) {
      RandomStream r = rng.fork(s);
      Trace q = guide.simulate(r);
      GenerativeFunction.Generated g = model.generate(r, q.choices().filter(keep));
      Trace t = g.trace();
      logP[s] = t.score();
      logG[s] = q.score() + (t.score() - g.weight());
      int[] filled = {0};
      for (Map.Entry<Address, Tensor> e : t.choices()) {
        add(cols, s == 0 ? latent : null, e.getKey(), e.getValue(), s, n, filled);
      }
      for (Map.Entry<Address, Tensor> e : t.reported().entrySet()) {
        add(cols, s == 0 ? reported : null, e.getKey(), e.getValue(), s, n, filled);
      }
      if (filled[0] != cols.size()) {
        throw new VariaException(
            "draw " + (s + 1) + " has other latents or reported quantities than the first");
      }
    }
    return new DrawTable(cols, latent, reported, logP, logG);
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

  private static void add(
      LinkedHashMap<String, double[]> cols,
      List<String> names,
      Address a,
      Tensor v,
      int s,
      int n,
      int[] filled) {
    List<String> flat = Flatten.names(a, v);
    double[] values = Flatten.values(v);
    for (int k = 0; k < flat.size(); k++) {
      String name = flat.get(k);
      double[] col = cols.get(name);
      if (col == null) {
        if (names == null) {
          throw new VariaException(
              "draw " + (s + 1) + " has " + name + ", which the first draw does not");
        }
        col = new double[n];
        cols.put(name, col);
        names.add(name);
      }
      col[s] = values[k];
      filled[0]++;
    }
  }
}
