package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.exec.Instr;
import dev.varia.core.exec.Machine;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Role;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An objective bound to generative functions and compiled into an unbiased gradient estimator:
 * {@link #estimate} runs the objective once on a tape and returns a value whose value is an
 * estimate of the objective and whose gradient (one backward pass) is an unbiased estimate of the
 * objective's gradient with respect to the parameters it updates.
 */
public final class Estimator {
  private final Objective objective;
  private final Map<String, GenerativeFunction> functions;
  private final Map<String, Role> ownerRoles = new LinkedHashMap<>();
  private final Instr[] code;
  private final int slots;
  private final EstimatorOptions options;
  private final EstimatorState state = new EstimatorState();

  private Estimator(
      Objective objective, Map<String, GenerativeFunction> functions, EstimatorOptions options) {
    this.objective = objective;
    this.functions = Map.copyOf(functions);
    this.options = options;
    for (Map.Entry<String, Role> e : objective.functions().entrySet()) {
      GenerativeFunction f = functions.get(e.getKey());
      if (f == null) {
        throw new VariaException(
            "objective "
                + objective.name()
                + " needs a generative function for "
                + e.getKey()
                + " ("
                + e.getValue().name().toLowerCase(java.util.Locale.ROOT)
                + ")");
      }
      Role previous = ownerRoles.put(f.name(), e.getValue());
      if (previous != null && previous != e.getValue()) {
        throw new VariaException(
            f.name() + " is bound both as the model and as the guide of " + objective.name());
      }
    }
    ObjectiveCompiler c = new ObjectiveCompiler(objective.name());
    this.code = c.block(objective.body());
    this.slots = c.slotCount();
  }

  /** An estimator for {@code objective} with its functions bound by name (e.g. p, q). */
  public static Estimator of(Objective objective, Map<String, GenerativeFunction> functions) {
    return new Estimator(objective, functions, EstimatorOptions.defaults());
  }

  /** As {@link #of(Objective, Map)} with options. */
  public static Estimator of(
      Objective objective, Map<String, GenerativeFunction> functions, EstimatorOptions options) {
    return new Estimator(objective, functions, options);
  }

  /**
   * One estimate: its value on the tape, the parameters it was computed with, and the first
   * non-finite log density met (a site and what was NaN or infinite), or null.
   */
  public record Estimate(Node value, ParamBinding params, String problem) {}

  /**
   * Runs the objective once on {@code tape} (which is not reset): the value is an unbiased estimate
   * of the objective, and after {@code tape.backward(value)} the gradients of {@code
   * params().trainable()} are an unbiased estimate of its gradient.
   */
  public Estimate estimate(Tape tape, RandomStream rng) {
    ParamBinding binding = new ParamBinding(tape, ownerRoles, objective.updates());
    EstimatorRun run =
        new EstimatorRun(functions, binding, state, options, new Diagnosis(), new Subsamples());
    ExpectationFrame root =
        new ExpectationFrame(code, new Object[slots], run, true, objective.span());
    Node value = Machine.run(root, tape, rng);
    return new Estimate(value, binding, run.diagnosis().first());
  }

  /** A value-only estimate of the objective (nothing recorded for gradients). */
  public double value(RandomStream rng) {
    Tape tape = new Tape();
    try (Tape.ValueOnly v = tape.valueOnly()) {
      return estimate(tape, rng).value().get(0);
    }
  }

  /** The objective. */
  public Objective objective() {
    return objective;
  }

  /** The generative functions by the objective's names for them. */
  public Map<String, GenerativeFunction> functions() {
    return functions;
  }

  /** The baselines carried across steps. */
  public EstimatorState state() {
    return state;
  }
}
