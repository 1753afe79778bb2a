package dev.varia.lang.cli;

import dev.varia.lang.Compilation;
import dev.varia.lang.Compiler;
import dev.varia.lang.diag.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code varia check FILE [--data DATA]}: reads, checks and lowers a .ppl file (and its data),
 * printing each diagnostic as {@code FILE:LINE:COL: error[CODE]: message} with the source line and
 * a caret. Exit status 0 when there is no error, 1 otherwise.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Check a .ppl file (and its data) and print diagnostics; exit 1 on errors.")
final class CheckCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the .ppl file")
  private Path file;

  @Option(
      names = {"--data", "-d"},
      paramLabel = "DATA",
      description = "a data file (Stan/posteriordb JSON, or CSV with a header)")
  private Path data;

  @Option(
      names = {"--quiet", "-q"},
      description = "print errors only (no warnings or notes)")
  private boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Compilation c = Compiler.compileFile(file, Optional.ofNullable(data));
    for (Diagnostic d : c.diagnostics().all()) {
      if (quiet && !d.isError()) {
        continue;
      }
      err.println(d.render());
    }
    if (c.diagnostics().dropped() > 0) {
      err.println("... and " + c.diagnostics().dropped() + " more diagnostics not shown");
    }
    int errors = c.diagnostics().errorCount();
    if (errors > 0) {
      err.println(errors + " error" + (errors == 1 ? "" : "s"));
      err.flush();
      return 1;
    }
    out.println(
        file
            + ": ok"
            + (c.program().isPresent() ? "" : " (not lowered: give --data to check the data too)"));
    out.flush();
    err.flush();
    return 0;
  }
}
