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

  /**
   * Whether the objective uses a {@code marginal} family: the guide it is fitted with may then have
   * auxiliary choices that the model lacks.
   */
  public boolean marginalises() {
    return uses(body, "marginal");
  }

  private static boolean uses(ObjForm f, String kind) {
    if (f instanceof ObjForm.Family x) {
      return x.kind().equals(kind) || any(x.args(), kind);
    }
    if (f instanceof ObjForm.Body x) {
      return any(x.stmts(), kind) || uses(x.value(), kind);
    }
    if (f instanceof ObjForm.Expect x) {
      return uses(x.body(), kind);
    }
    if (f instanceof ObjForm.Prim x) {
      return any(x.args(), kind);
    }
    if (f instanceof ObjForm.Let x) {
      return uses(x.value(), kind);
    }
    if (f instanceof ObjForm.Sim x) {
      return uses(x.gen(), kind);
    }
    if (f instanceof ObjForm.Density x) {
      return uses(x.gen(), kind);
    }
    if (f instanceof ObjForm.AddCost x) {
      return uses(x.value(), kind);
    }
    if (f instanceof ObjForm.ForVector x) {
      return uses(x.to(), kind) || uses(x.body(), kind);
    }
    if (f instanceof ObjForm.ForStmt x) {
      return uses(x.to(), kind) || any(x.body(), kind);
    }
    if (f instanceof ObjForm.If x) {
      return uses(x.cond(), kind) || any(x.then(), kind) || any(x.otherwise(), kind);
    }
    return false;
  }

  private static boolean any(List<ObjForm> fs, String kind) {
    return fs.stream().anyMatch(f -> uses(f, kind));
  }
}
