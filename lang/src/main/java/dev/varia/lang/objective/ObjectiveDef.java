package dev.varia.lang.objective;

import dev.varia.core.ir.Span;
import java.util.List;

/**
 * A checked user-written objective: its generative-function parameters (bound, in order, to a fit's
 * model and guide), its numeric parameters, and its body in the small intermediate form {@link
 * ObjForm} (0-based loops, names resolved), which the inference layer translates into its objective
 * IR.
 */
public record ObjectiveDef(
    String name,
    List<String> generativeParams,
    List<String> numericParams,
    ObjForm.Body body,
    Span span) {
  /** Copies the lists. */
  public ObjectiveDef {
    generativeParams = List.copyOf(generativeParams);
    numericParams = List.copyOf(numericParams);
  }
}
