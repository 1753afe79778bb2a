package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.gen.GenerativeFunction;
import java.util.Map;

/**
 * What the statements of one evaluation of an objective need: functions, parameters, state, and the
 * minibatches of subsampled plates drawn so far in this evaluation.
 */
record EstimatorRun(
    Map<String, GenerativeFunction> functions,
    ParamBinding binding,
    EstimatorState state,
    EstimatorOptions options,
    Diagnosis diagnosis,
    Subsamples subsamples) {
  GenerativeFunction function(String name) {
    GenerativeFunction f = functions.get(name);
    if (f == null) {
      throw new VariaException("no generative function is bound to " + name);
    }
    return f;
  }
}
