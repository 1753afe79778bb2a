package dev.varia.lang.run.internal;

import dev.varia.core.VariaException;
import dev.varia.core.gen.Selection;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Objectives;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.objective.ObjectiveTranslation;
import dev.varia.lang.run.FitPlan;
import dev.varia.lang.run.UserError;
import java.util.List;
import java.util.Map;

/**
 * The inference layer's objective for a plan: a library objective ({@link Objectives}) with its
 * arguments, or an objective of the file translated from its intermediate form. The ELBO takes the
 * plan's particles; other objectives carry their particle counts in their arguments.
 */
public final class ObjectiveFactory {
  private ObjectiveFactory() {}

  /**
   * The objective of {@code plan}; {@code keep} selects the model's latents among a hierarchical
   * guide's choices (for {@code hvi}, {@code iwhvi}, {@code diwhvi} and a user objective's {@code
   * marginal}); {@code notes} receives what was decided.
   */
  public static Objective build(FitPlan plan, Selection keep, List<String> notes) {
    if (plan.objective() instanceof FitSpec.ObjectiveChoice.User u) {
      if (plan.particles() > 1) {
        notes.add(
            "particles "
                + plan.particles()
                + " ignored: objective "
                + u.definition().name()
                + " draws its own particles");
      }
      try {
        return ObjectiveTranslation.translate(u.definition(), u.args(), keep);
      } catch (VariaException | IllegalArgumentException e) {
        throw new UserError("objective " + u.definition().name() + ": " + e.getMessage());
      }
    }
    FitSpec.ObjectiveChoice.Library l = (FitSpec.ObjectiveChoice.Library) plan.objective();
    Map<String, Double> a = l.args();
    String n = l.name();
    if (!n.equals("elbo") && plan.particles() > 1) {
      notes.add(
          "particles "
              + plan.particles()
              + " ignored: "
              + n
              + " takes its particles from its own arguments");
    }
    try {
      return switch (n) {
        case "elbo" -> Objectives.elbo((int) plan.particles());
        case "iwelbo" -> Objectives.iwelbo(count(n, "K", a));
        case "vimco" -> Objectives.vimco(count(n, "K", a));
        case "renyi" -> Objectives.renyi(a.get("alpha"), count(n, "K", a));
        case "hvi" -> Objectives.hvi(keep);
        case "iwhvi" -> Objectives.iwhvi(keep, count(n, "K", a));
        case "diwhvi" -> Objectives.diwhvi(keep, count(n, "K", a), count(n, "L", a));
        case "wake_p" -> Objectives.wakeP(count(n, "K", a));
        case "wake_q" -> Objectives.wakeQ(count(n, "K", a));
        case "rws" -> Objectives.rws(count(n, "K", a));
        default -> throw new UserError("objective " + n + " is not available here");
      };
    } catch (VariaException | IllegalArgumentException e) {
      throw new UserError("objective " + n + ": " + e.getMessage());
    }
  }

  private static int count(String objective, String arg, Map<String, Double> a) {
    Double v = a.get(arg);
    if (v == null || v != Math.rint(v) || v < 1 || v > 1_000_000) {
      throw new UserError(
          "objective " + objective + ": " + arg + " must be a whole number >= 1, got " + v);
    }
    return v.intValue();
  }
}
