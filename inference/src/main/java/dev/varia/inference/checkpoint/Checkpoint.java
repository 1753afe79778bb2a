package dev.varia.inference.checkpoint;

import dev.varia.core.gen.ParamStore;
import dev.varia.inference.optim.Optimizer;
import dev.varia.inference.optim.OptimizerState;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to resume a fit: the unconstrained parameter values by key, the optimiser's
 * state (moments, step count, hence the schedule position), the step number, the history of
 * objective estimates, where the random stream stands, and free-form notes. Saved and loaded by
 * {@link CheckpointFile}.
 *
 * <p>A run resumed from a checkpoint continues bit-identically with an uninterrupted one when the
 * objective is deterministic given the random stream: restore the parameters ({@link
 * #restoreParameters}), the optimiser ({@link Optimizer#restore}) and the stream ({@link
 * RngState#restore}), and replay the objective history into any convergence rule.
 *
 * @param step the number of completed fit steps
 * @param parameters unconstrained values by parameter key
 * @param optimizer the optimiser's state, or null
 * @param objectiveHistory objective estimates so far, one per step (NaN allowed)
 * @param rng the random stream's position, or null
 * @param metadata free-form notes (e.g. model name, objective, Varia version)
 */
public record Checkpoint(
    long step,
    Map<String, ParameterSnapshot> parameters,
    OptimizerState optimizer,
    double[] objectiveHistory,
    RngState rng,
    Map<String, String> metadata) {

  /** Copies the collections and checks the step. */
  public Checkpoint {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    objectiveHistory = objectiveHistory.clone();
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /**
   * A checkpoint of {@code store}'s parameters, {@code optimizer}'s state and the rest, copied now
   * (later steps do not change it).
   */
  public static Checkpoint of(
      long step,
      ParamStore store,
      Optimizer optimizer,
      double[] objectiveHistory,
      RngState rng,
      Map<String, String> metadata) {
    return new Checkpoint(
        step,
        ParameterSnapshot.of(store),
        optimizer == null ? null : optimizer.state(),
        objectiveHistory,
        rng,
        metadata);
  }

  /**
   * Writes the saved values into {@code store}'s unconstrained arrays; the store must already hold
   * the same keys with the same shapes (run the model once to declare its parameters).
   *
   * @throws CheckpointException listing every missing, extra or differently shaped parameter
   *     (nothing is written then)
   */
  public void restoreParameters(ParamStore store) {
    ParameterSnapshot.restore(parameters, store);
  }

  /** The objective history (a copy). */
  @Override
  public double[] objectiveHistory() {
    return objectiveHistory.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && c.step == step
        && c.parameters.equals(parameters)
        && optimizerEquals(c.optimizer, optimizer)
        && Arrays.equals(c.objectiveHistory, objectiveHistory)
        && Objects.equals(c.rng, rng)
        && c.metadata.equals(metadata);
  }

  private static boolean optimizerEquals(OptimizerState a, OptimizerState b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (!a.kind().equals(b.kind())
        || a.steps() != b.steps()
        || !a.parameters().keySet().equals(b.parameters().keySet())) {
      return false;
    }
    for (String key : a.parameters().keySet()) {
      OptimizerState.ParameterState pa = a.parameters().get(key);
      OptimizerState.ParameterState pb = b.parameters().get(key);
      if (pa.count() != pb.count() || !pa.slots().keySet().equals(pb.slots().keySet())) {
        return false;
      }
      for (String slot : pa.slots().keySet()) {
        if (!Arrays.equals(pa.slots().get(slot), pb.slots().get(slot))) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(step, parameters, Arrays.hashCode(objectiveHistory), rng, metadata);
  }

  @Override
  public String toString() {
    return "Checkpoint[step "
        + step
        + ", parameters "
        + parameters.keySet()
        + ", optimizer "
        + (optimizer == null ? "none" : optimizer.kind())
        + ", "
        + objectiveHistory.length
        + " objective values]";
  }
}
