package dev.varia.inference.optim;

/**
 * The outcome of an {@link Lbfgs} run. For {@link Lbfgs#maximize} the value and gradient are those
 * of the objective as given (not negated), and the inverse Hessian is that of the negated
 * objective.
 *
 * @param point the best point found
 * @param value the function's value there
 * @param gradient its gradient there
 * @param iterations accepted L-BFGS iterations
 * @param evaluations function evaluations, line searches included
 * @param reason why the run stopped
 * @param inverseHessian the L-BFGS inverse-Hessian approximation at the end
 */
public record LbfgsResult(
    double[] point,
    double value,
    double[] gradient,
    int iterations,
    int evaluations,
    Reason reason,
    InverseHessian inverseHessian) {

  /** Why an L-BFGS run stopped. */
  public enum Reason {
    /** The largest absolute gradient component fell to the gradient tolerance. */
    GRADIENT_TOLERANCE(true),
    /** The relative decrease of f in one iteration fell to the relative tolerance. */
    RELATIVE_FUNCTION_CHANGE(true),
    /** The largest component of the step fell to the step tolerance. */
    STEP_TOLERANCE(true),
    /** The iteration limit was reached. */
    MAX_ITERATIONS(false),
    /** The evaluation limit was reached. */
    MAX_EVALUATIONS(false),
    /**
     * The line search could not decrease f, even along steepest descent (often: f is already
     * minimised to rounding level, or its gradient is wrong).
     */
    LINE_SEARCH_FAILED(false);

    private final boolean converged;

    Reason(boolean converged) {
      this.converged = converged;
    }

    /** True for the three tolerance-based stops. */
    public boolean converged() {
      return converged;
    }
  }

  /** Whether the run stopped on a tolerance (not on a limit or a failure). */
  public boolean converged() {
    return reason.converged();
  }
}
