package dev.varia.lang.posteriordb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import dev.varia.core.testing.SharedFiles;
import dev.varia.lang.Compilation;
import dev.varia.lang.Compiler;
import dev.varia.lang.testing.Ppl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ten posteriordb models written in .ppl ({@code examples/posteriordb/<case>.ppl}) parse, check
 * and lower with their data.json (read from ../shared, unchanged), and their log density at the
 * reference posterior means is finite.
 */
class PosteriordbModelsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "arK-arK",
        "earnings-logearn_interaction_z",
        "eight_schools-eight_schools_noncentered",
        "garch-garch11",
        "gp_pois_regr-gp_pois_regr",
        "kidiq-kidscore_momiq",
        "low_dim_gauss_mix-low_dim_gauss_mix",
        "mesquite-logmesquite",
        "sblrc-blr",
        "wells_data-wells_dist"
      })
  void compilesAndScoresTheReferenceMean(String name) throws IOException {
    Path dir = Ppl.posteriordb(name);
    Path ppl = SharedFiles.root().resolve("examples/posteriordb/" + name + ".ppl");
    Compilation c = Ppl.ok(Compiler.compileFile(ppl, Optional.of(dir.resolve("data.json"))));
    assertTrue(c.program().isPresent(), "lowered");
    assertEquals(1, c.fits().size(), "one fit declaration");
    String model = c.fits().get(0).model();
    GenerativeFunction gf =
        GenerativeFunction.compile(
            c.program().get(), model, c.data().get(), Families.standard(), new ParamStore());
    Trace prior = gf.simulate(RandomStream.seeded(1));
    Map<String, Double> means = referenceMeans(dir.resolve("reference.json"));
    ChoiceMap.Builder b = ChoiceMap.builder();
    int used = 0;
    for (Map.Entry<Address, Tensor> e : prior.choices()) {
      Tensor v = e.getValue();
      double[] x = v.toArray();
      String site = e.getKey().displayName();
      for (int i = 0; i < x.length; i++) {
        String key = x.length == 1 && v.shape().rank() == 0 ? site : site + "[" + (i + 1) + "]";
        Double m = means.get(key);
        if (m != null) {
          x[i] = m;
          used++;
        }
      }
      b.put(e.getKey(), Tensor.wrap(x, v.shape()));
    }
    assertTrue(
        used >= 2, name + ": the reference means name the model's latents (" + used + " used)");
    double lp = gf.assess(b.build()).logDensity();
    assertTrue(Double.isFinite(lp), name + ": log density at the reference means is " + lp);
  }

  static Map<String, Double> referenceMeans(Path reference) throws IOException {
    Map<String, Double> out = new HashMap<>();
    try (JsonParser p = new JsonFactory().createParser(reference.toFile())) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        if (!f.equals("parameters")) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String param = p.currentName();
          p.nextToken();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            if (k.equals("mean")) {
              out.put(param, p.getDoubleValue());
            } else {
              p.skipChildren();
            }
          }
        }
      }
    }
    return out;
  }
}
