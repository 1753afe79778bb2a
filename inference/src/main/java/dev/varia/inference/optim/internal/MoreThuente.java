package dev.varia.inference.optim.internal;

/**
 * The line search of Moré and Thuente ("Line search algorithms with guaranteed sufficient
 * decrease", ACM TOMS 20(3), 1994): finds a step {@code a > 0} along a descent direction that
 * satisfies the strong Wolfe conditions {@code phi(a) <= phi(0) + ftol a phi'(0)} and {@code
 * |phi'(a)| <= gtol |phi'(0)|}, keeping an interval of uncertainty that is guaranteed to contain
 * such steps and choosing trial steps by safeguarded cubic and quadratic interpolation (the four
 * cases of the paper's section 4). Stage 1 works on the auxiliary function {@code psi(a) = phi(a) -
 * phi(0) - ftol a phi'(0)} until a step with {@code psi <= 0} and {@code phi' >= 0} is seen.
 *
 * <p>Additions for robustness: a step that meets the curvature condition is accepted without the
 * sufficient-decrease test when phi rose by no more than a given noise level (at least the rounding
 * level of phi(0)), as in Hager and Zhang's approximate Wolfe conditions; and a NaN or infinite
 * value or slope at a trial step is not used for interpolation: the step is halved towards the best
 * step so far and no later trial goes beyond the smallest step known to be non-finite.
 *
 * <p>Written from the paper's description; the constants (extrapolation factors 1.1 and 4, the
 * bisection safeguard 0.66) are the paper's.
 */
public final class MoreThuente {
  /** How a search ended. */
  public enum Status {
    /** The strong Wolfe conditions hold at the final step. */
    CONVERGED,
    /** Rounding errors prevent progress: the interval cannot shrink further. */
    ROUNDING,
    /** The interval of uncertainty is narrower than the relative tolerance xtol. */
    INTERVAL_TOO_SMALL,
    /** The step reached its upper bound with the function still decreasing. */
    AT_MAX_STEP,
    /** The step reached its lower bound without sufficient decrease. */
    AT_MIN_STEP,
    /** The evaluation budget ran out. */
    MAX_EVALUATIONS,
    /** Non-finite values everywhere the search looked, down to the tolerance. */
    NON_FINITE
  }

  /** The function along the line: {@code phi(a) = f(x + a p)} and its slope {@code g(x+ap).p}. */
  public interface Line {
    /** Evaluates at step {@code a}: returns phi(a); {@link #slope()} then gives phi'(a). */
    double value(double a);

    /** phi' at the step of the last {@link #value} call. */
    double slope();
  }

  /** Result: the status, the last step evaluated, and the evaluations used. */
  public record Outcome(Status status, double step, int evaluations) {}

  private static final double XTRAPL = 1.1;
  private static final double XTRAPU = 4.0;
  private static final double P66 = 0.66;

  /**
   * Changes of f smaller than this, relative to |f(0)|, are rounding noise: there the
   * sufficient-decrease test is replaced by the slope test alone, so the gradient can still be
   * driven down once f itself no longer resolves the progress.
   */
  private static final double ROUNDING_LEVEL = 4 * 0x1.0p-52;

  private final double ftol;
  private final double gtol;
  private final double xtol;
  private final double stpmin;
  private final double stpmax;

  // interval state: the best step (x) and the other end (y)
  private double stx;
  private double fx;
  private double gx;
  private double sty;
  private double fy;
  private double gy;
  private boolean brackt;

  /**
   * A search with sufficient-decrease constant {@code ftol}, curvature constant {@code gtol} (0 <
   * ftol < gtol < 1), relative interval tolerance {@code xtol} and step bounds.
   */
  public MoreThuente(double ftol, double gtol, double xtol, double stpmin, double stpmax) {
    if (!(ftol > 0 && ftol < gtol && gtol < 1)) {
      throw new IllegalArgumentException(
          "need 0 < ftol < gtol < 1, got ftol " + ftol + ", gtol " + gtol);
    }
    if (!(xtol >= 0 && stpmin >= 0 && stpmax > stpmin)) {
      throw new IllegalArgumentException("bad line-search tolerances or bounds");
    }
    this.ftol = ftol;
    this.gtol = gtol;
    this.xtol = xtol;
    this.stpmin = stpmin;
    this.stpmax = stpmax;
  }

