/**
 * The model's latents on the unconstrained scale: their layout ({@link
 * dev.varia.inference.mode.LatentLayout}), the log joint there with its gradient ({@link
 * dev.varia.inference.mode.LogJoint}), multi-start L-BFGS mode search ({@link
 * dev.varia.inference.mode.ModeFinder}: the MAP estimate without log-Jacobians, the guides' start
 * with them), and Gaussian (Laplace, L-BFGS low-rank) approximations at a mode ({@link
 * dev.varia.inference.mode.GaussianApproximation}).
 */
package dev.varia.inference.mode;
