package dev.varia.examples.ppl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varia.core.testing.SharedFiles;
import dev.varia.examples.testing.Examples;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.lang.run.FitOutcome;
import java.io.IOException;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/eight_schools.ppl} (the README's main job): its fit, as declared, runs in seconds
 * and meets posteriordb's required row for eight schools against the NUTS reference
 * (../shared/posteriordb): every reported mean within 0.3 reference sd, every sd ratio in [0.5,
 * 1.5].
 */
class EightSchoolsExampleTest {
  @Test
  void theFitMatchesTheReferencePosterior() throws IOException {
    FitOutcome fit = Examples.program("eight_schools").run();
    assertTrue(fit.seconds() < 30, "the main job must be quick, took " + fit.seconds() + " s");
    JsonNode ref =
        new ObjectMapper()
            .readTree(
                SharedFiles.shared(
                        "posteriordb/eight_schools-eight_schools_noncentered/reference.json")
                    .toFile())
            .get("parameters");
    int checked = 0;
    for (Iterator<String> it = ref.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      double mean = ref.get(name).get("mean").asDouble();
      double sd = ref.get(name).get("sd").asDouble();
      PosteriorSummary got = fit.summary(name);
      double error = Math.abs(got.mean() - mean) / sd;
      double ratio = got.sd() / sd;
      assertTrue(
          error <= 0.3, name + ": mean " + got.mean() + " vs " + mean + " (" + error + " sd)");
      assertTrue(ratio >= 0.5 && ratio <= 1.5, name + ": sd ratio " + ratio);
      checked++;
    }
    assertTrue(checked == 10, "reference quantities: " + checked);
  }
}
