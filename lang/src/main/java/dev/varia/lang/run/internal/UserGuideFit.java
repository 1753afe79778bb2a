package dev.varia.lang.run.internal;

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
import dev.varia.inference.checkpoint.CheckpointException;
import dev.varia.inference.checkpoint.CheckpointFile;
import dev.varia.inference.diagnostics.ObjectiveConvergence;
import dev.varia.inference.fit.Fit;
import dev.varia.inference.fit.FitResult;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Role;
import dev.varia.inference.results.FitReport;
import dev.varia.inference.results.FitReports;
import dev.varia.inference.results.GuideApproximation;
import dev.varia.lang.Compilation;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.run.FitListener;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.FitPlan;
import dev.varia.lang.run.UserError;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fit with a guide written in the file: the objective's estimator over the compiled model and
 * guide (sharing one parameter store), the fit loop with the plan's optimiser, then the results
 * from the guide's draws.
 */
public final class UserGuideFit {
  /** Fresh estimates behind the final value of the objective. */
  public static final int OBJECTIVE_ESTIMATES = 1000;

  private final Compilation compilation;
  private final FitPlan plan;
  private final FitListener listener;

  /** A fit of {@code plan} for the compiled file. */
  public UserGuideFit(Compilation compilation, FitPlan plan, FitListener listener) {
    this.compilation = compilation;
    this.plan = plan;
    this.listener = listener;
  }

  /** Runs it. */
  public FitOutcome run() {
    long t0 = System.nanoTime();
    String guideName = ((FitSpec.GuideChoice.User) plan.guide()).name();
    Program program = compilation.program().orElseThrow();
    Map<String, Tensor> data = compilation.data().orElseThrow();
    ParamStore store = new ParamStore();
    GenerativeFunction model = compile(program, plan.model(), data, store);
    GenerativeFunction guide = compile(program, guideName, data, store);
    List<String> notes = new ArrayList<>();
    Objective objective = ObjectiveFactory.build(plan, modelLatents(), notes);
    Estimator est;
    try {
      est = Estimator.of(objective, bind(objective, model, guide));
    } catch (VariaException | IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Fit fit =
        Fit.of(est)
            .optimizer(
                plan.optimizer() == null
                    ? OptimizerFactory.defaultOptimizer()
                    : OptimizerFactory.build(plan.optimizer()))
            .steps(Math.toIntExact(Math.min(plan.steps(), Integer.MAX_VALUE)))
            .seed(plan.seed());
    ObjectiveConvergence rule =
        ObjectiveConvergence.builder().bufferSizeForIterations(plan.steps()).build();
    boolean[] convergedLate = {false};
    long lateFrom = plan.steps() - plan.steps() / 4;
    fit.callback(
        (step, value) -> {
          if (rule.observe(value).converged() && step >= lateFrom) {
            convergedLate[0] = true;
          }
          return listener.step(step, value);
        });
    if (plan.checkpoint() != null) {
      fit.checkpoint(plan.checkpoint(), plan.checkpointEvery());
    }
    long first = 1;
    if (plan.resume() != null) {
      if (!Files.isRegularFile(plan.resume())) {
        throw new UserError("cannot resume: no checkpoint file " + plan.resume());
      }
      try {
        first = CheckpointFile.load(plan.resume()).step() + 1;
        fit.resume(plan.resume());
      } catch (VariaException | IllegalArgumentException e) {
        throw new UserError("cannot resume from " + plan.resume() + ": " + e.getMessage());
      }
    }
    listener.started(plan, first, plan.steps());
    FitResult r;
    try {
      r = fit.run();
    } catch (CheckpointException e) {
      throw new UserError("checkpoint: " + e.getMessage());
    } catch (VariaException e) {
      throw new UserError(e.getMessage());
    } finally {
      listener.finished();
    }
    Map<String, Tensor> params = snapshot(store);
    double[] trace = r.history();
    if (!r.ok()) {
      return failed(r.message(), guideName, objective, r, params, trace, notes, t0);
    }
    listener.phase("computing summaries from " + plan.draws() + " guide draws");
    RandomStream root = RandomStream.seeded(plan.seed()).fork(1L << 40);
    FitReport report;
    try {
      report =
          FitReports.of(
              GuideApproximation.of(model, guide),
              est,
              r,
              (System.nanoTime() - t0) / 1e9,
              plan.draws(),
              OBJECTIVE_ESTIMATES,
              root);
    } catch (VariaException | IllegalArgumentException e) {
      return failed(
          "the fit ran, but drawing from the fitted guide failed: " + e.getMessage(),
          guideName,
          objective,
          r,
          params,
          trace,
          notes,
          t0);
    }
    notes.addAll(report.notes());
    boolean converged = r.status() == FitResult.Status.CONVERGED || convergedLate[0];
    return OutcomeOf.report(
        plan,
        report,
        r.status() == FitResult.Status.STOPPED
            ? FitOutcome.Status.STOPPED
            : FitOutcome.Status.FITTED,
        converged,
        notes,
        params,
        null);
  }

  private FitOutcome failed(
      String message,
      String guideName,
      Objective objective,
      FitResult r,
      Map<String, Tensor> params,
      double[] trace,
      List<String> notes,
      long t0) {
    return new FitOutcome(
        plan,
        guideName,
        objective.name(),
        FitOutcome.Status.FAILED,
        message,
        null,
        List.of(),
        null,
        null,
        Double.NaN,
        Double.NaN,
        r.steps(),
        false,
        (System.nanoTime() - t0) / 1e9,
        r.steps(),
        trace,
        notes,
        params,
        null);
  }

  private static GenerativeFunction compile(
      Program program, String name, Map<String, Tensor> data, ParamStore store) {
    try {
      return GenerativeFunction.compile(program, name, data, Families.standard(), store);
    } catch (VariaException | IllegalArgumentException e) {
      throw new UserError(name + ": " + e.getMessage());
    }
  }

  /** The model's top-level sites (random choices and call namespaces). */
  private Selection modelLatents() {
    var sites = compilation.checked().orElseThrow().sites().get(plan.model());
    if (sites == null || sites.isEmpty()) {
      return Selection.none();
    }
    return Selection.of(sites.keySet().stream().map(Address::of).toArray(Address[]::new));
  }

  /** The objective's generative-function names bound to the model and the guide by their roles. */
  static Map<String, GenerativeFunction> bind(
      Objective objective, GenerativeFunction model, GenerativeFunction guide) {
    Map<String, GenerativeFunction> out = new LinkedHashMap<>();
    objective.functions().forEach((n, role) -> out.put(n, role == Role.MODEL ? model : guide));
    return out;
  }

  /** The constrained values of every parameter of the store. */
  public static Map<String, Tensor> snapshot(ParamStore store) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (String k : store.keys()) {
      store.get(k).ifPresent(v -> out.put(k, v));
    }
    return out;
  }
}
