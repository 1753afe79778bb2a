package dev.varia.lang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code varia fit}: outputs, exit codes and messages. */
class FitCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheDocumentedFiles() throws Exception {
    Path ppl = CliRun.resource(dir, "schools.ppl");
    Path data = CliRun.resource(dir, "schools.json");
    Path out = dir.resolve("out");
    CliRun r =
        CliRun.of(
            "fit",
            ppl.toString(),
            "--data",
            data.toString(),
            "--seed",
            "3",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.all());
    assertTrue(r.out().contains("theta[3]"), r.all());
    assertFalse(r.all().contains("\tat "), "no stack trace");

    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    List<String> names = new ArrayList<>();
    s.get("parameters").fieldNames().forEachRemaining(names::add);
    assertEquals("mu", names.get(0));
    assertTrue(names.containsAll(List.of("tau", "eta[1]", "eta[8]", "theta[1]", "theta[8]")));
    assertEquals(2 + 8 + 8, names.size());
    JsonNode theta3 = s.get("parameters").get("theta[3]");
    for (String k : List.of("mean", "sd", "q05", "q50", "q95")) {
      assertTrue(theta3.get(k).isNumber(), k);
    }
    assertTrue(theta3.get("q05").asDouble() < theta3.get("q95").asDouble());
    assertEquals("elbo", s.get("objective").get("name").asText());
    assertTrue(s.get("objective").get("final").isNumber());
    assertTrue(s.get("objective").get("se").asDouble() > 0);
    assertTrue(s.get("log_evidence").get("estimate").isNumber());
    assertTrue(s.get("log_evidence").get("se").isNumber());
    assertEquals(300, s.get("steps").asInt());
    assertTrue(s.get("converged").isBoolean());
    assertTrue(s.get("psis_khat").isNumber());
    assertTrue(s.get("seconds").asDouble() > 0);
    assertEquals(4000, s.get("draws").asInt());

    try (Reader in = Files.newBufferedReader(out.resolve("draws.csv"));
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().build().parse(in)) {
      List<String> header = csv.getHeaderNames();
      assertEquals(
          List.of("lp__", "log_p__", "log_g__", "mu", "tau", "eta[1]"), header.subList(0, 6));
      assertTrue(header.contains("theta[3]"), header.toString());
      int rows = 0;
      Iterator<CSVRecord> it = csv.iterator();
      while (it.hasNext()) {
        CSVRecord rec = it.next();
        Double.parseDouble(rec.get("theta[3]"));
        Double.parseDouble(rec.get("log_p__"));
        rows++;
      }
      assertEquals(4000, rows);
    }

