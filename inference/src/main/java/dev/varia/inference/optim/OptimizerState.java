package dev.varia.inference.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an optimiser carries from step to step, as plain data for checkpoints: its kind, the
 * global step count (the schedule position) and, per parameter, the number of updates it has had
 * and its moment arrays by name (e.g. Adam's {@code m} and {@code v}).
 *
 * @param kind the optimiser's {@link Optimizer#kind()}
 * @param steps steps taken
 * @param parameters per-parameter state by parameter key
 */
public record OptimizerState(String kind, long steps, Map<String, ParameterState> parameters) {
  /** Copies the map (the arrays inside are shared; {@link Optimizer} copies on both sides). */
  public OptimizerState {
    Objects.requireNonNull(kind, "kind");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * One parameter's state.
   *
   * @param count how many updates the parameter has had (Adam's bias correction uses it)
   * @param slots moment arrays by name
   */
  public record ParameterState(long count, Map<String, double[]> slots) {
    /** Copies the map. */
    public ParameterState {
      slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
    }
  }
}
