package dev.varia.core.model;

import dev.varia.core.ir.DistExpr;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A distribution in a model being built, by Stan's name and arguments ({@code Dist.normal(mu,
 * sigma)}).
 */
public final class DistSpec {
  private final DistExpr expr;

  private DistSpec(DistExpr expr) {
    this.expr = expr;
  }

  /** {@code family(args...)}: any distribution the families registry knows. */
  public static DistSpec of(String family, Object... args) {
    Span span = Spans.caller();
    List<Expr> a = new ArrayList<>(args.length);
    for (Object o : args) {
      a.add(Val.lift(o, span));
    }
    return new DistSpec(new DistExpr(family, a, span));
  }

  /** The IR form. */
  public DistExpr expr() {
    return expr;
  }
}