    JsonNode p = new ObjectMapper().readTree(out.resolve("params.json").toFile());
    assertEquals("schools_q", p.get("guide").asText());
    assertTrue(p.get("parameters").get("schools_q.mu_scale").asDouble() > 0);
    assertEquals(8, p.get("parameters").get("schools_q.eta_loc").size());
    byte[] png = Files.readAllBytes(out.resolve("objective.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    assertTrue(Files.readString(out.resolve("objective.svg")).contains("<svg"));
  }

  @Test
  void aFitThatHitsAnInvalidValueExitsTwoNamingTheStepAndTheSite() throws Exception {
    Path ppl = CliRun.resource(dir, "nan.ppl");
    CliRun.resource(dir, "nan.json");
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("fit", ppl.toString(), "--out", out.toString());
    assertEquals(2, r.status(), r.all());
    assertTrue(r.err().contains("the fit failed: step "), r.all());
    assertTrue(r.err().contains(ppl + ":14:3"), r.all());
    assertTrue(r.err().contains("    mu ~ normal(loc, s)\n    ^"), r.all());
    assertTrue(Files.exists(out.resolve("params.json")), "last good parameters written");
    assertFalse(r.all().contains("\tat "), "no stack trace");
  }

  @Test
  void aFitWhoseObjectiveOverflowsExitsTwo() throws Exception {
    Path ppl = dir.resolve("overflow.ppl");
    Files.writeString(
        ppl,
        String.join(
            "\n",
            "model m {",
            "  mu ~ normal(0, 1)",
            "  3 ~ normal(mu, 1)",
            "}",
            "guide q for m {",
            "  param loc: real = 0",
            "  param s: real<lower=0> = 1",
            "  mu ~ normal(loc, s)",
            "}",
            "fit m with q using sgd(lr = 1e200)",
            ""));
    CliRun r = CliRun.of("fit", ppl.toString(), "--steps", "20");
    assertEquals(2, r.status(), r.all());
    assertTrue(r.err().contains("the fit failed: step 2"), r.all());
    assertTrue(r.err().contains("the last good parameters are kept"), r.all());
    assertFalse(r.all().contains("\tat "), "no stack trace");
  }

  @Test
  void aHandWrittenHierarchicalObjectiveFitsAndAnUpwardBiasedOneIsRefusedWhereItIsWrong()
      throws Exception {
    Path ppl = dir.resolve("hier.ppl");
    Files.writeString(
        ppl,
        String.join(
            "\n",
            "model m {",
            "  mu ~ normal(0, 1)",
            "  1.5 ~ normal(mu, 0.5)",
            "}",
            "guide h for m {",
            "  param loc: real = 0",
            "  param s: real<lower=0> = 0.5",
            "  u ~ normal(0, 1)",
            "  mu ~ normal(loc + s * u, 0.3)",
            "}",
            "objective mine(p, q, N: int) = E {",
            "  z ~ sim(marginal(q, N))",
            "  density(p, z) - z.logq",
            "}",
            "objective upward(p, q, N: int) = E {",
            "  z ~ sim(q)",
            "  density(p, z) - density(marginal(q, N), z)",
            "}",
            "fit good: m with h using mine(N = 4), adam(lr = 0.02), steps 3000",
            "fit library: m with h using iwhvi(4), adam(lr = 0.02), steps 3000",
            "fit bad: m with h using upward(N = 4), steps 10",
            ""));
    CliRun good = CliRun.of("fit", ppl.toString(), "--fit", "good");
    assertEquals(0, good.status(), good.all());
    // written by hand, it is the library's IWHVI(4): the same statements, so with the same seed
    // the same fit, objective value and summaries
    CliRun library = CliRun.of("fit", ppl.toString(), "--fit", "library");
    assertEquals(0, library.status(), library.all());
    assertEquals(results(library.out()), results(good.out()));
    assertTrue(results(good.out()).contains("mu "), good.all());
    CliRun bad = CliRun.of("fit", ppl.toString(), "--fit", "bad");
    assertEquals(1, bad.status(), bad.all());
    assertTrue(bad.err().contains("hier.ppl:17:19: the log of a density estimate"), bad.all());
    assertFalse(bad.all().contains("\tat "), "no stack trace");
  }

  /** The printed results of a fit from the objective's value on, without its name. */
  private static String results(String out) {
    String tail = out.substring(Math.max(0, out.indexOf("at the fitted parameters")));
    return tail.replaceAll("objective \\S+", "objective");
  }

  @Test
  void userErrorsExitOneWithAMessage() throws Exception {
    Path ppl = CliRun.resource(dir, "schools.ppl");
    CliRun.resource(dir, "schools.json");
    CliRun badNumber = CliRun.of("fit", ppl.toString(), "--steps", "many");
    assertEquals(1, badNumber.status(), badNumber.all());
    assertTrue(badNumber.err().contains("--steps"), badNumber.all());
    CliRun unknownGuide = CliRun.of("fit", ppl.toString(), "--guide", "schools_g");
    assertEquals(1, unknownGuide.status(), unknownGuide.all());
    assertTrue(unknownGuide.err().contains("unknown guide 'schools_g'"), unknownGuide.all());
    assertTrue(unknownGuide.err().contains("schools_q"), unknownGuide.all());
    CliRun badObjective = CliRun.of("fit", ppl.toString(), "--objective", "iwelbo");
    assertEquals(1, badObjective.status(), badObjective.all());
    assertTrue(badObjective.err().contains("iwelbo:K"), badObjective.all());
    CliRun missing = CliRun.of("fit", dir.resolve("nope.ppl").toString());
    assertEquals(1, missing.status(), missing.all());
    CliRun badData = CliRun.of("fit", ppl.toString(), "--data", ppl.toString());
    assertEquals(1, badData.status(), badData.all());
    for (CliRun r : List.of(badNumber, unknownGuide, badObjective, missing, badData)) {
      assertFalse(r.all().contains("\tat "), "no stack trace: " + r.all());
      assertFalse(r.all().contains("Exception"), "no exception names: " + r.all());
    }
  }

  @Test
  void overridesTakeTheObjectiveWithArguments() throws Exception {
    Path ppl = CliRun.resource(dir, "schools.ppl");
    CliRun.resource(dir, "schools.json");
    CliRun r =
        CliRun.of(
            "fit",
            ppl.toString(),
            "--objective",
            "iwelbo:4",
            "--steps",
            "50",
            "--draws",
            "500",
            "--optimizer",
            "adam",
            "--lr",
            "0.02");
    assertEquals(0, r.status(), r.all());
    assertTrue(r.err().contains("objective iwelbo(K = 4)"), r.all());
    assertTrue(r.err().contains("lr = 0.02"), r.all());
    assertTrue(r.out().contains("(500 draws)"), r.all());
  }

  @Test
  void checkpointAndResumeContinueTheFit() throws Exception {
    Path ppl = CliRun.resource(dir, "schools.ppl");
    CliRun.resource(dir, "schools.json");
    Path ck = dir.resolve("fit.ckpt");
    CliRun first =
        CliRun.of(
            "fit",
            ppl.toString(),
            "--steps",
            "100",
            "--draws",
            "100",
            "--checkpoint",
            ck.toString(),
            "--checkpoint-every",
            "50");
    assertEquals(0, first.status(), first.all());
    assertTrue(Files.exists(ck));
    CliRun resumed =
        CliRun.of(
            "fit", ppl.toString(), "--steps", "150", "--draws", "100", "--resume", ck.toString());
    assertEquals(0, resumed.status(), resumed.all());
    assertTrue(resumed.out().contains("150 steps"), resumed.all());
  }
}
