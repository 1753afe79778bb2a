package dev.varia.lang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
  @TempDir Path dir;

  private int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = new CommandLine(new VariaCli());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void brokenFilePrintsCaretDiagnosticsAndExitsOne() throws Exception {
    Path f = dir.resolve("bad.ppl");
    Files.writeString(f, "model m {\n  mu ~ normal(0, 1)\n  y ~ normal(muu, 1)\n}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(1, run(out, err, "check", f.toString()));
    String text = err.toString();
    assertTrue(text.contains(f + ":3:14: error[E0200]: unknown name 'muu'"), text);
    assertTrue(text.contains("    y ~ normal(muu, 1)\n               ^~~"), text);
  }

  @Test
  void cleanFileWithDataExitsZero() throws Exception {
    Path f = dir.resolve("ok.ppl");
    Files.writeString(
        f, "data {\n  y: real\n}\nmodel m {\n  mu ~ normal(0, 1)\n  y ~ normal(mu, 1)\n}\n");
    Path d = dir.resolve("d.json");
    Files.writeString(d, "{\"y\": 0.5}");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, "check", f.toString(), "--data", d.toString()), err.toString());
    assertTrue(out.toString().contains("ok"));
  }

  @Test
  void dataErrorsPointIntoTheDataFile() throws Exception {
    Path f = dir.resolve("ok.ppl");
    Files.writeString(f, "data {\n  N: int\n  y: real[N]\n}\n");
    Path d = dir.resolve("d.json");
    Files.writeString(d, "{\"N\": 3,\n \"y\": [1, 2]}");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(1, run(out, err, "check", f.toString(), "--data", d.toString()));
    assertTrue(err.toString().contains(d + ":2:7: error[E0501]"), err.toString());
  }

  @Test
  void missingFileIsADiagnostic() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(1, run(out, err, "check", dir.resolve("nope.ppl").toString()));
    assertTrue(err.toString().contains("error[E0006]"), err.toString());
  }
}
