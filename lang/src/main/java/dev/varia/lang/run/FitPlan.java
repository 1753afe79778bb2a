package dev.varia.lang.run;

import dev.varia.lang.objective.FitSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A fit ready to run: a file's {@code fit} declaration (or the defaults) with the command line's
 * overrides applied, every setting resolved.
 *
 * @param name the fit's label
 * @param model the model to fit
 * @param guide a user guide, or an automatic guide; {@link #DEFAULT_GUIDE} for the default
 *     automatic guide, chosen from the number of latents when the fit runs
 * @param objective the objective
 * @param optimizer the optimiser, or null when none was written (user guides then use Adam with
 *     learning rate 0.01; automatic guides choose their step size by a short search)
 * @param steps optimisation steps
 * @param particles particles per step of single-sample objectives (the ELBO)
 * @param seed the seed everything random derives from
 * @param checkpoint where to save the fit's state periodically, or null
 * @param checkpointEvery steps between checkpoints
 * @param resume a checkpoint to continue from, or null
 * @param draws how many guide draws the summaries use
 */
public record FitPlan(
    String name,
    String model,
    FitSpec.GuideChoice guide,
    FitSpec.ObjectiveChoice objective,
    FitSpec.OptimizerChoice optimizer,
    long steps,
    long particles,
    long seed,
    Path checkpoint,
    int checkpointEvery,
    Path resume,
    int draws) {

  /** The kind of {@link FitSpec.GuideChoice.Auto} that stands for "the default automatic guide". */
  public static final String DEFAULT_GUIDE = "auto";

  /** Optimisation steps when none are given. */
  public static final long DEFAULT_STEPS = 2000;

  /** Guide draws behind the summaries when not given. */
  public static final int DEFAULT_DRAWS = 4000;

  /** Steps between checkpoints when not given. */
  public static final int DEFAULT_CHECKPOINT_EVERY = 100;

  /** True for an automatic guide (including the default one). */
  public boolean autoGuide() {
    return guide instanceof FitSpec.GuideChoice.Auto;
  }

  /** The guide as written: a guide's name, {@code auto_lowrank(rank = 3)}, or {@code auto}. */
  public String guideLabel() {
    if (guide instanceof FitSpec.GuideChoice.User u) {
      return u.name();
    }
    FitSpec.GuideChoice.Auto a = (FitSpec.GuideChoice.Auto) guide;
    return a.kind().equals(DEFAULT_GUIDE)
        ? "auto (the default automatic guide)"
        : a.kind() + args(a.options());
  }

  /** The objective as written: {@code elbo}, {@code iwelbo(K = 8)}, or an objective of the file. */
  public String objectiveLabel() {
    if (objective instanceof FitSpec.ObjectiveChoice.Library l) {
      return l.name() + args(l.args());
    }
    FitSpec.ObjectiveChoice.User u = (FitSpec.ObjectiveChoice.User) objective;
    return u.definition().name() + args(u.args());
  }

  /** The optimiser as written, or {@code "automatic step size"} when none was. */
  public String optimizerLabel() {
    return optimizer == null
        ? "automatic step size"
        : optimizer.name() + args(optimizer.settings());
  }

  /** One line describing the plan. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "fit %s: model %s, guide %s, objective %s, %s, %d steps%s, seed %d",
        name,
        model,
        guideLabel(),
        objectiveLabel(),
        optimizerLabel(),
        steps,
        particles > 1 ? ", " + particles + " particles" : "",
        seed);
  }

  private static String args(Map<String, Double> m) {
    if (m.isEmpty()) {
      return "";
    }
    return new TreeMap<>(m)
        .entrySet().stream()
            .map(e -> e.getKey() + " = " + number(e.getValue()))
            .collect(Collectors.joining(", ", "(", ")"));
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
