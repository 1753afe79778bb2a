package dev.varia.core.ir;

import java.util.List;

/** A distribution by its Stan name and argument expressions, e.g. {@code normal(mu, sigma)}. */
public record DistExpr(String family, List<Expr> args, Span span) {
  /** Copies the list. */
  public DistExpr {
    args = List.copyOf(args);
  }
}
