package dev.varia.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.DistSpec;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Indexing by a vector of indices (gather) and the argument-free std_normal family. */
class MultiIndexTest {
  @Test
  void aVectorOfIndicesPicksElementsInOrder() {
    GenFn fn =
        Model.define(
            "groups",
            m -> {
              Val a = m.sample("a", DistSpec.of("std_normal"), 3);
              m.observe(m.data("y"), Dist.normal(a.at(m.data("g")), 1.0));
            });
    double[] y = {0.5, -1.0, 2.0, 0.1};
    double[] g = {2, 0, 2, 1};
    GenerativeFunction gf =
        GenerativeFunction.compile(
            Program.of(fn),
            "groups",
            Map.of("y", Tensor.vector(y), "g", Tensor.vector(g)),
            Families.standard(),
            new ParamStore());
    double[] a = {0.3, -0.2, 1.1};
    double expected = 0;
    for (double v : a) {
      expected += NormalDistribution.of(0, 1).logDensity(v);
    }
    for (int i = 0; i < y.length; i++) {
      expected += NormalDistribution.of(a[(int) g[i]], 1).logDensity(y[i]);
    }
    assertEquals(expected, gf.assess(ChoiceMap.of("a", Tensor.vector(a))).logDensity(), 1e-12);
  }
}
