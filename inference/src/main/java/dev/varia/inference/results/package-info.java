/**
 * Results of a variational fit for users and the command line: draws of an approximation in the
 * model's own space, posterior summaries of every latent and reported quantity with Stan-style
 * names, Pareto k-hat and the importance-sampling evidence estimate, prior and posterior predictive
 * draws, and the {@link dev.varia.inference.results.FitReport} gathering them.
 */
package dev.varia.inference.results;
