package dev.varia.inference.optim;

/**
 * One accepted point of an L-BFGS path, given to an iteration listener (Pathfinder builds a
 * Gaussian approximation at each). Values are in the sense of the call: for {@link Lbfgs#maximize}
 * the objective's value and gradient, and the inverse Hessian of the negated objective. The arrays
 * are copies.
 *
 * @param iteration 0 for the starting point, then 1, 2, ...
 * @param point the point
 * @param value the function's value
 * @param gradient its gradient
 * @param evaluations function evaluations so far
 * @param inverseHessian the approximation after the update at this point
 */
public record LbfgsIterate(
    int iteration,
    double[] point,
    double value,
    double[] gradient,
    int evaluations,
    InverseHessian inverseHessian) {}
