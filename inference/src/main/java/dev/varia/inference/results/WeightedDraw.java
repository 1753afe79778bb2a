package dev.varia.inference.results;

import dev.varia.core.gen.Trace;

/**
 * One draw of a {@link PosteriorApproximation}: the model's trace (latents on their constrained
 * scale, reported quantities) and the log importance weight {@code log p(x, y) - log q(x)}.
 *
 * @param trace the model's trace at the draw
 * @param logWeight {@code log p(x, y) - log q(x)} (-infinity where q puts mass the model does not)
 */
public record WeightedDraw(Trace trace, double logWeight) {}
