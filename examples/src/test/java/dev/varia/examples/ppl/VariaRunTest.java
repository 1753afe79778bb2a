package dev.varia.examples.ppl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.examples.testing.Examples;
import dev.varia.lang.cli.VariaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples' one command, {@code varia run examples/NAME.ppl}, run in-process: the README's main
 * job (eight schools, data in the file) and an example whose data file sits beside it.
 */
class VariaRunTest {
  private static String run(Path out, String example) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int status =
        VariaCli.run(
            new PrintWriter(o),
            new PrintWriter(e),
            "run",
            Examples.file(example + ".ppl").toString(),
            "--progress",
            "none",
            "--out",
            out.toString());
    String all = "--- out\n" + o + "--- err\n" + e;
    assertEquals(0, status, all);
    assertTrue(Files.isRegularFile(out.resolve("summary.json")), all);
    return all;
  }

  @Test
  void theMainJobRuns(@TempDir Path dir) {
    String all = run(dir, "eight_schools");
    assertTrue(all.contains("theta[8]"), all);
  }

  @Test
  void aDataFileBesideTheExampleIsFound(@TempDir Path dir) {
    String all = run(dir, "linear_regression");
    assertTrue(all.contains("linear_regression.csv"), all);
    assertTrue(all.contains("beta[3]"), all);
  }
}
