package dev.varia.examples.ppl;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Program;
import dev.varia.lang.Compilation;
import dev.varia.lang.Compiler;
import dev.varia.lang.data.DataFile;
import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.run.FitListener;
import dev.varia.lang.run.FitOptions;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.FitPlan;
import dev.varia.lang.run.FitPlanner;
import dev.varia.lang.run.FitRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A .ppl program compiled with its data, for examples driven from Java: its fits run as {@code
 * varia run} runs them ({@link FitRunner}), and its models and guides are available as generative
 * functions for fits the language cannot declare (alternating objectives, minibatches over fixed
 * batches).
 */
public final class PplProgram {
  private final Compilation compilation;

  private PplProgram(Compilation compilation) {
    this.compilation = compilation;
  }

  /**
   * Compiles {@code file} with an optional data file.
   *
   * @throws PplException with the rendered diagnostics if the program or data have errors
   */
  public static PplProgram compile(Path file, Optional<Path> data) {
    return checked(Compiler.compileFile(file, data));
  }

  /**
   * Compiles {@code file} with data given from Java (e.g. read from a file the language cannot read
   * directly).
   *
   * @throws PplException with the rendered diagnostics if the program or data have errors
   */
  public static PplProgram compile(Path file, DataFile data) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PplException("cannot read " + file + ": " + e.getMessage());
    }
    return checked(Compiler.compile(new SourceFile(file.toString(), text), Optional.of(data)));
  }

  private static PplProgram checked(Compilation c) {
    if (!c.ok() || c.program().isEmpty() || c.data().isEmpty()) {
      throw new PplException(c.diagnostics().render());
    }
    return new PplProgram(c);
  }

  /** The lowered IR program (every model and guide of the file). */
  public Program program() {
    return compilation.program().orElseThrow();
  }

  /** The complete data: fields read from the data file and the data block's definitions. */
  public Map<String, Tensor> data() {
    return compilation.data().orElseThrow();
  }

  /** The file's {@code fit} declarations, in order. */
  public List<FitSpec> fits() {
    return compilation.fits();
  }

  /** The fit labelled {@code label}. */
  public FitSpec fit(String label) {
    return fits().stream()
        .filter(f -> f.name().equals(label))
        .findFirst()
        .orElseThrow(() -> new PplException("no fit labelled " + label));
  }

  /** The file's only (or first) fit declaration. */
  public FitSpec fit() {
    if (fits().isEmpty()) {
      throw new PplException(compilation.source().name() + " declares no fit");
    }
    return fits().get(0);
  }

  /**
   * The model or guide {@code name}, compiled with the data, keeping parameters in {@code store}.
   */
  public GenerativeFunction function(String name, ParamStore store) {
    if (program().get(name).isEmpty()) {
      throw new PplException("no model or guide named " + name);
    }
    return GenerativeFunction.compile(program(), name, data(), Families.standard(), store);
  }

  /**
   * The model ({@code "p"}) and user-written guide ({@code "q"}) of {@code spec}, sharing a fresh
   * parameter store: the arguments of an objective's estimator.
   */
  public Map<String, GenerativeFunction> bind(FitSpec spec) {
    if (!(spec.guide() instanceof FitSpec.GuideChoice.User user)) {
      throw new PplException(
          "fit " + spec.name() + ": bind needs a guide written in the file, not an automatic one");
    }
    ParamStore store = new ParamStore();
    return Map.of("p", function(spec.model(), store), "q", function(user.name(), store));
  }

  /** Runs the fit labelled {@code label} as declared, through the command line's fit runner. */
  public FitOutcome run(String label) {
    FitPlan plan = FitPlanner.plan(compilation, FitOptions.none().withFit(label));
    FitOutcome o = FitRunner.run(compilation, plan, FitListener.silent());
    if (!o.ok()) {
      throw new PplException("fit " + label + " failed: " + o.message());
    }
    return o;
  }

  /** Runs the file's only (or first) fit as declared. */
  public FitOutcome run() {
    return run(fit().name());
  }
}
