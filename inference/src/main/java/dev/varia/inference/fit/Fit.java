package dev.varia.inference.fit;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tape;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.adev.ParamBinding;
import dev.varia.inference.checkpoint.Checkpoint;
import dev.varia.inference.checkpoint.CheckpointFile;
import dev.varia.inference.checkpoint.ParameterSnapshot;
import dev.varia.inference.checkpoint.RngState;
import dev.varia.inference.diagnostics.ObjectiveConvergence;
import dev.varia.inference.optim.Adam;
import dev.varia.inference.optim.Gradient;
import dev.varia.inference.optim.NonFiniteGradientException;
import dev.varia.inference.optim.Optimizer;
import dev.varia.inference.optim.ParameterArrays;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fit loop: each step draws one estimate of the objective (a fresh random stream derived from
 * the seed and the step, so runs are reproducible and resumable), computes its gradient in one
 * backward pass, and moves the parameters <em>uphill</em> (objectives are maximised). Several
 * estimators alternate step by step (reweighted wake-sleep's wake-p and wake-q).
 *
 * <p>A non-finite objective or gradient stops the fit with a message naming the step and the site
 * or parameter; the parameters keep their last good values. A checkpoint file (written atomically)
 * can be saved periodically and resumed.
 */
public final class Fit {
  private final List<Estimator> estimators;
  private Optimizer optimizer = Adam.of(0.01);
  private int steps = 1000;
  private long seed = 1;
  private final List<FitCallback> callbacks = new ArrayList<>();
  private ObjectiveConvergence convergence;
  private Path checkpoint;
  private int checkpointEvery = 100;
  private Checkpoint resumeFrom;

  private Fit(List<Estimator> estimators) {
    if (estimators.isEmpty()) {
      throw new IllegalArgumentException("a fit needs at least one estimator");
    }
    this.estimators = List.copyOf(estimators);
  }

  /** A fit of one objective. */
  public static Fit of(Estimator estimator) {
    return new Fit(List.of(estimator));
  }

  /** A fit that alternates the estimators step by step (e.g. wake-p then wake-q). */
  public static Fit alternating(List<Estimator> estimators) {
    return new Fit(estimators);
  }

  /** The optimiser (default Adam with learning rate 0.01). */
  public Fit optimizer(Optimizer o) {
    this.optimizer = o;
    return this;
  }

  /** The number of steps (default 1000). */
  public Fit steps(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + n);
    }
    this.steps = n;
    return this;
  }

  /** The seed (default 1). */
  public Fit seed(long s) {
    this.seed = s;
    return this;
  }

  /** Adds a callback run after every step. */
  public Fit callback(FitCallback c) {
    callbacks.add(c);
    return this;
  }

  /**
   * Stops early when {@code rule} (Stan ADVI's relative-change rule) says the objective has
   * converged; on resume the saved history is replayed into it.
   */
  public Fit convergence(ObjectiveConvergence rule) {
    this.convergence = rule;
    return this;
  }

  /** Saves a checkpoint to {@code file} every {@code every} steps and at the end. */
  public Fit checkpoint(Path file, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint interval must be >= 1");
    }
    this.checkpoint = file;
    this.checkpointEvery = every;
    return this;
  }

  /** Continues the fit saved in {@code file}: parameters, optimiser state, step and history. */
  public Fit resume(Path file) {
    this.resumeFrom = CheckpointFile.load(file);
    return this;
  }

  /** Runs the fit. */
  public FitResult run() {
    Tape tape = new Tape();
    RandomStream root = RandomStream.seeded(seed);
    List<Double> history = new ArrayList<>();
    Map<String, double[]> params = new LinkedHashMap<>();
    int start = 0;
    if (resumeFrom != null) {
      start = restore(tape, root, params, history);
    }
    FitResult.Status status = FitResult.Status.COMPLETED;
    String message = "completed " + steps + " steps";
    for (int step = start + 1; step <= steps; step++) {
      Estimator est = estimators.get((step - 1) % estimators.size());
      tape.reset();
      Estimator.Estimate e;
      try {
        e = est.estimate(tape, root.fork(step));
      } catch (VariaException ex) {
        status = FitResult.Status.FAILED;
        message = "step " + step + ": " + ex.getMessage();
        break;
      }
      double value = e.value().get(0);
      if (!Double.isFinite(value)) {
        status = FitResult.Status.FAILED;
        message =
            "step "
                + step
                + ": the objective estimate is "
                + value
                + (e.problem() == null ? "" : " (" + e.problem() + ")")
                + "; the parameters are the last good ones (step "
                + (step - 1)
                + ")";
        break;
      }
      tape.backward(e.value());
      Map<String, double[]> grads = new LinkedHashMap<>();
      for (ParamBinding.Bound b : e.params().trainable()) {
        double[] g = new double[b.storage().length];
        b.gradientInto(g);
        grads.put(b.key(), g);
        params.put(b.key(), b.storage());
      }
      try {
        if (!grads.isEmpty()) {
          optimizer.step(ParameterArrays.of(params), Gradient.ofObjective(grads));
        }
      } catch (NonFiniteGradientException ex) {
        status = FitResult.Status.FAILED;
        message =
            "step "
                + step
                + ": the gradient of parameter "
                + ex.parameter()
                + " is not finite"
                + (e.problem() == null ? "" : " (" + e.problem() + ")")
                + "; the parameters are the last good ones (step "
                + (step - 1)
                + ")";
        break;
      }
      est.state().endStep();
      history.add(value);
      boolean go = true;
      for (FitCallback c : callbacks) {
        go &= c.afterStep(step, value);
      }
      if (checkpoint != null && (step % checkpointEvery == 0 || step == steps)) {
        save(step, params, history);
      }
      if (!go) {
        status = FitResult.Status.STOPPED;
        message = "stopped after step " + step;
        break;
      }
      if (convergence != null && convergence.observe(value).converged()) {
        status = FitResult.Status.CONVERGED;
        message = "converged after " + step + " steps";
        break;
      }
    }
    double[] h = history.stream().mapToDouble(Double::doubleValue).toArray();
    return new FitResult(status, h.length, h, message);
  }

  private void save(int step, Map<String, double[]> params, List<Double> history) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("objectives", estimators.stream().map(x -> x.objective().name()).toList().toString());
    estimators
        .get(0)
        .state()
        .movingAverages()
        .forEach((k, v) -> meta.put("baseline." + k, Double.toString(v)));
    Checkpoint c =
        new Checkpoint(
            step,
            ParameterSnapshot.of(ParameterArrays.of(params)),
            optimizer.state(),
            history.stream().mapToDouble(Double::doubleValue).toArray(),
            RngState.seedOnly(seed),
            meta);
    CheckpointFile.save(checkpoint, c);
  }

  private int restore(
      Tape tape, RandomStream root, Map<String, double[]> params, List<Double> history) {
    // one value-only evaluation declares every parameter in the stores
    for (Estimator est : estimators) {
      tape.reset();
      try (Tape.ValueOnly v = tape.valueOnly()) {
        est.estimate(tape, root.fork(0));
      }
    }
    Map<String, double[]> all = new LinkedHashMap<>();
    for (ParamStore store : stores()) {
      store.entries().forEach((k, en) -> all.put(k, en.unconstrained()));
    }
    Map<String, ParameterSnapshot> saved = resumeFrom.parameters();
    Map<String, double[]> used = new LinkedHashMap<>();
    for (String k : saved.keySet()) {
      if (!all.containsKey(k)) {
        throw new VariaException("the checkpoint has parameter " + k + ", which this fit does not");
      }
      used.put(k, all.get(k));
    }
    ParameterSnapshot.restore(saved, ParameterArrays.of(used));
    params.putAll(used);
    if (resumeFrom.optimizer() != null) {
      optimizer.restore(resumeFrom.optimizer());
    }
    Map<String, Double> baselines = new LinkedHashMap<>();
    resumeFrom
        .metadata()
        .forEach(
            (k, v) -> {
              if (k.startsWith("baseline.")) {
                baselines.put(k.substring("baseline.".length()), Double.parseDouble(v));
              }
            });
    estimators.get(0).state().restoreMovingAverages(baselines);
    for (double v : resumeFrom.objectiveHistory()) {
      history.add(v);
      if (convergence != null) {
        convergence.observe(v);
      }
    }
    return (int) resumeFrom.step();
  }

  private List<ParamStore> stores() {
    List<ParamStore> out = new ArrayList<>();
    for (Estimator est : estimators) {
      for (GenerativeFunction f : est.functions().values()) {
        if (out.stream().noneMatch(s -> s == f.params())) {
          out.add(f.params());
        }
      }
    }
    return out;
  }
}
