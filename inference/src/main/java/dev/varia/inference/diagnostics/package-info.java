/**
 * Diagnostics and results: Pareto-smoothed importance sampling and its k-hat advice, importance
 * sampling estimates of the evidence, posterior summaries with type-7 quantiles, and Stan's ADVI
 * convergence rule for objective traces.
 */
package dev.varia.inference.diagnostics;
