/**
 * .ppl examples driven from Java ({@link dev.varia.examples.ppl.PplProgram}): compile a file with
 * its data, run its fits as {@code varia run} does, or take its models and guides as generative
 * functions for fits a {@code fit} declaration cannot state.
 */
package dev.varia.examples.ppl;
