package dev.varia.lang.cli;

import dev.varia.lang.Compilation;
import dev.varia.lang.Compiler;
import dev.varia.lang.diag.Diagnostic;
import dev.varia.lang.run.UserError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a .ppl file with its data for the commands that run it. Without {@code --data}, a file
 * that declares data takes it from a file beside it with the same base name ({@code coin.ppl} reads
 * {@code coin.json}, {@code coin.data.json} or {@code coin.csv}). Errors become a {@link UserError}
 * carrying the diagnostics; warnings and notes are printed.
 */
final class Loader {
  private Loader() {}

  static Compilation load(Path ppl, Path data, PrintWriter err) {
    if (!Files.exists(ppl)) {
      throw new UserError("no such file: " + ppl);
    }
    Compilation c = Compiler.compileFile(ppl, Optional.ofNullable(data));
    if (c.ok() && data == null && c.checked().map(x -> x.declaresData()).orElse(false)) {
      Optional<Path> beside = beside(ppl);
      if (beside.isPresent()) {
        err.println("data: " + beside.get());
        c = Compiler.compileFile(ppl, beside);
      }
    }
    List<Diagnostic> all = c.diagnostics().all();
    if (!c.ok()) {
      int n = c.diagnostics().errorCount();
      throw new UserError(n + " error" + (n == 1 ? "" : "s"), all);
    }
    for (Diagnostic d : all) {
      err.println(d.render());
    }
    err.flush();
    if (c.program().isEmpty()) {
      throw new UserError(
          ppl
              + " declares data: give a data file with --data FILE (JSON or CSV)"
              + " or put one beside it named "
              + base(ppl)
              + ".json");
    }
    return c;
  }

  static Optional<Path> beside(Path ppl) {
    String b = base(ppl);
    Path dir = ppl.toAbsolutePath().getParent();
    for (String suffix : List.of(".json", ".data.json", ".csv")) {
      Path p = dir.resolve(b + suffix);
      if (Files.isRegularFile(p)) {
        return Optional.of(ppl.resolveSibling(b + suffix));
      }
    }
    return Optional.empty();
  }

  private static String base(Path ppl) {
    String n = ppl.getFileName().toString();
    return n.endsWith(".ppl") ? n.substring(0, n.length() - 4) : n;
  }
}
