package dev.varia.lang.cli;

import dev.varia.lang.Compilation;
import dev.varia.lang.run.FitOptions;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.FitPlan;
import dev.varia.lang.run.FitPlanner;
import dev.varia.lang.run.FitRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code varia run FILE.ppl}: runs every {@code fit} declaration of the file in order (or the
 * default fit of its only model), printing each summary; with {@code --out DIR} each fit's files go
 * to {@code DIR/<fit label>} (to DIR itself when there is one fit).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run every fit declaration of a .ppl file (or the default fit of its only model) and print"
          + " the summaries.",
      "Exit status: 0 all fitted, 1 user error, 2 a fit failed."
    })
final class RunCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the .ppl file")
  private Path file;

  @Option(
      names = {"--data", "-d"},
      paramLabel = "DATA",
      description = "a data file (Stan/posteriordb JSON, or CSV); default: FILE's base name .json")
  private Path data;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "the seed of every fit (default: each declaration's, or 1)")
  private Long seed;

  @Option(
      names = {"--out", "-o"},
      paramLabel = "DIR",
      description = "write each fit's results to DIR (DIR/LABEL when there are several fits)")
  private Path out;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      description = "bar, lines or none (default: a bar on a terminal, lines otherwise)")
  private ProgressReporter.Mode progress;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Compilation c = Loader.load(file, data, err);
    FitOptions options = seed == null ? FitOptions.none() : FitOptions.none().withSeed(seed);
    List<FitPlan> plans = FitPlanner.plans(c, options, true);
    int status = 0;
    for (int i = 0; i < plans.size(); i++) {
      FitPlan plan = plans.get(i);
      if (i > 0) {
        stdout.println();
      }
      err.println(plan.describe());
      err.flush();
      ProgressReporter reporter =
          new ProgressReporter(
              progress != null ? progress : ProgressReporter.auto(), err, System.err, () -> false);
      FitOutcome o = FitRunner.run(c, plan, reporter);
      Path dir = out == null ? null : plans.size() == 1 ? out : out.resolve(plan.name());
      status = Math.max(status, Outcomes.report(o, dir, c.source(), stdout, err));
    }
    return status;
  }
}
