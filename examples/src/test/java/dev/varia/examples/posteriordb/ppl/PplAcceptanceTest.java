package dev.varia.examples.posteriordb.ppl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The posteriordb acceptance table through the .ppl files and {@code varia fit}, with seed 1 (the
 * full table with seeds 1, 2 and 3 is {@code examples/run acceptance}): every case must pass the
 * required row. Reads {@code ../shared/posteriordb} and fails if it is missing.
 */
class PplAcceptanceTest {
  @TempDir Path out;

  @Test
  void everyCasePassesTheRequiredRowWithSeedOne() {
    Path root = PplAcceptance.root();
    assertTrue(
        Files.isDirectory(root.resolve("../shared/posteriordb")),
        "../shared/posteriordb is missing beside the repository root " + root);
    List<PplAcceptance.Row> rows = new ArrayList<>();
    for (String c : PplAcceptance.CASES) {
      rows.add(PplAcceptance.run(root, c, 1, out.resolve(c)));
    }
    String table = PplAcceptance.table(rows);
    System.out.print(table);
    StringBuilder failures = new StringBuilder();
    for (PplAcceptance.Row r : rows) {
      if (!r.required()) {
        failures.append(r.name()).append(": ");
        failures.append(
            r.verdict() == null
                ? "exit " + r.status() + "\n" + r.output()
                : r.verdict().failures());
        failures.append('\n');
      }
    }
    assertTrue(failures.length() == 0, table + failures);
  }
}
