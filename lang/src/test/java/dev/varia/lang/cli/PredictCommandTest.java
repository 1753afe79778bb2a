package dev.varia.lang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code varia predict}: posterior and prior predictive draws to CSV. */
class PredictCommandTest {
  @TempDir Path dir;

  @Test
  void posteriorAndPriorPredictiveDraws() throws Exception {
    Path ppl = CliRun.resource(dir, "schools.ppl");
    CliRun.resource(dir, "schools.json");
    Path out = dir.resolve("fit");
    CliRun fit =
        CliRun.of(
            "fit", ppl.toString(), "--steps", "100", "--draws", "200", "--out", out.toString());
    assertEquals(0, fit.status(), fit.all());

    CliRun post =
        CliRun.of("predict", ppl.toString(), "--params", out.resolve("params.json").toString());
    assertEquals(0, post.status(), post.all());
    List<String> lines = Files.readAllLines(out.resolve("predictive.csv"));
    assertEquals(1001, lines.size());
    List<String> header = List.of(lines.get(0).split(","));
    assertEquals(List.of("y[1]", "y[2]", "y[3]", "y[4]", "y[5]", "y[6]", "y[7]", "y[8]"), header);
    assertTrue(post.out().contains("posterior predictive"), post.all());

    Path prior = dir.resolve("prior.csv");
    CliRun pr =
        CliRun.of(
            "predict", ppl.toString(), "--draws", "50", "--seed", "4", "--out", prior.toString());
    assertEquals(0, pr.status(), pr.all());
    List<String> priorLines = Files.readAllLines(prior);
    assertEquals(51, priorLines.size());
    assertTrue(priorLines.get(0).startsWith("mu,tau,eta[1]"), priorLines.get(0));
    assertTrue(priorLines.get(0).contains("y[8]"), priorLines.get(0));
  }

  @Test
  void aFileThatIsNotParamsIsAUserError() throws Exception {
    Path ppl = CliRun.resource(dir, "schools.ppl");
    Path data = CliRun.resource(dir, "schools.json");
    CliRun r = CliRun.of("predict", ppl.toString(), "--params", data.toString());
    assertEquals(1, r.status(), r.all());
    assertTrue(r.err().contains("not a params.json"), r.all());
    assertFalse(r.all().contains("\tat "), r.all());
  }
}