  /**
   * Searches from phi(0) = {@code f0} with slope {@code g0 < 0}, first trying step {@code stp},
   * using at most {@code maxEvaluations} evaluations of {@code line}. A step that meets the
   * curvature condition is also accepted when phi rose by at most {@code noise} (at least the
   * rounding level of phi(0)): the approximate Wolfe conditions of Hager and Zhang (SIAM J. Optim.
   * 16(1), 2005, eq. 23), for use near a minimum where f no longer resolves the progress but the
   * slope does.
   */
  public Outcome search(
      Line line, double f0, double g0, double stp, int maxEvaluations, double noise) {
    if (!(g0 < 0)) {
      throw new IllegalArgumentException("not a descent direction: slope " + g0);
    }
    stp = Math.min(Math.max(stp, stpmin), stpmax);
    brackt = false;
    int stage = 1;
    double gtest = ftol * g0;
    double width = stpmax - stpmin;
    double width1 = 2 * width;
    stx = 0;
    fx = f0;
    gx = g0;
    sty = 0;
    fy = f0;
    gy = g0;
    double stmin = 0;
    double stmax = stp + XTRAPU * stp;
    double nonFinite = Double.POSITIVE_INFINITY;
    int evaluations = 0;
    while (true) {
      if (evaluations >= maxEvaluations) {
        return new Outcome(Status.MAX_EVALUATIONS, stp, evaluations);
      }
      double f = line.value(stp);
      double g = line.slope();
      evaluations++;
      if (!Double.isFinite(f) || !Double.isFinite(g)) {
        nonFinite = Math.min(nonFinite, stp);
        double next = stx + 0.5 * (stp - stx);
        if (Math.abs(next - stx) <= xtol * Math.max(stx, stpmin) || next <= stpmin) {
          return new Outcome(Status.NON_FINITE, stp, evaluations);
        }
        stp = next;
        stmax = Math.min(stmax, nonFinite);
        continue;
      }
      double ftest = f0 + stp * gtest;
      if (stage == 1 && f <= ftest && g >= 0) {
        stage = 2;
      }
      if (brackt && (stp <= stmin || stp >= stmax)) {
        return new Outcome(Status.ROUNDING, stp, evaluations);
      }
      if (brackt && stmax - stmin <= xtol * stmax) {
        return new Outcome(Status.INTERVAL_TOO_SMALL, stp, evaluations);
      }
      if (stp == stpmax && f <= ftest && g <= gtest) {
        return new Outcome(Status.AT_MAX_STEP, stp, evaluations);
      }
      if (stp == stpmin && (f > ftest || g >= gtest)) {
        return new Outcome(Status.AT_MIN_STEP, stp, evaluations);
      }
      if (Math.abs(g) <= gtol * (-g0)
          && (f <= ftest || f - f0 <= Math.max(noise, ROUNDING_LEVEL * Math.abs(f0)))) {
        return new Outcome(Status.CONVERGED, stp, evaluations);
      }

      if (stage == 1 && f <= fx && f > ftest) {
        // the modified function psi: shift values and slopes by the sufficient-decrease line
        fx -= stx * gtest;
        fy -= sty * gtest;
        gx -= gtest;
        gy -= gtest;
        stp = step(stp, f - stp * gtest, g - gtest, stmin, stmax);
        fx += stx * gtest;
        fy += sty * gtest;
        gx += gtest;
        gy += gtest;
      } else {
        stp = step(stp, f, g, stmin, stmax);
      }

      if (brackt) {
        // force sufficient shrinkage of the interval, else bisect
        if (Math.abs(sty - stx) >= P66 * width1) {
          stp = stx + 0.5 * (sty - stx);
        }
        width1 = width;
        width = Math.abs(sty - stx);
        stmin = Math.min(stx, sty);
        stmax = Math.max(stx, sty);
      } else {
        stmin = stp + XTRAPL * (stp - stx);
        stmax = stp + XTRAPU * (stp - stx);
      }
      stp = Math.min(Math.max(stp, stpmin), stpmax);
      if (brackt && (stp <= stmin || stp >= stmax || stmax - stmin <= xtol * stmax)) {
        stp = stx;
      }
      if (stp >= nonFinite) {
        stp = stx + 0.5 * (nonFinite - stx);
      }
    }
  }

