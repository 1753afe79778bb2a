/**
 * The ten shared posteriordb acceptance cases ({@code ../shared/posteriordb}) written with the Java
 * API, one class per case (the model as in its {@code model.md}, its data derived from the case's
 * {@code data.json} loaded unchanged), the acceptance table's rules ({@link
 * dev.varia.examples.posteriordb.Acceptance}), and a runner that fits each case with the default
 * automatic guide and prints the table ({@link
 * dev.varia.examples.posteriordb.PosteriorDbAcceptance}; {@code examples/run posteriordb}).
 */
package dev.varia.examples.posteriordb;
