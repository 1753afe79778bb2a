package dev.varia.lang.cli;

import dev.varia.lang.Compilation;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.FitPlan;
import dev.varia.lang.run.FitPlanner;
import dev.varia.lang.run.FitRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code varia fit FILE.ppl [flags]}: runs the file's {@code fit} declaration (or the defaults: the
 * default automatic guide, the ELBO) with the flags' overrides, prints the posterior summary and,
 * with {@code --out DIR}, writes summary.json, draws.csv, params.json and the objective plots. Exit
 * status 0 fitted, 1 user error, 2 the fit failed.
 */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = {
      "Fit a model of a .ppl file: its fit declaration, or the defaults (the default automatic"
          + " guide, the ELBO), with these overrides.",
      "Exit status: 0 fitted, 1 user error, 2 the fit failed (the last good parameters are"
          + " written)."
    },
    footer = {
      "",
      "With an automatic guide the fit starts at the mode (L-BFGS), builds the guide around the"
          + " Laplace approximation there, chooses the step size by a short search unless --lr or"
          + " an optimiser is given, and averages the parameters over the second half of the"
          + " main phase (--steps are its steps); where k-hat shows the default Gaussian guide"
          + " unreliable (above 0.5), or the model has at most 32 latents, it also fits a"
          + " normalising flow around the same reference and keeps it unless its ELBO is"
          + " clearly lower.",
      "Summaries come from --draws guide draws (4000); the objective's final value is the mean"
          + " of 1000 fresh estimates."
    })
final class FitCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the .ppl file")
  private Path file;

  @Option(
      names = {"--data", "-d"},
      paramLabel = "DATA",
      description = "a data file (Stan/posteriordb JSON, or CSV); default: FILE's base name .json")
  private Path data;

  @Mixin private FitFlags flags = new FitFlags();

  @Option(
      names = {"--out", "-o"},
      paramLabel = "DIR",
      description =
          "write summary.json, draws.csv, params.json, objective.png and objective.svg to DIR")
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
    FitPlan plan = FitPlanner.plan(c, flags.options());
    err.println(plan.describe());
    err.flush();
    ProgressReporter reporter =
        new ProgressReporter(
            progress != null ? progress : ProgressReporter.auto(), err, System.err, () -> false);
    FitOutcome o = FitRunner.run(c, plan, reporter);
    return Outcomes.report(o, out, c.source(), stdout, err);
  }
}
