/**
 * Runs the {@code fit} declarations of .ppl files through the inference layer ({@link
 * dev.varia.examples.ppl.PplProgram}), and prints posterior summaries ({@code examples/run ppl
 * FILE.ppl [DATA]}): the glue the examples use until {@code varia run} exists.
 */
package dev.varia.examples.ppl;
