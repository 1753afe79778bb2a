package dev.varia.lang.run.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Selection;
import dev.varia.inference.guide.AutoFit;
import dev.varia.inference.guide.AutoGuide;
import dev.varia.inference.guide.GuideKind;
import dev.varia.inference.guide.GuideOptions;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.results.FitReport;
import dev.varia.lang.Compilation;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.run.FitListener;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.FitPlan;
import dev.varia.lang.run.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fit with an automatic guide, by the inference layer's {@link AutoFit}: a mode search by L-BFGS,
 * a guide built around the Laplace approximation there, a step-size search, re-whitening rounds and
 * an averaged main phase of the plan's steps; the default objective is the ELBO (refitted with
 * IWELBO where k-hat shows the guide unreliable). A learning rate written in the fit replaces the
 * step-size search; the plan's steps are those of the main phase.
 */
public final class AutoGuideFit {
  private final Compilation compilation;
  private final FitPlan plan;
  private final FitListener listener;

  /** A fit of {@code plan} for the compiled file. */
  public AutoGuideFit(Compilation compilation, FitPlan plan, FitListener listener) {
    this.compilation = compilation;
    this.plan = plan;
    this.listener = listener;
  }

  /** The guide options of an automatic guide choice ({@code rank}, {@code layers}). */
  public static GuideOptions options(FitSpec.GuideChoice.Auto a) {
    int rank = (int) Math.round(a.options().getOrDefault("rank", 0.0));
    int layers = (int) Math.round(a.options().getOrDefault("layers", 0.0));
    if (rank < 0 || layers < 0) {
      throw new UserError(a.kind() + ": sizes must be whole numbers >= 1");
    }
    return new GuideOptions(rank, layers, 0);
  }

  /** Runs it. */
  public FitOutcome run() {
    long t0 = System.nanoTime();
    if (plan.checkpoint() != null || plan.resume() != null) {
      throw new UserError(
          "--checkpoint and --resume work with guides written in the file; an automatic fit"
              + " starts from the mode and is not resumed");
    }
    FitSpec.GuideChoice.Auto a = (FitSpec.GuideChoice.Auto) plan.guide();
    ParamStore modelParams = new ParamStore();
    GenerativeFunction model;
    try {
      model =
          GenerativeFunction.compile(
              compilation.program().orElseThrow(),
              plan.model(),
              compilation.data().orElseThrow(),
              Families.standard(),
              modelParams);
    } catch (VariaException | IllegalArgumentException e) {
      throw new UserError(plan.model() + ": " + e.getMessage());
    }
    List<String> notes = new ArrayList<>();
    boolean[] stopped = {false};
    AutoFit fit =
        AutoFit.of(model)
            .seed(plan.seed())
            .steps((int) Math.min(plan.steps(), Integer.MAX_VALUE))
            .draws(plan.draws())
            .guideOptions(options(a))
            .callback(
                (step, value) -> {
                  boolean go = listener.step(step, value);
                  stopped[0] |= !go;
                  return go;
                });
    if (!a.kind().equals(FitPlan.DEFAULT_GUIDE)) {
      try {
        fit.guide(GuideKind.parse(a.kind()));
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    Objective objective = objective(notes);
    if (objective != null) {
      fit.objective(objective);
    }
    if (plan.optimizer() != null) {
      if (!plan.optimizer().name().equals("adam")) {
        notes.add(
            "automatic guides are fitted with Adam: the optimiser "
                + plan.optimizer().name()
                + " is not used (its learning rate is)");
      }
      fit.learningRates(100, plan.optimizer().settings().getOrDefault("lr", 0.01));
    }
    if (plan.steps() < 2) {
      throw new UserError("an automatic fit needs at least 2 steps");
    }
    listener.phase(
        "finding the mode (L-BFGS), building the guide around it and choosing the step size");
    listener.started(plan, 1, plan.steps());
    FitReport report;
    try {
      report = fit.run();
    } catch (VariaException | IllegalArgumentException | IllegalStateException e) {
      listener.finished();
      return new FitOutcome(
          plan,
          guideName(a),
          objective == null ? "elbo" : objective.name(),
          FitOutcome.Status.FAILED,
          e.getMessage(),
          null,
          List.of(),
          null,
          null,
          Double.NaN,
          Double.NaN,
          0,
          false,
          (System.nanoTime() - t0) / 1e9,
          0,
          new double[0],
          notes,
          Map.of(),
          null);
    }
    listener.finished();
    notes.addAll(report.notes());
    Map<String, Tensor> params = new LinkedHashMap<>(UserGuideFit.snapshot(modelParams));
    AutoGuide guide = null;
    if (report.approximation() instanceof AutoGuide g) {
      guide = g;
      params.putAll(UserGuideFit.snapshot(g.params()));
    }
    return OutcomeOf.report(
        plan,
        report,
        stopped[0] ? FitOutcome.Status.STOPPED : FitOutcome.Status.FITTED,
        report.converged() && !stopped[0],
        notes,
        params,
        guide);
  }

  private String guideName(FitSpec.GuideChoice.Auto a) {
    return a.kind();
  }

  /**
   * The objective to pass, or null for AutoFit's default (the ELBO with one particle, refitted with
   * IWELBO where the guide is unreliable).
   */
  private Objective objective(List<String> notes) {
    if (plan.objective() instanceof FitSpec.ObjectiveChoice.Library l
        && l.name().equals("elbo")
        && plan.particles() == 1) {
      return null;
    }
    if (plan.objective() instanceof FitSpec.ObjectiveChoice.Library l
        && (l.name().equals("hvi") || l.name().equals("iwhvi") || l.name().equals("diwhvi"))) {
      throw new UserError(
          l.name()
              + " needs a hierarchical guide with auxiliary choices; automatic guides have none"
              + " (write a guide, or use elbo or iwelbo)");
    }
    return ObjectiveFactory.build(plan, Selection.all(), notes);
  }
}
