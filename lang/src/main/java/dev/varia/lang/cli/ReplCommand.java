package dev.varia.lang.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code varia repl [FILE.ppl]}: the interactive REPL, optionally starting with a file loaded. */
@Command(
    name = "repl",
    mixinStandardHelpOptions = true,
    description =
        "Interactive session: type definitions, :load files, :fit, :summary, :plot (:help lists"
            + " the commands).")
final class ReplCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "FILE", description = "a .ppl file to load first")
  private Path file;

  @Option(names = "--no-history", description = "do not read or write ~/.varia_history")
  private boolean noHistory;

  @Override
  public Integer call() throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().name("varia").system(true).build()) {
      Path history = noHistory ? null : Path.of(System.getProperty("user.home"), ".varia_history");
      Repl repl = new Repl(terminal, history);
      if (file != null) {
        repl.handle(":load " + file);
      }
      return repl.run();
    }
  }
}
