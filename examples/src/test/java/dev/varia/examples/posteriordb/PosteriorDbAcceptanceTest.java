package dev.varia.examples.posteriordb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.testing.SharedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The posteriordb acceptance through the Java API: each of the ten shared cases, fitted with the
 * default automatic guide and settings, must pass the required row of {@code
 * ../shared/posteriordb/README.md}'s table (judged by {@link Acceptance}) within the 5-minute
 * budget. The table (with the strict row, gradient evaluations and seconds) is printed at the end.
 *
 * <p>CI runs seed 1 only; the full acceptance runs seeds 1, 2 and 3: {@code
 * -Dvaria.acceptance.seeds=1,2,3} (or the environment variable {@code VARIA_ACCEPTANCE_SEEDS}). The
 * shared files must be present: a missing file fails the test.
 */
class PosteriorDbAcceptanceTest {
  private static final List<AcceptanceRun.Row> ROWS = new ArrayList<>();

  private static List<Long> seeds() {
    String s = System.getProperty("varia.acceptance.seeds");
    if (s == null || s.isBlank()) {
      s = System.getenv("VARIA_ACCEPTANCE_SEEDS");
    }
    if (s == null || s.isBlank()) {
      s = "1";
    }
    List<Long> out = new ArrayList<>();
    for (String p : s.split(",")) {
      out.add(Long.parseLong(p.trim()));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyCasePassesTheRequiredRow() {
    Path dir = SharedFiles.shared("posteriordb");
    List<Long> seeds = seeds();
    return PosteriorDbCases.all().stream()
        .flatMap(
            c ->
                seeds.stream()
                    .map(
                        seed ->
                            DynamicTest.dynamicTest(
                                c.name() + " seed " + seed,
                                () -> {
                                  AcceptanceRun.Row r = AcceptanceRun.run(c, seed, dir);
                                  synchronized (ROWS) {
                                    ROWS.add(r);
                                  }
                                  assertTrue(
                                      r.verdict().required(),
                                      c.name()
                                          + " seed "
                                          + seed
                                          + ": "
                                          + r.verdict().failures()
                                          + "\n"
                                          + r.report().describe());
                                  assertTrue(
                                      r.report().seconds() < 300,
                                      "over the 5-minute budget: " + r.report().seconds() + " s");
                                })));
  }

  @AfterAll
  static void printTable() {
    System.out.println();
    System.out.print(AcceptanceRun.table(ROWS));
    for (AcceptanceRun.Row r : ROWS) {
      for (String f : r.verdict().failures()) {
        System.out.println(r.testCase().name() + " seed " + r.seed() + ": " + f);
      }
    }
  }
}
