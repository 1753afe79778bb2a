/**
 * Optimisers. First-order stochastic optimisers ({@link dev.varia.inference.optim.Sgd}, {@link
 * dev.varia.inference.optim.Adam}, {@link dev.varia.inference.optim.AdaGrad}, {@link
 * dev.varia.inference.optim.RmsProp}, {@link dev.varia.inference.optim.AdviStepSequence}) update
 * {@link dev.varia.inference.optim.ParameterArrays} in place from a {@link
 * dev.varia.inference.optim.Gradient} that says whether it belongs to an objective (ascended) or a
 * loss (descended); {@link dev.varia.inference.optim.LearningRate} holds the schedules. {@link
 * dev.varia.inference.optim.Lbfgs} minimises or maximises smooth deterministic functions and
 * returns an {@link dev.varia.inference.optim.InverseHessian} approximation.
 */
package dev.varia.inference.optim;