  /**
   * One safeguarded step (the paper's section 4): updates the interval [stx, sty] with the trial
   * (stp, fp, dp) and returns the next trial step.
   */
  private double step(double stp, double fp, double dp, double stpminNow, double stpmaxNow) {
    double sgnd = dp * Math.signum(gx);
    double stpf;
    if (fp > fx) {
      // case 1: higher value; the minimum is bracketed. Cubic step if closer to stx, else the
      // average of cubic and quadratic steps.
      double theta = 3 * (fx - fp) / (stp - stx) + gx + dp;
      double s = max3(Math.abs(theta), Math.abs(gx), Math.abs(dp));
      double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (gx / s) * (dp / s)));
      if (stp < stx) {
        gamma = -gamma;
      }
      double p = (gamma - gx) + theta;
      double q = ((gamma - gx) + gamma) + dp;
      double stpc = stx + (p / q) * (stp - stx);
      double stpq = stx + ((gx / ((fx - fp) / (stp - stx) + gx)) / 2) * (stp - stx);
      stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
      brackt = true;
    } else if (sgnd < 0) {
      // case 2: lower value, slopes of opposite sign; bracketed. The step farther from stp.
      double theta = 3 * (fx - fp) / (stp - stx) + gx + dp;
      double s = max3(Math.abs(theta), Math.abs(gx), Math.abs(dp));
      double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (gx / s) * (dp / s)));
      if (stp > stx) {
        gamma = -gamma;
      }
      double p = (gamma - dp) + theta;
      double q = ((gamma - dp) + gamma) + gx;
      double stpc = stp + (p / q) * (stx - stp);
      double stpq = stp + (dp / (dp - gx)) * (stx - stp);
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      brackt = true;
    } else if (Math.abs(dp) < Math.abs(gx)) {
      // case 3: lower value, same sign, slope decreasing in magnitude. The cubic is used only if
      // it tends to infinity in the direction of the step or its minimum is beyond stp.
      double theta = 3 * (fx - fp) / (stp - stx) + gx + dp;
      double s = max3(Math.abs(theta), Math.abs(gx), Math.abs(dp));
      double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (gx / s) * (dp / s)));
      if (stp > stx) {
        gamma = -gamma;
      }
      double p = (gamma - dp) + theta;
      double q = (gamma + (gx - dp)) + gamma;
      double r = p / q;
      double stpc;
      if (r < 0 && gamma != 0) {
        stpc = stp + r * (stx - stp);
      } else if (stp > stx) {
        stpc = stpmaxNow;
      } else {
        stpc = stpminNow;
      }
      double stpq = stp + (dp / (dp - gx)) * (stx - stp);
      if (brackt) {
        stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
        double limit = stp + P66 * (sty - stp);
        stpf = stp > stx ? Math.min(limit, stpf) : Math.max(limit, stpf);
      } else {
        stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
        stpf = Math.max(stpminNow, Math.min(stpmaxNow, stpf));
      }
    } else {
      // case 4: lower value, same sign, slope not decreasing. Cubic through stp and sty if
      // bracketed, else the bound in the direction of the step.
      if (brackt) {
        double theta = 3 * (fp - fy) / (sty - stp) + gy + dp;
        double s = max3(Math.abs(theta), Math.abs(gy), Math.abs(dp));
        double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (gy / s) * (dp / s)));
        if (stp > sty) {
          gamma = -gamma;
        }
        double p = (gamma - dp) + theta;
        double q = ((gamma - dp) + gamma) + gy;
        stpf = stp + (p / q) * (sty - stp);
      } else {
        stpf = stp > stx ? stpmaxNow : stpminNow;
      }
    }
    // update the interval
    if (fp > fx) {
      sty = stp;
      fy = fp;
      gy = dp;
    } else {
      if (sgnd < 0) {
        sty = stx;
        fy = fx;
        gy = gx;
      }
      stx = stp;
      fx = fp;
      gx = dp;
    }
    if (!Double.isFinite(stpf)) {
      // degenerate interpolation (e.g. 0/0): bisect the interval, or extrapolate
      stpf = brackt ? 0.5 * (stx + sty) : stp + XTRAPU * (stp - stx);
    }
    return stpf;
  }

  private static double max3(double a, double b, double c) {
    return Math.max(a, Math.max(b, c));
  }
}
