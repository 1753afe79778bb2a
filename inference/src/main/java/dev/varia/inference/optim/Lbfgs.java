package dev.varia.inference.optim;

import dev.varia.core.VariaException;
import dev.varia.inference.optim.internal.MoreThuente;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Limited-memory BFGS (Liu and Nocedal, "On the limited memory BFGS method for large scale
 * optimization", Math. Programming 45, 1989; Nocedal and Wright, "Numerical Optimization", 2nd ed.,
 * Alg. 7.4-7.5) with the Moré–Thuente line search (strong Wolfe conditions, {@code ftol = 1e-4},
 * {@code gtol = 0.9} by default).
 *
 * <p>{@link #minimize} minimises f; {@link #maximize} maximises it (by minimising -f) and reports
 * values and gradients of f itself. The first step has unit length along steepest descent; later
 * steps start from the quasi-Newton step ({@code a = 1}). Pairs with too little curvature ({@code
 * s'y <= 1e-12 |s| |y|}) are skipped. A NaN or infinite value or gradient during a line search
 * makes it backtrack. If a line search fails, the memory is dropped and steepest descent tried once
 * before giving up.
 *
 * <p>Near a minimum f stops resolving progress long before the gradient does (f's rounding error is
 * about eps |f|, the decrease from a gradient g only about |g|^2 / curvature). As in Hager and
 * Zhang's CG_DESCENT, once an iteration changes f by at most 1e-3 |f|, line searches also accept
 * steps that satisfy the curvature condition while raising f by at most 1e-6 |f| (approximate Wolfe
 * conditions), so the gradient can still be driven to a tight tolerance. Such a step counts as "no
 * decrease" for the relative-function-change rule, which then stops the run unless switched off.
 *
 * <p>Stopping rules, checked after every iteration: the largest absolute gradient component {@code
 * <= gradientTolerance}; the relative decrease {@code (f_prev - f) / max(|f_prev|, |f|)} {@code <=
 * relativeFunctionTolerance} (Stan's {@code tol_rel_obj}, default {@code 1e4 * 2^-52}); the largest
 * absolute step component {@code <= stepTolerance} (off by default); and the iteration and
 * evaluation limits.
 *
 * <p>Immutable and thread-safe; each call keeps its own state.
 */
public final class Lbfgs {
  /**
   * Hager and Zhang's switch (SIAM J. Optim. 16(1), 2005, section 4, omega = 1e-3): once an
   * iteration changes f by at most this fraction of |f|, line searches also accept approximate
   * Wolfe steps.
   */
  private static final double APPROXIMATE_WOLFE_SWITCH = 1e-3;

  /** Hager and Zhang's epsilon: approximate Wolfe steps may raise f by this fraction of |f|. */
  private static final double APPROXIMATE_WOLFE_EPSILON = 1e-6;

  private final int memory;
  private final double gradientTolerance;
  private final double relativeFunctionTolerance;
  private final double stepTolerance;
  private final int maxIterations;
  private final int maxEvaluations;
  private final int maxLineSearchEvaluations;
  private final double ftol;
  private final double gtol;
  private final Consumer<LbfgsIterate> listener;

  private Lbfgs(Builder b) {
    if (b.memory < 1) {
      throw new IllegalArgumentException("memory must be >= 1, got " + b.memory);
    }
    Checks.nonNegative("gradientTolerance", b.gradientTolerance);
    Checks.nonNegative("relativeFunctionTolerance", b.relativeFunctionTolerance);
    Checks.nonNegative("stepTolerance", b.stepTolerance);
    if (b.maxIterations < 0 || b.maxEvaluations < 1 || b.maxLineSearchEvaluations < 1) {
      throw new IllegalArgumentException("iteration and evaluation limits must be positive");
    }
    this.memory = b.memory;
    this.gradientTolerance = b.gradientTolerance;
    this.relativeFunctionTolerance = b.relativeFunctionTolerance;
    this.stepTolerance = b.stepTolerance;
    this.maxIterations = b.maxIterations;
    this.maxEvaluations = b.maxEvaluations;
    this.maxLineSearchEvaluations = b.maxLineSearchEvaluations;
    this.ftol = b.ftol;
    this.gtol = b.gtol;
    this.listener = b.listener;
    new MoreThuente(ftol, gtol, 0, 0, 1); // validates the line-search constants
  }

  /** L-BFGS with the default settings (see {@link Builder}). */
  public static Lbfgs defaults() {
    return builder().build();
  }

  /** Settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Minimises {@code f} from {@code x0} (not modified).
   *
   * @throws VariaException if f or its gradient is not finite at {@code x0}
   */
  public LbfgsResult minimize(DifferentiableFunction f, double[] x0) {
    return run(f, x0, 1.0);
  }

  /**
   * Maximises {@code f} from {@code x0} (not modified). The result's value and gradient are f's;
   * its inverse Hessian approximates {@code (-Hess f)^-1}.
   *
   * @throws VariaException if f or its gradient is not finite at {@code x0}
   */
  public LbfgsResult maximize(DifferentiableFunction f, double[] x0) {
    return run(f, x0, -1.0);
  }

  private LbfgsResult run(DifferentiableFunction f, double[] x0, double sign) {
    Objects.requireNonNull(f, "f");
    int d = x0.length;
    Evaluator h = new Evaluator(f, sign);
    double[] x = x0.clone();
    double[] g = new double[d];
    double fx = h.eval(x, g);
    if (!Double.isFinite(fx) || !allFinite(g)) {
      throw new VariaException(
          "the function "
              + (Double.isFinite(fx) ? "has a non-finite gradient" : "is " + sign * fx)
              + " at the starting point; L-BFGS needs a finite value and gradient there");
    }
    History history = new History(memory, d);
    int iterations = 0;
    notify(0, x, fx, g, h, history, sign);
    LbfgsResult.Reason reason = null;
    if (maxNorm(g) <= gradientTolerance) {
      reason = LbfgsResult.Reason.GRADIENT_TOLERANCE;
    }
    double[] p = new double[d];
    MoreThuente search = new MoreThuente(ftol, gtol, 1e-15, 1e-20, 1e20);
    Trial trial = new Trial(h, x, p, d);
    boolean nearMinimum = false;
    while (reason == null) {
      if (iterations >= maxIterations) {
        reason = LbfgsResult.Reason.MAX_ITERATIONS;
        break;
      }
      if (h.evaluations >= maxEvaluations) {
        reason = LbfgsResult.Reason.MAX_EVALUATIONS;
        break;
      }
      history.direction(g, p);
      double slope = InverseHessian.dot(g, p);
      if (!(slope < 0) || !Double.isFinite(slope)) {
        history.clear();
        history.direction(g, p);
        slope = InverseHessian.dot(g, p);
        if (!(slope < 0)) {
          reason = LbfgsResult.Reason.GRADIENT_TOLERANCE; // the gradient is exactly zero
          break;
        }
      }
      double step = history.size() == 0 ? 1 / Math.sqrt(-slope) : 1.0;
      trial.reset(fx);
      int budget = Math.min(maxLineSearchEvaluations, maxEvaluations - h.evaluations);
      double noise = nearMinimum ? APPROXIMATE_WOLFE_EPSILON * Math.abs(fx) : 0;
      MoreThuente.Outcome out = search.search(trial, fx, slope, step, budget, noise);
      double[] xAcc;
      double[] gAcc;
      double fAcc;
      if (out.status() == MoreThuente.Status.CONVERGED) {
        xAcc = trial.xTrial;
        gAcc = trial.gTrial;
        fAcc = trial.fTrial;
      } else if (trial.bestValue < fx) {
        xAcc = trial.xBest;
        gAcc = trial.gBest;
        fAcc = trial.bestValue;
      } else if (h.evaluations >= maxEvaluations) {
        reason = LbfgsResult.Reason.MAX_EVALUATIONS;
        break;
      } else if (history.size() > 0) {
        history.clear(); // retry along steepest descent
        continue;
      } else {
        reason = LbfgsResult.Reason.LINE_SEARCH_FAILED;
        break;
      }
      double[] s = new double[d];
      double[] y = new double[d];
      double stepMax = 0;
      for (int i = 0; i < d; i++) {
        s[i] = xAcc[i] - x[i];
        y[i] = gAcc[i] - g[i];
        stepMax = Math.max(stepMax, Math.abs(s[i]));
      }
      double fPrev = fx;
      System.arraycopy(xAcc, 0, x, 0, d);
      System.arraycopy(gAcc, 0, g, 0, d);
      fx = fAcc;
      iterations++;
      double sy = InverseHessian.dot(s, y);
      double ss = InverseHessian.dot(s, s);
      double yy = InverseHessian.dot(y, y);
      if (sy > 1e-12 * Math.sqrt(ss * yy)) {
        history.push(s, y, sy, yy);
      }
      notify(iterations, x, fx, g, h, history, sign);
      double denominator = Math.max(Math.max(Math.abs(fPrev), Math.abs(fx)), Double.MIN_NORMAL);
      if (Math.abs(fPrev - fx) <= APPROXIMATE_WOLFE_SWITCH * denominator) {
        nearMinimum = true;
      }
      if (maxNorm(g) <= gradientTolerance) {
        reason = LbfgsResult.Reason.GRADIENT_TOLERANCE;
      } else if (relativeFunctionTolerance > 0
          && (fPrev - fx) / denominator <= relativeFunctionTolerance) {
        reason = LbfgsResult.Reason.RELATIVE_FUNCTION_CHANGE;
      } else if (stepTolerance > 0 && stepMax <= stepTolerance) {
        reason = LbfgsResult.Reason.STEP_TOLERANCE;
      }
    }
    double[] grad = g.clone();
    for (int i = 0; i < d; i++) {
      grad[i] *= sign;
    }
    return new LbfgsResult(
        x.clone(), sign * fx, grad, iterations, h.evaluations, reason, history.snapshot());
  }

  private void notify(
      int iteration, double[] x, double fx, double[] g, Evaluator h, History history, double sign) {
    if (listener == null) {
      return;
    }
    double[] grad = g.clone();
    for (int i = 0; i < grad.length; i++) {
      grad[i] *= sign;
    }
    listener.accept(
        new LbfgsIterate(iteration, x.clone(), sign * fx, grad, h.evaluations, history.snapshot()));
  }

  private static boolean allFinite(double[] a) {
    for (double v : a) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static double maxNorm(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** Evaluates {@code sign * f} and counts evaluations. */
  private static final class Evaluator {
    final DifferentiableFunction f;
    final double sign;
    int evaluations;

    Evaluator(DifferentiableFunction f, double sign) {
      this.f = f;
      this.sign = sign;
    }

    double eval(double[] x, double[] g) {
      evaluations++;
      double v = f.valueAndGradient(x, g);
      if (sign != 1.0) {
        v = -v;
        for (int i = 0; i < g.length; i++) {
          g[i] = -g[i];
        }
      }
      return v;
    }
  }

  /** The function along the search line, remembering the last and the best trial points. */
  private static final class Trial implements MoreThuente.Line {
    final Evaluator h;
    final double[] x;
    final double[] p;
    final double[] xTrial;
    final double[] gTrial;
    final double[] xBest;
    final double[] gBest;
    double fTrial;
    double bestValue;

    Trial(Evaluator h, double[] x, double[] p, int d) {
      this.h = h;
      this.x = x;
      this.p = p;
      xTrial = new double[d];
      gTrial = new double[d];
      xBest = new double[d];
      gBest = new double[d];
    }

    void reset(double f0) {
      bestValue = f0;
    }

    @Override
    public double value(double a) {
      for (int i = 0; i < x.length; i++) {
        xTrial[i] = x[i] + a * p[i];
      }
      fTrial = h.eval(xTrial, gTrial);
      if (fTrial < bestValue && allFinite(gTrial)) {
        bestValue = fTrial;
        System.arraycopy(xTrial, 0, xBest, 0, x.length);
        System.arraycopy(gTrial, 0, gBest, 0, x.length);
      }
      return fTrial;
    }

    @Override
    public double slope() {
      return InverseHessian.dot(gTrial, p);
    }
  }

  /** The last m pairs, in a ring. */
  private static final class History {
    final double[][] s;
    final double[][] y;
    final double[] rho;
    final double[] alpha;
    final int d;
    int start;
    int size;
    double gamma = 1.0;

    History(int m, int d) {
      this.s = new double[m][];
      this.y = new double[m][];
      this.rho = new double[m];
      this.alpha = new double[m];
      this.d = d;
    }

    int size() {
      return size;
    }

    void clear() {
      size = 0;
      start = 0;
      gamma = 1.0;
    }

    void push(double[] sv, double[] yv, double sy, double yy) {
      int m = s.length;
      int slot = (start + size) % m;
      if (size == m) {
        start = (start + 1) % m;
      } else {
        size++;
      }
      s[slot] = sv;
      y[slot] = yv;
      rho[slot] = 1 / sy;
      gamma = sy / yy;
    }

    /** p = -H g by the two-loop recursion. */
    void direction(double[] g, double[] p) {
      int m = s.length;
      for (int i = 0; i < d; i++) {
        p[i] = -g[i];
      }
      for (int k = size - 1; k >= 0; k--) {
        int j = (start + k) % m;
        alpha[j] = rho[j] * InverseHessian.dot(s[j], p);
        double[] yj = y[j];
        for (int i = 0; i < d; i++) {
          p[i] -= alpha[j] * yj[i];
        }
      }
      for (int i = 0; i < d; i++) {
        p[i] *= gamma;
      }
      for (int k = 0; k < size; k++) {
        int j = (start + k) % m;
        double beta = rho[j] * InverseHessian.dot(y[j], p);
        double[] sj = s[j];
        for (int i = 0; i < d; i++) {
          p[i] += (alpha[j] - beta) * sj[i];
        }
      }
    }

    InverseHessian snapshot() {
      double[][] sc = new double[size][];
      double[][] yc = new double[size][];
      for (int k = 0; k < size; k++) {
        int j = (start + k) % s.length;
        sc[k] = s[j].clone();
        yc[k] = y[j].clone();
      }
      return new InverseHessian(d, gamma, sc, yc);
    }
  }

  /**
   * Settings. Defaults: memory 10, gradient tolerance 1e-8, relative function tolerance {@code 1e4
   * * 2^-52} (Stan's), step tolerance 0 (off), 1000 iterations, 10000 evaluations, at most 40
   * evaluations per line search, Wolfe constants 1e-4 and 0.9.
   */
  public static final class Builder {
    private int memory = 10;
    private double gradientTolerance = 1e-8;
    private double relativeFunctionTolerance = 1e4 * Math.ulp(1.0);
    private double stepTolerance = 0;
    private int maxIterations = 1000;
    private int maxEvaluations = 10000;
    private int maxLineSearchEvaluations = 40;
    private double ftol = 1e-4;
    private double gtol = 0.9;
    private Consumer<LbfgsIterate> listener;

    private Builder() {}

    /** Number of (s, y) pairs kept. */
    public Builder memory(int m) {
      this.memory = m;
      return this;
    }

    /** Stop when the largest absolute gradient component is at most this. */
    public Builder gradientTolerance(double tol) {
      this.gradientTolerance = tol;
      return this;
    }

    /** Stop when the relative decrease of f in an iteration is at most this. */
    public Builder relativeFunctionTolerance(double tol) {
      this.relativeFunctionTolerance = tol;
      return this;
    }

    /** Stop when the largest absolute step component is at most this. */
    public Builder stepTolerance(double tol) {
      this.stepTolerance = tol;
      return this;
    }

    /** Iteration limit. */
    public Builder maxIterations(int n) {
      this.maxIterations = n;
      return this;
    }

    /** Limit on function evaluations (line searches included). */
    public Builder maxEvaluations(int n) {
      this.maxEvaluations = n;
      return this;
    }

    /** Limit on evaluations within one line search. */
    public Builder maxLineSearchEvaluations(int n) {
      this.maxLineSearchEvaluations = n;
      return this;
    }

    /**
     * The strong Wolfe constants: sufficient decrease {@code ftol} and curvature {@code gtol}, 0 <
     * ftol < gtol < 1. A small gtol makes the line search nearly exact.
     */
    public Builder wolfe(double ftol, double gtol) {
      this.ftol = ftol;
      this.gtol = gtol;
      return this;
    }

    /** Called with the starting point and every accepted iterate (for Pathfinder-style use). */
    public Builder onIteration(Consumer<LbfgsIterate> listener) {
      this.listener = listener;
      return this;
    }

    /** The optimiser. */
    public Lbfgs build() {
      return new Lbfgs(this);
    }
  }
}
