package dev.varia.lang.run;

import java.nio.file.Path;

/**
 * Settings given on the command line (or at the REPL) that override a file's {@code fit}
 * declaration; {@code null} means "not given". Names are as the user typed them: {@code guide} is a
 * guide of the file or an automatic guide ({@code auto_fullrank}, {@code auto_lowrank:3}), {@code
 * objective} a library objective with its arguments after a colon ({@code iwelbo:8}, {@code
 * diwhvi:5,5}) or an objective of the file.
 *
 * @param fit the label of the fit declaration to run
 * @param model the model to fit
 * @param guide the guide
 * @param objective the objective
 * @param optimizer the optimiser's name ({@code adam}, {@code sgd}, {@code adagrad}, {@code
 *     rmsprop})
 * @param learningRate the optimiser's learning rate
 * @param steps optimisation steps
 * @param particles particles per step of single-sample objectives
 * @param seed the seed
 * @param checkpoint a file to save the fit's state to periodically
 * @param checkpointEvery steps between checkpoints
 * @param resume a checkpoint file to continue from
 * @param draws how many guide draws the summaries use (at least 4,000 by default)
 */
public record FitOptions(
    String fit,
    String model,
    String guide,
    String objective,
    String optimizer,
    Double learningRate,
    Long steps,
    Long particles,
    Long seed,
    Path checkpoint,
    Integer checkpointEvery,
    Path resume,
    Integer draws) {

  /** Nothing overridden: the file's fit declaration as written. */
  public static FitOptions none() {
    return new FitOptions(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** True if no setting of the fit itself (model, guide, objective, ...) is overridden. */
  public boolean overridesNothing() {
    return model == null
        && guide == null
        && objective == null
        && optimizer == null
        && learningRate == null
        && steps == null
        && particles == null
        && seed == null;
  }

  /** These options with {@code seed} replaced. */
  public FitOptions withSeed(long s) {
    return new FitOptions(
        fit,
        model,
        guide,
        objective,
        optimizer,
        learningRate,
        steps,
        particles,
        s,
        checkpoint,
        checkpointEvery,
        resume,
        draws);
  }

  /** These options with {@code fit} replaced. */
  public FitOptions withFit(String label) {
    return new FitOptions(
        label,
        model,
        guide,
        objective,
        optimizer,
        learningRate,
        steps,
        particles,
        seed,
        checkpoint,
        checkpointEvery,
        resume,
        draws);
  }
}
