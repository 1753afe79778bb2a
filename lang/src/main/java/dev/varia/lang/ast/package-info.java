/**
 * The abstract syntax of .ppl files: immutable records with source locations, produced by {@link
 * dev.varia.lang.syntax.Parsing} and consumed by the checker and the lowering.
 */
package dev.varia.lang.ast;
