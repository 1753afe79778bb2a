package dev.varia.lang.cli;

import dev.varia.core.VariaException;
import dev.varia.lang.run.UserError;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code varia} command line: the entry point of the launcher script. Commands: {@code check},
 * {@code fit}, {@code run}, {@code predict}, {@code repl}, {@code jshell}, {@code demo}.
 *
 * <p>Exit status: 0 success, 1 a user error (a bad flag, a file or data with errors: the message or
 * diagnostics are printed, never a stack trace), 2 a fit that failed numerically, 3 an internal
 * error (a bug in Varia: set {@code VARIA_DEBUG=1} to see its stack trace).
 */
@Command(
    name = "varia",
    mixinStandardHelpOptions = true,
    version = "varia 0.1.0-SNAPSHOT",
    description = "Probabilistic programming with programmable variational inference.",
    subcommands = {
      CheckCommand.class,
      FitCommand.class,
      RunCommand.class,
      ReplCommand.class,
      JshellCommand.class,
      PredictCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class VariaCli implements Callable<Integer> {
  /** Exit status of a user error. */
  public static final int USER_ERROR = 1;

  /** Exit status of an internal error. */
  public static final int INTERNAL_ERROR = 3;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on the standard streams and returns its exit status. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Runs the command line with its output and errors captured (for tests and embedding). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    int status = cl.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /** The command line with Varia's error handling: messages, never stack traces. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new VariaCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(VariaCli::onException);
    cl.setParameterExceptionHandler(VariaCli::onBadArguments);
    return cl;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("error: " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("see '" + cl.getCommandSpec().qualifiedName() + " --help'");
    }
    err.flush();
    return USER_ERROR;
  }

  private static int onException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    int status;
    if (e instanceof UserError u) {
      err.println(u.diagnostics().isEmpty() ? "error: " + u.getMessage() : u.render());
      status = USER_ERROR;
    } else if (e instanceof VariaException v) {
      err.println("error: " + v.getMessage());
      status = USER_ERROR;
    } else {
      err.println(
          "internal error: "
              + e
              + "\nthis is a bug in Varia, not in your program: please report it"
              + " (VARIA_DEBUG=1 shows the Java stack trace)");
      if (System.getenv("VARIA_DEBUG") != null) {
        e.printStackTrace(err);
      }
      status = INTERNAL_ERROR;
    }
    err.flush();
    return status;
  }
}
