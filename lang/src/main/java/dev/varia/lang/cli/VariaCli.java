package dev.varia.lang.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code varia} command line: the entry point of the launcher script. */
@Command(
    name = "varia",
    mixinStandardHelpOptions = true,
    version = "varia 0.1.0-SNAPSHOT",
    description = "Probabilistic programming with programmable variational inference.",
    subcommands = {DemoCommand.class, CheckCommand.class})
public final class VariaCli implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (for tests). */
  public static int run(String... args) {
    return new CommandLine(new VariaCli()).execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }
}
