package dev.varia.lang.cli;

import dev.varia.inference.results.Draws;
import dev.varia.lang.Compilation;
import dev.varia.lang.run.FitOptions;
import dev.varia.lang.run.FitPlanner;
import dev.varia.lang.run.ParamsFile;
import dev.varia.lang.run.Predictions;
import dev.varia.lang.run.ResultFiles;
import dev.varia.lang.run.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code varia predict FILE [--params DIR/params.json]}: predictive draws of the model's data to
 * CSV: posterior predictive with fitted parameters (the latents from the fitted guide), prior
 * predictive without.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Predictive draws of a model's data to CSV: posterior predictive with --params (a fit's"
          + " params.json), prior predictive without.",
      "Columns: the replicated data, named after the observed fields (y[1], ...); prior"
          + " predictive draws also hold the latents drawn."
    })
final class PredictCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the .ppl file")
  private Path file;

  @Option(
      names = {"--data", "-d"},
      paramLabel = "DATA",
      description = "a data file (JSON or CSV); default: FILE's base name .json")
  private Path data;

  @Option(
      names = "--params",
      paramLabel = "PARAMS",
      description = "params.json of a fit (varia fit --out DIR writes DIR/params.json)")
  private Path params;

  @Option(names = "--model", paramLabel = "NAME", description = "the model (default: the fit's)")
  private String model;

  @Option(names = "--draws", paramLabel = "N", description = "number of draws (default 1000)")
  private int draws = 1000;

  @Option(names = "--seed", paramLabel = "S", description = "the seed (default 1)")
  private long seed = 1;

  @Option(
      names = {"--out", "-o"},
      paramLabel = "CSV",
      description = "the CSV file (default: predictive.csv beside PARAMS, or in this folder)")
  private Path out;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (draws < 1 || draws > 10_000_000) {
      throw new UserError("--draws must be between 1 and 10000000, got " + draws);
    }
    Compilation c = Loader.load(file, data, err);
    ParamsFile p = params == null ? null : ParamsFile.read(params);
    String m = model;
    if (m == null) {
      m = p != null ? p.model() : FitPlanner.plan(c, FitOptions.none()).model();
    }
    Draws d = Predictions.draw(c, m, p, draws, seed);
    Path target =
        out != null
            ? out
            : params != null && params.toAbsolutePath().getParent() != null
                ? params.toAbsolutePath().getParent().resolve("predictive.csv")
                : Path.of("predictive.csv");
    ResultFiles.writeColumns(target, d);
    stdout.println(
        "wrote "
            + d.size()
            + " "
            + (p == null ? "prior" : "posterior")
            + " predictive draws of model "
            + m
            + " ("
            + d.names().size()
            + " columns) to "
            + target);
    stdout.flush();
    err.flush();
    return 0;
  }
}
