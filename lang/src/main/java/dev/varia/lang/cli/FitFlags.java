package dev.varia.lang.cli;

import dev.varia.lang.run.FitOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags that override a file's {@code fit} declaration (shared by fit, run and :fit). */
final class FitFlags {
  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "the model to fit (default: the fit declaration's, or the file's only model)")
  String model;

  @Option(
      names = "--guide",
      paramLabel = "GUIDE",
      description =
          "a guide of the file, or auto_normal, auto_fullrank, auto_lowrank[:RANK], auto_delta,"
              + " auto_flow[:LAYERS], or auto (the default automatic guide)")
  String guide;

  @Option(
      names = "--objective",
      paramLabel = "OBJ",
      description =
          "elbo, iwelbo:K, vimco:K, renyi:ALPHA,K, hvi, iwhvi:K, diwhvi:K,L, wake_p:K, wake_q:K,"
              + " rws:K, or an objective of the file (arguments after a colon)")
  String objective;

  @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, sgd, adagrad or rmsprop")
  String optimizer;

  @Option(names = "--lr", paramLabel = "X", description = "the optimiser's learning rate")
  Double learningRate;

  @Option(names = "--steps", paramLabel = "N", description = "optimisation steps")
  Long steps;

  @Option(
      names = "--particles",
      paramLabel = "K",
      description = "particles per step of single-sample objectives (the ELBO)")
  Long particles;

  @Option(names = "--seed", paramLabel = "S", description = "the seed (default: the file's, or 1)")
  Long seed;

  @Option(
      names = "--fit",
      paramLabel = "NAME",
      description = "the fit declaration to run, when the file has several")
  String fit;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description = "save the fit's state to FILE periodically (written atomically)")
  Path checkpoint;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description = "steps between checkpoints (default 100)")
  Integer checkpointEvery;

  @Option(names = "--resume", paramLabel = "FILE", description = "continue the fit saved in FILE")
  Path resume;

  @Option(
      names = "--draws",
      paramLabel = "N",
      description = "guide draws behind the summaries (default 4000)")
  Integer draws;

  /** The options as the run layer takes them. */
  FitOptions options() {
    return new FitOptions(
        fit,
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
