package dev.varia.inference.optim;

/**
 * What one optimiser step did.
 *
 * @param step the 1-based number of the step just taken
 * @param learningRate the rate it used
 * @param gradientNorm the global Euclidean norm of the gradient before clipping
 * @param clipped whether the gradient was rescaled by global-norm clipping
 */
public record StepReport(long step, double learningRate, double gradientNorm, boolean clipped) {}
