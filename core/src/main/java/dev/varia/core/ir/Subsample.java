package dev.varia.core.ir;

/**
 * Data subsampling of a plate: each run of a variational estimator visits a minibatch of {@code
 * size} of the plate's iterations, drawn without replacement, and every log density added inside
 * the plate (observations, factors, and local latents' log p and log q) is scaled by {@code N /
 * size}, which keeps the objective's estimate unbiased. Plates of the model and of the guide with
 * the same {@code plate} name visit the same indices within one estimate; a plate name used with
 * two different sizes or minibatch sizes is an error.
 *
 * <p>Only variational estimators subsample; simulation, scoring, summaries and predictive draws
 * always visit every iteration.
 *
 * @param plate the plate's name, shared by the model and the guide
 * @param size the minibatch size m (an expression; a whole number between 1 and N)
 * @param span where the subsampling is declared
 */
public record Subsample(String plate, Expr size, Span span) {}
