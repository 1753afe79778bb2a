/**
 * Automatic guides for users who write none, and the fit procedure that makes them reliable.
 *
 * <p>{@link dev.varia.inference.guide.AutoFit} is the entry point: {@code
 * AutoFit.of(model).seed(1).run()} returns a {@link dev.varia.inference.results.FitReport}. The
 * guides ({@link dev.varia.inference.guide.AutoNormal}, {@link
 * dev.varia.inference.guide.AutoMultivariateNormal}, {@link
 * dev.varia.inference.guide.AutoLowRankNormal}, {@link dev.varia.inference.guide.AutoDelta}, {@link
 * dev.varia.inference.guide.AutoFlow}) draw the model's latents as one vector on the unconstrained
 * scale; {@code density} maps it onto each site's support ({@link
 * dev.varia.inference.adev.UnconstrainedLatents}), so every objective works with them.
 */
package dev.varia.inference.guide;
