package dev.varia.lang.ast;

import java.util.Optional;

/** One index inside brackets: a single (1-based) position, or a range {@code a:b} (inclusive). */
public sealed interface IndexArg {
  /** Where it is. */
  Loc loc();

  /** {@code x[i]}. */
  record Single(Expr index, Loc loc) implements IndexArg {}

  /** {@code x[a:b]}, {@code x[:b]}, {@code x[a:]} or {@code x[:]} (all). */
  record Range(Optional<Expr> from, Optional<Expr> to, Loc loc) implements IndexArg {}
}
