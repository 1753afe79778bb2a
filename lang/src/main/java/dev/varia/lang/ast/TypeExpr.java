package dev.varia.lang.ast;

import java.util.List;
import java.util.Optional;

/**
 * A type as written: a base name ({@code real}, {@code int}, {@code vector}, {@code simplex}, ...),
 * constraint arguments ({@code <lower=0, upper=1 - alpha1>}) and dimensions ({@code [N, K]}; an
 * empty dimension, as in {@code real[]}, means "any size").
 */
public record TypeExpr(Name base, List<TypeArg> args, List<Optional<Expr>> dims, Loc loc) {
  /** Copies the lists. */
  public TypeExpr {
    args = List.copyOf(args);
    dims = List.copyOf(dims);
  }

  /** One constraint argument, {@code lower = 0}. */
  public record TypeArg(Name name, Expr value, Loc loc) {}
}
