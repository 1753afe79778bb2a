package dev.varia.lang.ast;

import java.util.List;

/**
 * A name with optional arguments: the right of {@code ~} ({@code normal(0, 1)}, {@code flat}), a
 * guide or objective or optimiser in a {@code fit} ({@code auto_lowrank(rank = 2)}, {@code elbo}).
 *
 * @param hasParens whether parentheses were written ({@code flat} vs {@code flat()})
 */
public record CallRef(Name name, List<Arg> args, boolean hasParens, Loc loc) {
  /** Copies the list. */
  public CallRef {
    args = List.copyOf(args);
  }
}
