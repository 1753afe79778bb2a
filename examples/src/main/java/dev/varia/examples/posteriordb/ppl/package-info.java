/**
 * The posteriordb acceptance suite run exactly as the table in {@code
 * ../shared/posteriordb/README.md} says: each case's {@code examples/posteriordb/<case>.ppl} fitted
 * by the command line, {@code varia fit FILE --data DATA --seed S --out DIR}, with the file's own
 * fit declaration, and its {@code summary.json} judged against the reference posterior.
 */
package dev.varia.examples.posteriordb.ppl;
