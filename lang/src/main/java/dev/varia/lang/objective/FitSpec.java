package dev.varia.lang.objective;

import dev.varia.core.ir.Span;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A checked {@code fit} declaration: everything the inference layer needs to run it, with names
 * resolved and numbers evaluated. The command line may override each setting. This is the seam
 * between the language and the inference layer: {@code inference} turns a FitSpec into a fit.
 *
 * @param name the fit's label (the model's name when none was written)
 * @param model the model's name (a generative function of the lowered program)
 * @param guide the guide: user-written or automatic
 * @param objective the objective: a library objective or one written in the file
 * @param optimizer the optimiser and its settings
 * @param steps the number of optimisation steps, if given
 * @param particles particles per step, if given
 * @param seed the seed, if given
 * @param span where the declaration is
 */
public record FitSpec(
    String name,
    String model,
    GuideChoice guide,
    ObjectiveChoice objective,
    OptimizerChoice optimizer,
    OptionalLong steps,
    OptionalLong particles,
    OptionalLong seed,
    Span span) {

  /** The guide of a fit. */
  public sealed interface GuideChoice {
    /** A guide written in the file (a generative function of the lowered program). */
    record User(String name) implements GuideChoice {}

    /**
     * An automatic guide: {@code auto_normal}, {@code auto_fullrank}, {@code auto_lowrank}, {@code
     * auto_delta}, {@code auto_flow}, with its options (e.g. {@code rank = 2}).
     */
    record Auto(String kind, Map<String, Double> options) implements GuideChoice {
      /** Copies the map. */
      public Auto {
        options = Map.copyOf(options);
      }
    }
  }

  /** The objective of a fit. */
  public sealed interface ObjectiveChoice {
    /** A library objective ({@code elbo}, {@code iwelbo}, ...) and its numeric arguments. */
    record Library(String name, Map<String, Double> args) implements ObjectiveChoice {
      /** Copies the map. */
      public Library {
        args = Map.copyOf(args);
      }
    }

    /**
     * An objective written in the file, with its numeric arguments; its generative-function
     * parameters are bound to the fit's model and guide, in order.
     */
    record User(ObjectiveDef definition, Map<String, Double> args) implements ObjectiveChoice {
      /** Copies the map. */
      public User {
        args = Map.copyOf(args);
      }
    }
  }

  /** An optimiser by name ({@code adam}, {@code sgd}, {@code adagrad}, {@code rmsprop}). */
  public record OptimizerChoice(String name, Map<String, Double> settings) {
    /** Copies the map. */
    public OptimizerChoice {
      settings = Map.copyOf(settings);
    }
  }
}
