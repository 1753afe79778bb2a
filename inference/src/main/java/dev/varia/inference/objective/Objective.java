package dev.varia.inference.objective;

import dev.varia.core.ir.Span;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A variational objective: a program inside an expectation, {@code E { body }}, over named
 * generative functions (e.g. {@code p} the model and {@code q} the guide). Objectives are
 * <em>maximised</em>. Each names the role of its generative functions and the roles whose
 * parameters it updates (ELBO-type objectives update both; wake-p only the model's, wake-q only the
 * guide's).
 *
 * <p>Library objectives ({@link Objectives}) are written in this same language, so a user-written
 * objective is a peer of them.
 */
public record Objective(
    String name,
    Map<String, Role> functions,
    List<OStmt> body,
    Set<Role> updates,
    boolean bound,
    Span span) {
  /**
   * Copies the collections and checks the program ({@link ObjectiveChecker}); a {@code bound}
   * objective (every fitting objective) must also keep estimated densities in the positions that
   * keep it a lower bound.
   */
  public Objective {
    functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    body = List.copyOf(body);
    updates = Set.copyOf(updates);
    ObjectiveChecker.check(name, functions, body, bound, span);
  }

  /** True if the objective updates the parameters of functions in {@code role}. */
  public boolean updates(Role role) {
    return updates.contains(role);
  }
}
