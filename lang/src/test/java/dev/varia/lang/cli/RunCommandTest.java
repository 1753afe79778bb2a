package dev.varia.lang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code varia run}, and fits and predictions with an automatic guide. */
class RunCommandTest {
  @TempDir Path dir;

  @Test
  void runsEveryFitDeclarationIntoItsOwnFolder() throws Exception {
    Path ppl = CliRun.resource(dir, "two_fits.ppl");
    CliRun.resource(dir, "two_fits.json");
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("run", ppl.toString(), "--out", out.toString(), "--progress", "none");
    assertEquals(0, r.status(), r.all());
    assertTrue(r.out().contains("fit by_hand: model schools, guide schools_q"), r.all());
    assertTrue(r.out().contains("fit automatic: model schools, guide auto_fullrank"), r.all());
    JsonNode auto = new ObjectMapper().readTree(out.resolve("automatic/summary.json").toFile());
    assertEquals("auto_fullrank", auto.get("guide").asText());
    assertEquals(200, auto.get("steps").asInt());
    assertTrue(auto.get("gradient_evaluations").asLong() > 200);
    assertTrue(auto.get("parameters").has("theta[8]"));
    assertTrue(Files.exists(out.resolve("by_hand/draws.csv")));

    CliRun several = CliRun.of("fit", ppl.toString());
    assertEquals(1, several.status(), several.all());
    assertTrue(several.err().contains("--fit NAME"), several.all());
  }

  @Test
  void anAutomaticGuidesParametersPredict() throws Exception {
    Path ppl = CliRun.resource(dir, "two_fits.ppl");
    CliRun.resource(dir, "two_fits.json");
    Path out = dir.resolve("auto");
    CliRun fit =
        CliRun.of(
            "fit", ppl.toString(), "--fit", "automatic", "--draws", "500", "--out", out.toString());
    assertEquals(0, fit.status(), fit.all());
    JsonNode params = new ObjectMapper().readTree(out.resolve("params.json").toFile());
    assertEquals("auto_fullrank", params.get("guide").asText());
    assertEquals(10, params.get("reference").get("mean").size());
    assertEquals(10, params.get("reference").get("cholesky").size());
    CliRun pred =
        CliRun.of(
            "predict",
            ppl.toString(),
            "--params",
            out.resolve("params.json").toString(),
            "--draws",
            "100");
    assertEquals(0, pred.status(), pred.all());
    String header = Files.readAllLines(out.resolve("predictive.csv")).get(0);
    assertTrue(header.startsWith("y[1],") && header.endsWith("y[8]"), header);
  }

  @Test
  void theDefaultGuideIsChosenWithoutAFitDeclaration() throws Exception {
    Path ppl = dir.resolve("m.ppl");
    Files.writeString(
        ppl, "model m {\n  mu ~ normal(0, 1)\n  s ~ half_normal(0, 1)\n  1.5 ~ normal(mu, s)\n}\n");
    CliRun r = CliRun.of("fit", ppl.toString(), "--steps", "100", "--draws", "200");
    assertEquals(0, r.status(), r.all());
    assertTrue(r.err().contains("guide auto (the default automatic guide)"), r.all());
    // a model this small is always checked against a flow; either may be kept
    assertTrue(
        r.out().contains("guide auto_fullrank") || r.out().contains("guide auto_flow"), r.all());
    assertTrue(r.out().contains("for the auto_fullrank guide"), r.all());
  }
}
