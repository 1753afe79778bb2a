/**
 * Running .ppl fits: resolving a file's {@code fit} declarations and command-line overrides into a
 * {@link dev.varia.lang.run.FitPlan}, running it ({@link dev.varia.lang.run.FitRunner}) into a
 * {@link dev.varia.lang.run.FitOutcome}, and writing the results ({@link
 * dev.varia.lang.run.ResultFiles}: {@code summary.json}, {@code draws.csv}, {@code params.json} and
 * the objective plots). The command line and the REPL are thin layers over this package.
 */
package dev.varia.lang.run;
