package dev.varia.examples.ppl;

import dev.varia.lang.objective.FitSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs every {@code fit} declaration of a .ppl file and prints a posterior summary of each: {@code
 * examples/run ppl FILE.ppl [DATA] [--steps N]}. A stand-in for {@code varia run} in the examples.
 */
public final class RunPpl {
  private RunPpl() {}

  /** Compiles the file, runs its fits and prints the results. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: RunPpl FILE.ppl [DATA.json|DATA.csv] [--steps N]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    Optional<Path> data = Optional.empty();
    OptionalLong steps = OptionalLong.empty();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--steps") && i + 1 < args.length) {
        steps = OptionalLong.of(Long.parseLong(args[++i]));
      } else {
        data = Optional.of(Path.of(args[i]));
      }
    }
    try {
      PplProgram program = PplProgram.compile(file, data);
      for (FitSpec spec : program.fits()) {
        FitSpec run = steps.isPresent() ? withSteps(spec, steps.getAsLong()) : spec;
        FittedModel fit = program.run(run);
        System.out.printf(
            Locale.ROOT,
            "fit %s: %s, %d steps in %.1f s%n",
            spec.name(),
            fit.result().message(),
            fit.result().steps(),
            fit.seconds());
        System.out.println("objective at the fitted parameters: " + fit.objective(1000, 7));
        System.out.println(FittedModel.table(fit.summaries(4000, 11)));
        System.out.println();
      }
    } catch (PplException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  /** {@code spec} with another number of steps. */
  public static FitSpec withSteps(FitSpec spec, long steps) {
    return new FitSpec(
        spec.name(),
        spec.model(),
        spec.guide(),
        spec.objective(),
        spec.optimizer(),
        OptionalLong.of(steps),
        spec.particles(),
        spec.seed(),
        spec.span());
  }
}
