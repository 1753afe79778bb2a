package dev.varia.core.gen;

import dev.varia.core.ad.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The record of one execution of a generative function: its random choices with their log
 * densities, the reported deterministic values, the return value and the total score (log joint
 * density of the choices and observations, plus factors). Immutable.
 */
public final class Trace {
  private final String function;
  private final Tensor[] args;
  private final ChoiceMap choices;
  private final Map<Address, Double> logDensities;
  private final Map<Address, Tensor> reported;
  private final Tensor returnValue;
  private final double score;

  /** A trace; the maps are copied. */
  public Trace(
      String function,
      Tensor[] args,
      ChoiceMap choices,
      Map<Address, Double> logDensities,
      Map<Address, Tensor> reported,
      Tensor returnValue,
      double score) {
    this.function = function;
    this.args = args.clone();
    this.choices = choices;
    this.logDensities = Collections.unmodifiableMap(new LinkedHashMap<>(logDensities));
    this.reported = Collections.unmodifiableMap(new LinkedHashMap<>(reported));
    this.returnValue = returnValue;
    this.score = score;
  }

  /** Name of the generative function that produced the trace. */
  public String function() {
    return function;
  }

  /** The arguments the function was run with. */
  public Tensor[] args() {
    return args.clone();
  }

  /** The random choices. */
  public ChoiceMap choices() {
    return choices;
  }

  /** The value of choice {@code address} (or of an element of one). */
  public Tensor choice(String address) {
    return choices
        .get(address)
        .orElseThrow(() -> new IllegalArgumentException("no choice at " + address));
  }

  /** Log density of each choice (summed over the elements of a vector site), in order. */
  public Map<Address, Double> logDensities() {
    return logDensities;
  }

  /** The reported deterministic values, in program order. */
  public Map<Address, Tensor> reported() {
    return reported;
  }

  /** The reported value {@code name}. */
  public Optional<Tensor> reported(String name) {
    return Optional.ofNullable(reported.get(Address.parse(name)));
  }

  /** The return value, if the function returned one. */
  public Optional<Tensor> returnValue() {
    return Optional.ofNullable(returnValue);
  }

  /** log p(choices, observations) plus factors. */
  public double score() {
    return score;
  }

  @Override
  public String toString() {
    return "Trace("
        + function
        + ", score "
        + score
        + ", choices "
        + choices
        + ", reported "
        + reported.keySet()
        + ")";
  }
}
