package dev.varia.inference.guide;

import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.diagnostics.PsisResult;
import dev.varia.inference.fit.Fit;
import dev.varia.inference.fit.FitCallback;
import dev.varia.inference.fit.FitResult;
import dev.varia.inference.guide.internal.DivergenceMonitor;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;
import dev.varia.inference.mode.LogJoint;
import dev.varia.inference.mode.Mode;
import dev.varia.inference.mode.ModeFinder;
import dev.varia.inference.mode.ModeSearch;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.Adam;
import dev.varia.inference.optim.LearningRate;
import dev.varia.inference.results.Draws;
import dev.varia.inference.results.FitReport;
import dev.varia.inference.results.ObjectiveValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits a model with an automatic guide, with defaults meant to work without tuning ("fits that do
 * not depend on luck"):
 *
 * <ol>
 *   <li><b>Mode start.</b> L-BFGS maximises the log joint on the unconstrained scale (log-Jacobians
 *       included) from several uniform(-2, 2) starts ({@link ModeFinder}).
 *   <li><b>Reference Gaussian.</b> At each distinct mode (up to three), the Laplace approximation
 *       (Hessian by central differences of the gradient; above {@link #DENSE_LIMIT} latents, the
 *       L-BFGS inverse-Hessian approximation, as Pathfinder uses). The guide is built around it in
 *       whitened coordinates, so its parameters are of order one whatever the posterior's scale.
 *       Where the search found several modes, the one whose guide has the best objective (estimated
 *       with 200 draws, common random numbers) is kept.
 *   <li><b>Step size.</b> Adam runs 100 steps at each candidate rate (0.03, 0.01, 0.003) from the
 *       same start, and the rate whose guide then has the best objective is kept (Stan ADVI's
 *       adaptation, judged with common random numbers).
 *   <li><b>Adaptation.</b> Three rounds of 300 steps at that rate, each from the guide rebuilt
 *       around its current Gaussian (re-whitened), which keeps the optimiser well conditioned as
 *       the fit moves away from the mode.
 *   <li><b>Main phase.</b> Adam with the rate decaying exponentially to a tenth over {@link #steps}
 *       steps; the parameters are averaged over the second half (Polyak and Juditsky 1992). Every
 *       phase starts with a 20-step warm-up and is watched: if its objective drops significantly
 *       (robust medians, {@link DivergenceMonitor}) or a step fails, the phase restarts from where
 *       it began at a third of the rate (at most 3 times).
 *   <li><b>Results.</b> The objective at the averaged parameters (mean of 1000 fresh estimates,
 *       with its standard error); 4000 raw guide draws with summaries of every latent and reported
 *       quantity, Pareto k-hat with advice, and the evidence estimate (Yao et al. 2018). With
 *       {@link #importanceResampling(boolean)} the draws are instead Pareto-smoothed importance
 *       resamples of a ten times larger pool of guide draws (as Pathfinder reports its draws): then
 *       they describe the importance-corrected posterior rather than the guide.
 *   <li><b>Escalation.</b> Where the default Gaussian guide is unreliable (k-hat above 0.5), or the
 *       model has at most 32 latents (a flow costs seconds there, and a Gaussian misses skew that
 *       k-hat does not flag), a normalising flow is fitted around the same reference for 20 times
 *       the steps, and kept unless its ELBO is lower by more than 2 standard errors.
 * </ol>
 *
 * <p>A MAP fit ({@link GuideKind#MAP}) is L-BFGS alone, on the log joint at the constrained values
 * (no log-Jacobians: Stan's {@code optimize}).
 */
public final class AutoFit {
  /** Up to this many latents the reference is the dense Laplace approximation. */
  public static final int DENSE_LIMIT = 400;

  /** Steps of linear warm-up at the start of every phase (no jolt from a fresh optimiser). */
  static final int WARM_UP = 20;

  /** How often a phase is restarted at a third of the rate after its objective dropped. */
  static final int MAX_RETRIES = 3;

  /**
   * Above this k-hat a Gaussian guide is followed by a flow fit (0.5: Pareto smoothing still copes,
   * but the guide's tails are already too light; k-hat itself is noisy near 0.7).
   */
  static final double ESCALATION_KHAT = 0.5;

  /**
   * Up to this many latents the flow fit always follows the Gaussian one: it costs seconds there,
   * and a Gaussian misses skew (a scale's posterior, a bounded parameter) that k-hat below 0.5 does
   * not flag.
   */
  static final int ESCALATION_ALWAYS_LIMIT = 32;

  /** Coupling layers of the flow fitted where a Gaussian guide is unreliable. */
  static final int ESCALATION_FLOW_LAYERS = 8;

  /** The flow refit runs this many times the main phase's steps. */
  static final int ESCALATION_STEP_FACTOR = 20;

  /** How many times more guide draws form the pool that importance resampling draws from. */
  static final int POOL_FACTOR = 10;

  private final GenerativeFunction model;
  private GuideKind kind;
  private GuideOptions options = GuideOptions.defaults();
  private Objective objective;
  private long seed = 1;
  private int starts = 8;
  private int maxModes = 3;
  private int steps = 2000;
  private double[] learningRates = {0.03, 0.01, 0.003};
  private int pilotSteps = 100;
  private int adaptRounds = 3;
  private int adaptSteps = 300;
  private int selectionEstimates = 200;
  private int draws = 4000;
  private int objectiveEstimates = 1000;
  private boolean modeStart = true;
  private boolean resampling = false;
  private boolean escalation = true;
  private final List<FitCallback> callbacks = new ArrayList<>();

  private AutoFit(GenerativeFunction model) {
    this.model = model;
  }

  /**
   * A fit of {@code model} (a top-level generative function: no arguments, its data bound when it
   * was compiled) with the default guide and settings.
   */
  public static AutoFit of(GenerativeFunction model) {
    return new AutoFit(model);
  }

  /** The guide (default: {@link AutoGuides#defaultKind}). */
  public AutoFit guide(GuideKind k) {
    this.kind = k;
    return this;
  }

  /** Sizes of the low-rank and flow guides. */
  public AutoFit guideOptions(GuideOptions o) {
    this.options = o;
    return this;
  }

  /**
   * The objective, over {@code p} (model) and {@code q} (guide) roles (default: the ELBO, with the
   * IWELBO escalation described in the class comment).
   */
  public AutoFit objective(Objective o) {
    this.objective = o;
    return this;
  }

  /** The seed (default 1): everything random in the fit derives from it. */
  public AutoFit seed(long s) {
    this.seed = s;
    return this;
  }

  /** Number of L-BFGS starts of the mode search (default 8). */
  public AutoFit starts(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("starts must be >= 1");
    }
    this.starts = n;
    return this;
  }

  /** Steps of the main phase (default 2000; at least 2). */
  public AutoFit steps(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("steps must be >= 2");
    }
    this.steps = n;
    return this;
  }

  /** The candidate learning rates of the step-size search, and the pilot length (default 100). */
  public AutoFit learningRates(int pilot, double... rates) {
    if (rates.length == 0 || pilot < 1) {
      throw new IllegalArgumentException("give at least one rate and a pilot of >= 1 step");
    }
    this.learningRates = rates.clone();
    this.pilotSteps = pilot;
    return this;
  }

  /** Re-whitening rounds before the main phase and their length (default 3 of 300 steps). */
  public AutoFit adaptation(int rounds, int roundSteps) {
    if (rounds < 0 || roundSteps < 2) {
      throw new IllegalArgumentException("rounds >= 0 of at least 2 steps");
    }
    this.adaptRounds = rounds;
    this.adaptSteps = roundSteps;
    return this;
  }

  /** How many draws the summaries use (default 4000). */
  public AutoFit draws(int n) {
    if (n < 10) {
      throw new IllegalArgumentException("draws must be >= 10");
    }
    this.draws = n;
    return this;
  }

  /** How many fresh estimates give the final objective (default 1000). */
  public AutoFit objectiveEstimates(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("objectiveEstimates must be >= 2");
    }
    this.objectiveEstimates = n;
    return this;
  }

  /**
   * Whether to start from the mode (default true). Without it the guide starts at {@code N(0, I)}
   * on the unconstrained scale, as a plain ADVI would.
   */
  public AutoFit modeStart(boolean on) {
    this.modeStart = on;
    return this;
  }

  /**
   * Whether the draws are importance resamples of a ten times larger pool of guide draws (default
   * false: the guide's own draws, which describe the fitted approximation).
   */
  public AutoFit importanceResampling(boolean on) {
    this.resampling = on;
    return this;
  }

  /**
   * Whether an ELBO-fitted Gaussian guide that is imperfect (k-hat above 0.5) or small (at most 32
   * latents) is followed by a flow fit, keeping the better ELBO (default true; only with the
   * default guide and objective: a guide or objective asked for by name is kept).
   */
  public AutoFit escalation(boolean on) {
    this.escalation = on;
    return this;
  }

  /** A callback after every main-phase step (progress bars, Ctrl-C). */
  public AutoFit callback(FitCallback c) {
    callbacks.add(c);
    return this;
  }

  /** Runs the fit. */
  public FitReport run() {
    long t0 = System.nanoTime();
    RandomStream root = RandomStream.seeded(seed);
    List<String> notes = new ArrayList<>();
    LatentLayout layout = LatentLayout.of(model);
    int d = layout.dimension();
    GuideKind k = kind != null ? kind : AutoGuides.defaultKind(d);
    Objective obj = objective != null ? objective : Objectives.elbo();
    Cost cost = new Cost();
    if (k == GuideKind.MAP) {
      return map(layout, root, notes, cost, t0, obj);
    }
    GaussianApproximation reference = startingPoint(layout, k, obj, root, notes, cost);
    Optimised fit =
        optimise(
            AutoGuides.create(k, layout, reference, options), obj, root.fork(100), notes, cost, "");
    AutoGuide guide = fit.guide();
    Draws pool = Draws.of(guide, resampling ? POOL_FACTOR * draws : draws, root.fork(6));
    PsisResult psis = pool.psis();
    double khat = psis == null ? Double.NaN : psis.paretoK();
    if (escalation
        && kind == null
        && objective == null
        && (khat > ESCALATION_KHAT || d <= ESCALATION_ALWAYS_LIMIT)
        && k != GuideKind.FLOW
        && guide.currentApproximation() != null) {
      // The Gaussian may not represent the posterior well (Yao et al. 2018), or the model is small
      // enough to afford a check: try a richer family, a normalising flow around the same
      // reference, and keep the better ELBO.
      ObjectiveValue gaussianValue = fit.value(obj, objectiveEstimates, root.fork(5));
      double gaussian = gaussianValue.mean();
      GuideOptions flowOptions =
          new GuideOptions(
              options.rank(),
              Math.max(options.flowLayers(), ESCALATION_FLOW_LAYERS),
              options.flowHidden());
      AutoGuide start = AutoGuides.create(GuideKind.FLOW, layout, reference, flowOptions);
      int flowSteps = ESCALATION_STEP_FACTOR * steps;
      Optimised flow =
          optimise(start, flowOptions, flowSteps, obj, root.fork(200), notes, cost, "flow refit: ");
      ObjectiveValue flowEstimate = flow.value(obj, objectiveEstimates, root.fork(5));
      double flowValue = flowEstimate.mean();
      // the flow contains the Gaussian: keep it unless its ELBO is clearly (2 SE) lower
      double se = Math.hypot(gaussianValue.standardError(), flowEstimate.standardError());
      boolean better = flowValue > gaussian - 2 * se;
      notes.add(
          String.format(
              Locale.ROOT,
              "%s for the %s guide (objective %.6g): fitted a normalising flow (%d coupling"
                  + " layers, %d steps; objective %.6g); kept the %s (the flow unless its objective"
                  + " is lower by more than 2 se)",
              khat > ESCALATION_KHAT
                  ? String.format(Locale.ROOT, "k-hat %.2f > %.1f", khat, ESCALATION_KHAT)
                  : String.format(
                      Locale.ROOT,
                      "k-hat %.2f, %d latents (at most %d: always checked)",
                      khat,
                      d,
                      ESCALATION_ALWAYS_LIMIT),
              k.guideName(),
              gaussian,
              flowOptions.layersFor(layout.dimension()),
              flowSteps,
              flowValue,
              better ? "flow" : "Gaussian"));
      if (better) {
        return results(flow, obj, null, root, notes, cost, t0);
      }
    }
    return results(fit, obj, pool, root, notes, cost, t0);
  }

  /** The reference Gaussian the guide starts from: the mode search, or N(0, I). */
  private GaussianApproximation startingPoint(
      LatentLayout layout,
      GuideKind k,
      Objective obj,
      RandomStream root,
      List<String> notes,
      Cost cost) {
    int d = layout.dimension();
    if (!modeStart) {
      return GaussianApproximation.isotropic(new double[d], 1.0);
    }
    ModeSearch search = ModeFinder.builder().starts(starts).build().find(layout, root.fork(1));
    cost.gradients += search.evaluations();
    notes.add(
        String.format(
            Locale.ROOT,
            "mode search: %d of %d starts converged to %d distinct mode(s); best log density"
                + " %.6g",
            search.modes().size(),
            starts,
            search.distinct().size(),
            search.best().logDensity()));
    notes.addAll(search.problems());
    List<GaussianApproximation> references = new ArrayList<>();
    for (Mode m : search.distinct().subList(0, Math.min(maxModes, search.distinct().size()))) {
      references.add(reference(layout, m, cost, notes));
    }
    GaussianApproximation reference = references.get(0);
    if (references.size() > 1) {
      double best = Double.NEGATIVE_INFINITY;
      StringBuilder sb = new StringBuilder("objective of the guide at each mode:");
      for (GaussianApproximation r : references) {
        AutoGuide g = AutoGuides.create(k, layout, r, options);
        ObjectiveValue v =
            ObjectiveValue.estimate(g.estimator(obj), selectionEstimates, root.fork(2));
        sb.append(String.format(Locale.ROOT, " %.6g (se %.2g)", v.mean(), v.standardError()));
        if (v.mean() > best) {
          best = v.mean();
          reference = r;
        }
      }
      notes.add(sb.toString());
    }
    return reference;
  }

  /**
   * The reference Gaussian at a mode: the Laplace approximation, or the L-BFGS approximation in
   * high dimension or where the Hessian is not usable (not finite: the log density is not smooth
   * there), or N(mode, I) when neither is available.
   */
  private GaussianApproximation reference(
      LatentLayout layout, Mode m, Cost cost, List<String> notes) {
    int d = layout.dimension();
    if (d <= DENSE_LIMIT || m.optimisation() == null) {
      LogJoint f = LogJoint.of(layout, true);
      try {
        return GaussianApproximation.laplace(f, m.point());
      } catch (dev.varia.core.VariaException e) {
        notes.add("no Laplace approximation at the mode (" + e.getMessage() + ")");
      } finally {
        cost.gradients += f.evaluations();
      }
    }
    if (m.optimisation() != null) {
      return GaussianApproximation.fromInverseHessian(
          m.point(), m.optimisation().inverseHessian(), options.rankFor(d));
    }
    return GaussianApproximation.isotropic(m.point(), 1.0);
  }

  /** A guide after stochastic optimisation, with how its main phase went. */
  private record Optimised(AutoGuide guide, FitResult main, boolean converged, String status) {
    ObjectiveValue value(Objective o, int n, RandomStream rng) {
      return ObjectiveValue.estimate(guide.estimator(o), n, rng);
    }
  }

  /**
   * Step-size search, re-whitening adaptation rounds and the averaged main phase, from {@code
   * start} (see the class comment).
   */
  private Optimised optimise(
      AutoGuide start,
      Objective obj,
      RandomStream rng,
      List<String> notes,
      Cost cost,
      String prefix) {
    return optimise(start, options, steps, obj, rng, notes, cost, prefix);
  }

  private Optimised optimise(
      AutoGuide start,
      GuideOptions opts,
      int steps,
      Objective obj,
      RandomStream rng,
      List<String> notes,
      Cost cost,
      String prefix) {
    GuideKind k = start.kind();
    LatentLayout layout = start.layout();
    // step-size search from the same start, judged with common random numbers
    AutoGuide chosen = null;
    double rate = learningRates[learningRates.length - 1];
    double bestValue = Double.NEGATIVE_INFINITY;
    StringBuilder rates = new StringBuilder(prefix + "step-size search (objective after pilot):");
    for (int i = 0; i < learningRates.length; i++) {
      AutoGuide g = AutoGuides.create(k, layout, start.reference(), opts);
      Estimator est = g.estimator(obj);
      Phase r =
          phase(
              est, constantRate(learningRates[i], pilotSteps), pilotSteps, rng.fork(10 + i), null);
      cost.add(r);
      double value =
          r.ok()
              ? ObjectiveValue.estimate(est, selectionEstimates, rng.fork(3)).mean()
              : Double.NEGATIVE_INFINITY;
      rates.append(String.format(Locale.ROOT, " %g: %.6g", learningRates[i], value));
      if (chosen == null || value > bestValue) {
        bestValue = value;
        chosen = g;
        rate = learningRates[i];
      }
    }
    rates.append(String.format(Locale.ROOT, "; chose %g", rate));
    notes.add(rates.toString());
    // adaptation: re-whiten around the guide's current Gaussian, then run at the chosen rate
    for (int round = 0; round < adaptRounds; round++) {
      AutoGuide g = rewhiten(chosen);
      Map<String, double[]> before = snapshot(g);
      for (int attempt = 0; ; attempt++) {
        restore(g, before);
        Phase r =
            phase(
                g.estimator(obj),
                constantRate(rate, adaptSteps),
                adaptSteps,
                rng.fork(20 + 10 * round + attempt),
                null);
        cost.add(r);
        if (r.ok() || attempt == MAX_RETRIES) {
          break;
        }
        rate /= 3;
        notes.add(
            String.format(
                Locale.ROOT,
                "%sadaptation round %d: %s; retrying at rate %g",
                prefix,
                round + 1,
                r.describe(),
                rate));
      }
      chosen = g;
    }
    // main phase with a decaying rate and iterate averaging over its second half
    chosen = rewhiten(chosen);
    ParamStore store = chosen.params();
    Map<String, double[]> before = snapshot(chosen);
    Map<String, double[]> sums = new LinkedHashMap<>();
    int[] averaged = {0};
    int averageFrom = steps / 2 + 1;
    Phase main;
    for (int attempt = 0; ; attempt++) {
      restore(chosen, before);
      sums.clear();
      averaged[0] = 0;
      List<FitCallback> all = new ArrayList<>();
      all.add(
          (step, value) -> {
            if (step >= averageFrom) {
              store
                  .entries()
                  .forEach(
                      (key, e) -> {
                        double[] sum =
                            sums.computeIfAbsent(key, x -> new double[e.unconstrained().length]);
                        double[] u = e.unconstrained();
                        for (int j = 0; j < u.length; j++) {
                          sum[j] += u[j];
                        }
                      });
              averaged[0]++;
            }
            return true;
          });
      all.addAll(callbacks);
      main =
          phase(
              chosen.estimator(obj),
              LearningRate.warmUp(
                  warmUp(steps),
                  LearningRate.exponentialDecay(rate, 0.1, Math.max(1, steps - warmUp(steps)))),
              steps,
              rng.fork(4 + 100 * attempt),
              all);
      cost.add(main);
      if (main.ok() || attempt == MAX_RETRIES) {
        break;
      }
      rate /= 3;
      notes.add(
          String.format(
              Locale.ROOT, "%smain phase: %s; retrying at rate %g", prefix, main.describe(), rate));
    }
    if (averaged[0] > 0) {
      store
          .entries()
          .forEach(
              (key, e) -> {
                double[] sum = sums.get(key);
                double[] u = e.unconstrained();
                for (int j = 0; j < u.length; j++) {
                  u[j] = sum[j] / averaged[0];
                }
              });
      notes.add(prefix + "parameters averaged over the last " + averaged[0] + " steps");
    }
    FitResult r = main.result();
    boolean converged = main.ok() && stable(r.history());
    String status =
        !main.ok()
            ? main.describe()
            : converged
                ? "completed " + r.steps() + " steps; the objective is stable"
                : "completed "
                    + r.steps()
                    + " steps; the objective was still changing at the end (try more steps)";
    return new Optimised(chosen, r, converged, status);
  }

  /** The warm-up of a phase of {@code n} steps: 20 steps, or a quarter of a short phase. */
  private static int warmUp(int n) {
    return Math.max(1, Math.min(WARM_UP, n / 4));
  }

  private static LearningRate constantRate(double rate, int n) {
    return LearningRate.warmUp(warmUp(n), LearningRate.constant(rate));
  }

  /**
   * A phase's outcome: the fit's result, whether the divergence monitor stopped it, and the model
   * gradient evaluations it took (K per step of a K-particle objective).
   */
  private record Phase(FitResult result, boolean diverged, long gradientEvaluations) {
    boolean ok() {
      return result.ok() && !diverged;
    }

    String describe() {
      return diverged ? "the objective dropped (the step size is too large)" : result.message();
    }
  }

  /** One phase of stochastic optimisation with Adam at the given rates, watched for divergence. */
  private static Phase phase(
      Estimator est, LearningRate rate, int n, RandomStream rng, List<FitCallback> callbacks) {
    DivergenceMonitor monitor = new DivergenceMonitor(warmUp(n), 50);
    Fit fit =
        Fit.of(est)
            .optimizer(Adam.builder(rate.at(1)).learningRate(rate).build())
            .steps(n)
            .seed(rng.nextLong())
            .callback(monitor);
    if (callbacks != null) {
      callbacks.forEach(fit::callback);
    }
    long before = est.state().densityEvaluations();
    FitResult r = fit.run();
    return new Phase(r, monitor.diverged(), est.state().densityEvaluations() - before);
  }

  /** What a fit has cost so far: model gradient evaluations over every phase. */
  private static final class Cost {
    long gradients;

    void add(Phase p) {
      gradients += p.gradientEvaluations();
    }
  }

  /** Copies of the guide's unconstrained parameter values. */
  private static Map<String, double[]> snapshot(AutoGuide g) {
    Map<String, double[]> m = new LinkedHashMap<>();
    g.params().entries().forEach((key, e) -> m.put(key, e.unconstrained().clone()));
    return m;
  }

  /**
   * Puts the guide's parameters back as in {@code snapshot}; parameters created since (on first
   * use) go back to their initial values.
   */
  private static void restore(AutoGuide g, Map<String, double[]> snapshot) {
    ParamStore store = g.params();
    for (Map.Entry<String, ParamStore.Entry> e : new ArrayList<>(store.entries().entrySet())) {
      double[] saved = snapshot.get(e.getKey());
      if (saved != null) {
        System.arraycopy(saved, 0, e.getValue().unconstrained(), 0, saved.length);
      } else {
        store.set(e.getValue().site(), e.getValue().site().init());
      }
    }
  }

  /** The guide rebuilt around its current Gaussian (Gaussian guides), or itself. */
  private AutoGuide rewhiten(AutoGuide g) {
    GaussianApproximation now = g.currentApproximation();
    return now == null ? g : AutoGuides.create(g.kind(), g.layout(), now, options);
  }

  /**
   * True when the objective no longer moved at the end: the means of the last two tenths of the
   * trace differ by less than three standard errors of their difference.
   */
  static boolean stable(double[] trace) {
    int w = trace.length / 10;
    if (w < 5) {
      return false;
    }
    double[] a = window(trace, trace.length - 2 * w, w);
    double[] b = window(trace, trace.length - w, w);
    return Math.abs(b[0] - a[0]) <= 3 * Math.sqrt(a[1] * a[1] + b[1] * b[1]);
  }

  /** Mean and standard error of {@code trace[from .. from + n)}. */
  private static double[] window(double[] trace, int from, int n) {
    double mean = 0;
    for (int i = from; i < from + n; i++) {
      mean += trace[i];
    }
    mean /= n;
    double ss = 0;
    for (int i = from; i < from + n; i++) {
      ss += (trace[i] - mean) * (trace[i] - mean);
    }
    return new double[] {mean, Math.sqrt(ss / (n - 1) / n)};
  }

  private FitReport map(
      LatentLayout layout,
      RandomStream root,
      List<String> notes,
      Cost cost,
      long t0,
      Objective obj) {
    ModeSearch search =
        ModeFinder.builder().starts(starts).jacobian(false).build().find(layout, root.fork(1));
    cost.gradients += search.evaluations();
    Mode best = search.best();
    notes.add(
        String.format(
            Locale.ROOT,
            "MAP by L-BFGS from %d starts (%d distinct optima); log joint %.6g at the best",
            starts,
            search.distinct().size(),
            best.logDensity()));
    notes.addAll(search.problems());
    AutoGuide g =
        AutoGuides.create(
            GuideKind.MAP, layout, GaussianApproximation.isotropic(best.point(), 1.0), options);
    boolean converged = best.optimisation() == null || best.optimisation().converged();
    String status =
        converged
            ? "L-BFGS converged"
            : "L-BFGS stopped without converging (" + best.optimisation().reason() + ")";
    int iterations = best.optimisation() == null ? 0 : best.optimisation().iterations();
    Draws d = Draws.of(g, draws, root.fork(6));
    return report(
        g, obj, d, null, iterations, converged, status, new double[0], notes, cost, t0, root);
  }

  /**
   * The report of a fitted guide: {@code pool} (its own draws, drawn here if null) or, when
   * importance resampling is on, resamples of the pool by its Pareto-smoothed weights.
   */
  private FitReport results(
      Optimised fit,
      Objective obj,
      Draws given,
      RandomStream root,
      List<String> notes,
      Cost cost,
      long t0) {
    AutoGuide guide = fit.guide();
    Draws pool =
        given != null
            ? given
            : Draws.of(guide, resampling ? POOL_FACTOR * draws : draws, root.fork(7));
    Draws d = pool;
    PsisResult psis = pool.psis();
    if (resampling && psis != null) {
      d = pool.resample(psis.normalizedWeights(), draws, root.fork(8));
      notes.add(
          String.format(
              Locale.ROOT,
              "the %d draws are Pareto-smoothed importance resamples of %d guide draws (k-hat"
                  + " %.2f, effective sample size %.0f)",
              draws,
              pool.size(),
              psis.paretoK(),
              psis.effectiveSampleSize()));
    }
    return report(
        guide,
        obj,
        d,
        pool,
        fit.main().steps(),
        fit.converged(),
        fit.status(),
        fit.main().history(),
        notes,
        cost,
        t0,
        root);
  }

  private FitReport report(
      AutoGuide guide,
      Objective obj,
      Draws d,
      Draws pool,
      int stepsTaken,
      boolean converged,
      String status,
      double[] trace,
      List<String> notes,
      Cost cost,
      long t0,
      RandomStream root) {
    Draws weighted = pool != null ? pool : d;
    ObjectiveValue value =
        ObjectiveValue.estimate(guide.estimator(obj), objectiveEstimates, root.fork(5));
    return new FitReport(
        model.name(),
        guide.name(),
        obj.name(),
        d,
        d.summaries(),
        weighted.psis(),
        weighted.evidence(),
        value,
        stepsTaken,
        converged,
        status,
        (System.nanoTime() - t0) / 1e9,
        cost.gradients,
        trace,
        notes,
        guide);
  }
}
