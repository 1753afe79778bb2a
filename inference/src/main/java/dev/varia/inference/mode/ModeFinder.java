package dev.varia.inference.mode;

import dev.varia.core.VariaException;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.optim.Lbfgs;
import dev.varia.inference.optim.LbfgsResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds modes of a model's log joint on the unconstrained scale with L-BFGS from several starting
 * points, each drawn uniformly in (-2, 2) on the unconstrained scale as Stan initialises (a start
 * where the log density or its gradient is not finite is redrawn, up to 100 times). With the
 * log-Jacobians (the default) the maximum is the mode of the density of the unconstrained latents,
 * which is where automatic guides start; without them it is the MAP estimate on the constrained
 * scale (Stan's {@code optimize}).
 *
 * <p>Several starts guard against local optima (a mixture stuck where its components overlap):
 * every run's mode is returned, and runs that reach the same log density (within {@code 1e-6 |f| +
 * 1e-3}) count as one.
 */
public final class ModeFinder {
  private final int starts;
  private final boolean jacobian;
  private final Lbfgs lbfgs;
  private final int maxInitTries;

  private ModeFinder(Builder b) {
    if (b.starts < 1) {
      throw new IllegalArgumentException("at least one start is needed, got " + b.starts);
    }
    this.starts = b.starts;
    this.jacobian = b.jacobian;
    this.lbfgs = b.lbfgs;
    this.maxInitTries = b.maxInitTries;
  }

  /** Settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Eight starts, log-Jacobians included, L-BFGS with its defaults. */
  public static ModeFinder defaults() {
    return builder().build();
  }

  /** Whether the log-Jacobians are included. */
  public boolean jacobian() {
    return jacobian;
  }

  /**
   * Runs the search on the layout's model, drawing starting points from {@code rng}.
   *
   * @throws VariaException if no start gives a finite log density and gradient, with the last
   *     problem met
   */
  public ModeSearch find(LatentLayout layout, RandomStream rng) {
    LogJoint f = LogJoint.of(layout, jacobian);
    int d = layout.dimension();
    List<Mode> modes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    double[] g = new double[d];
    String lastProblem = null;
    for (int s = 0; s < starts; s++) {
      double[] z0 = null;
      for (int t = 0; t < maxInitTries && z0 == null; t++) {
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
          z[i] = -2 + 4 * rng.uniform();
        }
        try {
          double v = f.valueAndGradient(z, g);
          if (Double.isFinite(v) && allFinite(g)) {
            z0 = z;
          } else {
            lastProblem = "the log density is " + v + " at a starting point";
          }
        } catch (VariaException e) {
          lastProblem = e.getMessage();
        }
      }
      if (z0 == null) {
        problems.add(
            "start " + (s + 1) + ": no finite starting point in " + maxInitTries + " tries");
        continue;
      }
      if (d == 0) {
        modes.add(new Mode(z0, f.value(z0), z0, null));
        continue;
      }
      try {
        LbfgsResult r = lbfgs.maximize(f, z0);
        modes.add(new Mode(r.point(), r.value(), z0, r));
        if (!r.converged()) {
          problems.add(
              "start " + (s + 1) + ": L-BFGS stopped without converging (" + r.reason() + ")");
        }
      } catch (VariaException e) {
        problems.add("start " + (s + 1) + ": " + e.getMessage());
        lastProblem = e.getMessage();
      }
    }
    if (modes.isEmpty()) {
      throw new VariaException(
          "no mode found: "
              + String.join("; ", problems)
              + (lastProblem == null ? "" : " (last problem: " + lastProblem + ")"));
    }
    modes.sort(Comparator.comparingDouble(Mode::logDensity).reversed());
    List<Mode> distinct = new ArrayList<>();
    for (Mode m : modes) {
      boolean same = false;
      for (Mode k : distinct) {
        double tol = 1e-6 * Math.abs(k.logDensity()) + 1e-3;
        if (Math.abs(k.logDensity() - m.logDensity()) <= tol) {
          same = true;
          break;
        }
      }
      if (!same) {
        distinct.add(m);
      }
    }
    return new ModeSearch(modes, distinct, f.evaluations(), problems);
  }

  private static boolean allFinite(double[] a) {
    for (double v : a) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Settings of {@link ModeFinder}. */
  public static final class Builder {
    private int starts = 8;
    private boolean jacobian = true;
    private Lbfgs lbfgs = Lbfgs.builder().maxIterations(2000).build();
    private int maxInitTries = 100;

    private Builder() {}

    /** Number of L-BFGS runs from independent starting points (default 8). */
    public Builder starts(int n) {
      this.starts = n;
      return this;
    }

    /** Include the log-Jacobians (default true); false gives the constrained-scale MAP. */
    public Builder jacobian(boolean on) {
      this.jacobian = on;
      return this;
    }

    /** The optimiser (default: L-BFGS with at most 2000 iterations). */
    public Builder lbfgs(Lbfgs l) {
      this.lbfgs = l;
      return this;
    }

    /** How many starting points to try per start before giving up on it (default 100). */
    public Builder maxInitTries(int n) {
      this.maxInitTries = n;
      return this;
    }

    /** The finder. */
    public ModeFinder build() {
      return new ModeFinder(this);
    }
  }
}
