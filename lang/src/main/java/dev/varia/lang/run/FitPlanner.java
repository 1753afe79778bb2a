package dev.varia.lang.run;

import dev.varia.lang.Compilation;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.check.CheckedProgram;
import dev.varia.lang.objective.Catalog;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.objective.ObjectiveDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns a compiled file's {@code fit} declarations and the command line's {@link FitOptions} into
 * {@link FitPlan}s. Without a declaration the defaults apply: the file's only model, the default
 * automatic guide, the ELBO. Every mistake (an unknown guide, a bad objective argument, an
 * ambiguous choice) is a {@link UserError} that says what the choices are.
 */
public final class FitPlanner {
  private final Compilation compilation;
  private final CheckedProgram checked;

  private FitPlanner(Compilation compilation) {
    if (!compilation.ok() || compilation.program().isEmpty() || compilation.checked().isEmpty()) {
      throw new UserError(
          compilation.source().name()
              + " cannot be fitted"
              + (compilation.ok() ? " without its data (give --data)" : ": it has errors"),
          compilation.diagnostics().all());
    }
    this.compilation = compilation;
    this.checked = compilation.checked().get();
  }

  /** The plan of the one fit {@code options} select (see {@link #plans}). */
  public static FitPlan plan(Compilation compilation, FitOptions options) {
    return plans(compilation, options, false).get(0);
  }

  /**
   * The plans {@code options} select: the declaration labelled {@code options.fit()}, or the ones
   * for {@code options.model()}, or every declaration of the file (when {@code all}; otherwise the
   * file must have only one), or a default fit of the file's only model.
   */
  public static List<FitPlan> plans(Compilation compilation, FitOptions options, boolean all) {
    return new FitPlanner(compilation).select(options, all);
  }

  private List<FitPlan> select(FitOptions o, boolean all) {
    List<FitSpec> specs = compilation.fits();
    List<FitSpec> chosen = new ArrayList<>();
    if (o.fit() != null) {
      specs.stream().filter(s -> s.name().equals(o.fit())).forEach(chosen::add);
      if (chosen.isEmpty()) {
        throw new UserError(
            "there is no fit labelled '"
                + o.fit()
                + "' in "
                + compilation.source().name()
                + (specs.isEmpty()
                    ? " (it has no fit declarations)"
                    : "; its fits are " + labels(specs)));
      }
    } else if (o.model() != null) {
      requireModel(o.model());
      specs.stream().filter(s -> s.model().equals(o.model())).forEach(chosen::add);
      if (chosen.size() > 1 && !all) {
        throw new UserError(
            "the file has several fits of model "
                + o.model()
                + " ("
                + labels(chosen)
                + "): choose one with --fit NAME");
      }
    } else if (specs.size() > 1 && !all) {
      throw new UserError(
          "the file has several fit declarations ("
              + labels(specs)
              + "): choose one with --fit NAME (or run them all with 'varia run')");
    } else {
      chosen.addAll(specs);
    }
    List<FitPlan> out = new ArrayList<>();
    if (chosen.isEmpty()) {
      String model = o.model() != null ? o.model() : onlyModel();
      out.add(apply(null, model, o));
    } else {
      for (FitSpec s : chosen) {
        out.add(apply(s, s.model(), o));
      }
    }
    return out;
  }

  private FitPlan apply(FitSpec spec, String model, FitOptions o) {
    Optional<Decl.Fit> written = spec == null ? Optional.empty() : declaration(spec);
    FitSpec.GuideChoice guide;
    if (o.guide() != null) {
      guide = guide(o.guide(), model);
    } else if (spec != null && written.map(w -> w.guide().isPresent()).orElse(true)) {
      guide = spec.guide();
    } else {
      guide = new FitSpec.GuideChoice.Auto(FitPlan.DEFAULT_GUIDE, Map.of());
    }
    FitSpec.ObjectiveChoice objective =
        o.objective() != null
            ? objective(o.objective())
            : spec != null
                ? spec.objective()
                : new FitSpec.ObjectiveChoice.Library("elbo", Map.of());
    FitSpec.OptimizerChoice optimizer = null;
    if (spec != null && written.map(FitPlanner::writesOptimizer).orElse(true)) {
      optimizer = spec.optimizer();
    }
    if (o.optimizer() != null || o.learningRate() != null) {
      optimizer = optimizer(o.optimizer(), o.learningRate(), optimizer);
    }
    long steps =
        pick(o.steps(), spec == null ? OptionalLong.empty() : spec.steps(), FitPlan.DEFAULT_STEPS);
    long particles = pick(o.particles(), spec == null ? OptionalLong.empty() : spec.particles(), 1);
    long seed = pick(o.seed(), spec == null ? OptionalLong.empty() : spec.seed(), 1);
    if (steps < 1) {
      throw new UserError("--steps must be at least 1, got " + steps);
    }
    if (particles < 1 || particles > 100_000) {
      throw new UserError("--particles must be between 1 and 100000, got " + particles);
    }
    if (o.draws() != null && (o.draws() < 10 || o.draws() > 10_000_000)) {
      throw new UserError("--draws must be between 10 and 10000000, got " + o.draws());
    }
    if (o.checkpointEvery() != null && o.checkpointEvery() < 1) {
      throw new UserError("--checkpoint-every must be at least 1, got " + o.checkpointEvery());
    }
    return new FitPlan(
        spec == null ? model : spec.name(),
        model,
        guide,
        objective,
        optimizer,
        steps,
        particles,
        seed,
        o.checkpoint(),
        o.checkpointEvery() == null ? FitPlan.DEFAULT_CHECKPOINT_EVERY : o.checkpointEvery(),
        o.resume(),
        o.draws() == null ? FitPlan.DEFAULT_DRAWS : o.draws());
  }

