package dev.varia.examples.ppl;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Selection;
import dev.varia.core.ir.Program;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.fit.Fit;
import dev.varia.inference.fit.FitResult;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.AdaGrad;
import dev.varia.inference.optim.Adam;
import dev.varia.inference.optim.Optimizer;
import dev.varia.inference.optim.RmsProp;
import dev.varia.inference.optim.Sgd;
import dev.varia.lang.Compilation;
import dev.varia.lang.Compiler;
import dev.varia.lang.data.DataFile;
import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.objective.ObjectiveTranslation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A .ppl program compiled with its data, and the glue that runs its {@code fit} declarations
 * through the inference layer: the model and guide become generative functions sharing one
 * parameter store, the objective and optimiser are looked up by name, and {@link Fit} optimises.
 *
 * <p>The examples use this until the {@code varia run} command exists; it supports what the
 * examples need (user-written guides, library and user-written objectives, the four optimisers),
 * not automatic guides.
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

  /** The model and guide of {@code spec}, sharing a fresh parameter store. */
  public Map<String, GenerativeFunction> bind(FitSpec spec) {
    if (!(spec.guide() instanceof FitSpec.GuideChoice.User user)) {
      throw new PplException(
          "fit "
              + spec.name()
              + ": automatic guides are not available to the examples yet; write a guide");
    }
    ParamStore store = new ParamStore();
    return Map.of("p", function(spec.model(), store), "q", function(user.name(), store));
  }

  /** Runs the fit {@code spec} (its steps, seed, particles, objective and optimiser). */
  public FittedModel run(FitSpec spec) {
    Map<String, GenerativeFunction> fns = bind(spec);
    Objective objective = objective(spec, fns.get("p"));
    Estimator est = Estimator.of(objective, fns);
    long start = System.nanoTime();
    FitResult r =
        Fit.of(est)
            .optimizer(optimizer(spec.optimizer()))
            .steps((int) spec.steps().orElse(1000))
            .seed(spec.seed().orElse(1))
            .run();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!r.ok()) {
      throw new PplException("fit " + spec.name() + " failed: " + r.message());
    }
    return new FittedModel(spec, r, est, fns.get("p"), fns.get("q"), seconds);
  }

  /** The objective of a fit, with its arguments and the fit's particles. */
  static Objective objective(FitSpec spec, GenerativeFunction model) {
    int particles = (int) spec.particles().orElse(1);
    if (spec.objective() instanceof FitSpec.ObjectiveChoice.User u) {
      return ObjectiveTranslation.translate(u.definition(), u.args());
    }
    FitSpec.ObjectiveChoice.Library lib = (FitSpec.ObjectiveChoice.Library) spec.objective();
    Map<String, Double> a = lib.args();
    return switch (lib.name()) {
      case "elbo" -> Objectives.elbo(particles);
      case "iwelbo" -> Objectives.iwelbo(count(a, "K"));
      case "vimco" -> Objectives.vimco(count(a, "K"));
      case "renyi" -> Objectives.renyi(a.get("alpha"), count(a, "K"));
      case "hvi" -> Objectives.hvi(latents(model));
      case "iwhvi" -> Objectives.iwhvi(latents(model), count(a, "K"));
      case "diwhvi" -> Objectives.diwhvi(latents(model), count(a, "K"), count(a, "L"));
      case "wake_p" -> Objectives.wakeP(count(a, "K"));
      case "wake_q" -> Objectives.wakeQ(count(a, "K"));
      default -> throw new PplException("unknown objective " + lib.name());
    };
  }

  private static int count(Map<String, Double> args, String name) {
    return (int) Math.round(args.get(name));
  }

  /** The addresses of the model's latents (the kept choices of a hierarchical family). */
  private static Selection latents(GenerativeFunction model) {
    return Selection.of(
        model.simulate(RandomStream.seeded(0)).choices().addresses().toArray(new Address[0]));
  }

  /** The optimiser of a fit, with its settings (defaults filled in by the checker). */
  static Optimizer optimizer(FitSpec.OptimizerChoice o) {
    Map<String, Double> s = o.settings();
    double lr = s.getOrDefault("lr", 0.01);
    return switch (o.name()) {
      case "adam" ->
          Adam.builder(lr)
              .beta1(s.getOrDefault("beta1", 0.9))
              .beta2(s.getOrDefault("beta2", 0.999))
              .epsilon(s.getOrDefault("eps", 1e-8))
              .build();
      case "sgd" -> Sgd.builder(lr).momentum(s.getOrDefault("momentum", 0.0)).build();
      case "adagrad" -> AdaGrad.of(lr);
      case "rmsprop" -> RmsProp.builder(lr).rho(s.getOrDefault("decay", 0.9)).build();
      default -> throw new VariaException("unknown optimiser " + o.name());
    };
  }
}
