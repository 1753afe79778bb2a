package dev.varia.examples.posteriordb;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import java.util.Map;
import java.util.Set;

/**
 * One of the shared posteriordb acceptance cases written with the Java API: its model (as in the
 * case's {@code model.md}) and the data it uses, derived from {@code data.json} as loaded.
 */
public interface PosteriorDbCase {
  /** The case's folder name, e.g. {@code kidiq-kidscore_momiq}. */
  String name();

  /** The model. */
  GenFn model();

  /** The model's data from the fields of {@code data.json} (transforms computed once). */
  Map<String, Tensor> data(Map<String, Tensor> raw);

  /**
   * Whether the README's relaxed required row applies (0.3 sd and sd ratio in [0.5, 1.5]: eight
   * schools and gp_pois_regr).
   */
  default boolean relaxed() {
    return false;
  }

  /**
   * Heavy-tailed quantities, which the strict row judges by the required row (eight schools' tau,
   * gp_pois_regr's rho and alpha).
   */
  default Set<String> heavyTailed() {
    return Set.of();
  }

  /** The model compiled with its data. */
  default GenerativeFunction compile(Map<String, Tensor> raw) {
    GenFn m = model();
    return GenerativeFunction.compile(
        Program.of(m), m.name(), data(raw), Families.standard(), new ParamStore());
  }
}