  private static long pick(Long given, OptionalLong declared, long otherwise) {
    return given != null ? given : declared.orElse(otherwise);
  }

  private static boolean writesOptimizer(Decl.Fit f) {
    return f.items().stream()
        .anyMatch(
            i ->
                i instanceof Decl.FitItem.Named n
                    && Catalog.optimizer(n.call().name().text()).isPresent());
  }

  /** The fit's declaration in the syntax, found by its place in the file. */
  private Optional<Decl.Fit> declaration(FitSpec spec) {
    for (Decl d : checked.unit().decls()) {
      if (d instanceof Decl.Fit f
          && spec.span() != null
          && f.loc().line() == spec.span().line()
          && f.loc().column() == spec.span().column()) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private String onlyModel() {
    List<String> models = models();
    if (models.size() == 1) {
      return models.get(0);
    }
    if (models.isEmpty()) {
      throw new UserError(compilation.source().name() + " declares no model to fit");
    }
    throw new UserError(
        "the file has several models ("
            + String.join(", ", models)
            + ") and no fit declaration: choose one with --model NAME");
  }

  private List<String> models() {
    List<String> out = new ArrayList<>();
    checked
        .generativeFunctions()
        .forEach(
            (n, g) -> {
              if (!g.guide() && g.params().isEmpty()) {
                out.add(n);
              }
            });
    return out;
  }

  private void requireModel(String name) {
    Decl.Gen g = checked.generativeFunctions().get(name);
    if (g == null || g.guide()) {
      throw new UserError(
          (g == null ? "there is no model named '" + name + "'" : name + " is a guide, not a model")
              + "; the file's models are "
              + String.join(", ", models()));
    }
    if (!g.params().isEmpty()) {
      throw new UserError("model " + name + " takes arguments, so it cannot be fitted by itself");
    }
  }

  private FitSpec.GuideChoice guide(String text, String model) {
    Spec s = Spec.parse(text, "--guide");
    if (s.name.equals(FitPlan.DEFAULT_GUIDE)) {
      return new FitSpec.GuideChoice.Auto(FitPlan.DEFAULT_GUIDE, Map.of());
    }
    Optional<Catalog.Entry> auto = Catalog.autoGuide(s.name);
    if (auto.isPresent()) {
      return new FitSpec.GuideChoice.Auto(s.name, s.bind(auto.get(), "automatic guide"));
    }
    Decl.Gen g = checked.generativeFunctions().get(s.name);
    if (g != null && g.guide()) {
      if (!s.args.isEmpty()) {
        throw new UserError("guide " + s.name + " takes no arguments");
      }
      if (g.target().isPresent() && !g.target().get().text().equals(model)) {
        throw new UserError(
            "guide "
                + s.name
                + " is a guide for "
                + g.target().get().text()
                + ", not for "
                + model);
      }
      return new FitSpec.GuideChoice.User(s.name);
    }
    List<String> names = new ArrayList<>(Catalog.autoGuideNames());
    checked
        .generativeFunctions()
        .forEach(
            (n, x) -> {
              if (x.guide()) {
                names.add(n);
              }
            });
    throw new UserError(
        (g != null ? s.name + " is a model, not a guide" : "unknown guide '" + s.name + "'")
            + "; the guides are "
            + String.join(", ", names));
  }

  private FitSpec.ObjectiveChoice objective(String text) {
    Spec s = Spec.parse(text, "--objective");
    Optional<Catalog.Entry> lib = Catalog.objective(s.name);
    if (lib.isPresent()) {
      return new FitSpec.ObjectiveChoice.Library(s.name, s.bind(lib.get(), "objective"));
    }
    ObjectiveDef def = checked.objectives().get(s.name);
    if (def != null) {
      if (s.args.size() != def.numericParams().size()) {
        throw new UserError(
            "objective "
                + s.name
                + " takes "
                + def.numericParams().size()
                + " number"
                + (def.numericParams().size() == 1 ? "" : "s")
                + (def.numericParams().isEmpty()
                    ? ""
                    : " (" + String.join(", ", def.numericParams()) + ")")
                + ", written "
                + s.name
                + (def.numericParams().isEmpty()
                    ? ""
                    : ":" + String.join(",", def.numericParams())));
      }
      Map<String, Double> args = new LinkedHashMap<>();
      for (int i = 0; i < s.args.size(); i++) {
        args.put(def.numericParams().get(i), s.args.get(i));
      }
      return new FitSpec.ObjectiveChoice.User(def, args);
    }
    List<String> names = new ArrayList<>(Catalog.objectiveNames());
    names.addAll(checked.objectives().keySet());
    throw new UserError(
        "unknown objective '" + s.name + "'; the objectives are " + String.join(", ", names));
  }

  private static FitSpec.OptimizerChoice optimizer(
      String name, Double lr, FitSpec.OptimizerChoice declared) {
    String n =
        name != null
            ? name.toLowerCase(java.util.Locale.ROOT)
            : declared != null ? declared.name() : "adam";
    Catalog.Entry e =
        Catalog.optimizer(n)
            .orElseThrow(
                () ->
                    new UserError(
                        "unknown optimiser '"
                            + name
                            + "'; the optimisers are "
                            + String.join(", ", Catalog.optimizerNames())));
    Map<String, Double> settings = new LinkedHashMap<>(e.defaults());
    if (declared != null && declared.name().equals(n)) {
      settings.putAll(declared.settings());
    }
    if (lr != null) {
      if (!(lr > 0) || Double.isInfinite(lr)) {
        throw new UserError("--lr must be a positive number, got " + lr);
      }
      settings.put("lr", lr);
    }
    return new FitSpec.OptimizerChoice(n, settings);
  }

  private static String labels(List<FitSpec> specs) {
    return String.join(", ", specs.stream().map(FitSpec::name).toList());
  }

  /** {@code name} or {@code name:a,b}: a name with positional numbers. */
  private static final class Spec {
    final String name;
    final List<Double> args;
    final String flag;
    final String text;

    private Spec(String name, List<Double> args, String flag, String text) {
      this.name = name;
      this.args = args;
      this.flag = flag;
      this.text = text;
    }

    static Spec parse(String text, String flag) {
      String t = text.strip();
      int colon = t.indexOf(':');
      String name = colon < 0 ? t : t.substring(0, colon).strip();
      List<Double> args = new ArrayList<>();
      if (name.isEmpty()) {
        throw new UserError(flag + " needs a name, got '" + text + "'");
      }
      if (colon >= 0) {
        for (String a : t.substring(colon + 1).split(",", -1)) {
          try {
            double v = Double.parseDouble(a.strip());
            if (!Double.isFinite(v)) {
              throw new NumberFormatException();
            }
            args.add(v);
          } catch (NumberFormatException e) {
            throw new UserError(
                flag
                    + " "
                    + text
                    + ": '"
                    + a.strip()
                    + "' is not a number (write e.g. iwelbo:8 or diwhvi:5,5)");
          }
        }
      }
      return new Spec(name, args, flag, text);
    }

    Map<String, Double> bind(Catalog.Entry e, String what) {
      if (args.size() > e.args().size()) {
        throw new UserError(
            flag
                + " "
                + text
                + ": "
                + what
                + " "
                + name
                + " takes "
                + (e.args().isEmpty()
                    ? "no arguments"
                    : "at most " + e.args().size() + " (" + String.join(", ", e.args()) + ")"));
      }
      Map<String, Double> out = new LinkedHashMap<>(e.defaults());
      for (int i = 0; i < args.size(); i++) {
        out.put(e.args().get(i), args.get(i));
      }
      for (String a : e.args()) {
        if (!out.containsKey(a)) {
          throw new UserError(
              flag
                  + " "
                  + text
                  + ": "
                  + what
                  + " "
                  + name
                  + " needs "
                  + String.join(", ", e.args())
                  + ", written "
                  + name
                  + ":"
                  + String.join(",", e.args()));
        }
      }
      return out;
    }
  }
}
