package dev.varia.lang.cli;

import dev.varia.lang.testing.Ppl;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command line in-process with captured streams. */
record CliRun(int status, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = VariaCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** Copies test resource {@code cli/NAME} into {@code dir}. */
  static Path resource(Path dir, String name) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, Ppl.resource("cli/" + name));
    return p;
  }

  /** Everything printed, for failure messages. */
  String all() {
    return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
  }
}
