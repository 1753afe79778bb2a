package dev.varia.inference.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.DistSpec;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.inference.mode.LatentLayout;
import dev.varia.inference.mode.LatentSite;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovering a model's latent sites, their shapes and their unconstrained slices. */
class LatentLayoutTest {
  @Test
  void sitesAreFoundInProgramOrderWithTheirUnconstrainedSizes() {
    GenFn m =
        Model.define(
            "shapes",
            b -> {
              Val mu = b.sample("mu", DistSpec.of("ordered:normal", 0, 2), 2);
              Val p = b.sample("p", Dist.dirichlet(Tensor.vector(1, 1, 1)));
              Val s = b.sample("s", Dist.halfNormal(1));
              b.forRange("t", 0, 3, (l, t) -> l.sampleAt("x", t, Dist.normal(mu.at(0), s)));
              b.observe(b.data("y"), Dist.normal(mu.at(1).add(p.at(0)), s));
            });
    GenerativeFunction g =
        GenerativeFunction.compile(
            Program.of(m),
            "shapes",
            Map.of("y", Tensor.scalar(0.3)),
            Families.standard(),
            new ParamStore());
    LatentLayout layout = LatentLayout.of(g);
    List<LatentSite> sites = layout.sites();
    assertEquals(6, sites.size());
    assertEquals("mu", sites.get(0).name());
    assertEquals(Shape.vector(2), sites.get(0).shape());
    assertEquals("ordered vector", sites.get(0).support());
    assertEquals(2, sites.get(1).size(), "a 3-simplex has 2 free values");
    assertEquals(2, sites.get(1).offset());
    assertEquals("s", sites.get(2).name());
    assertEquals("x[2]", sites.get(4).name());
    assertEquals(7, sites.get(5).offset());
    assertEquals(8, layout.dimension());
    assertEquals(
        List.of("mu{1}", "mu{2}", "p{1}", "p{2}", "s", "x[1]", "x[2]", "x[3]"),
        layout.coordinateNames());
  }
}
