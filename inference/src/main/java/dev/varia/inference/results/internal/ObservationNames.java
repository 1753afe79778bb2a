package dev.varia.inference.results.internal;

import dev.varia.core.ir.Block;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Span;
import dev.varia.core.ir.Stmt;
import java.util.HashMap;
import java.util.Map;

/**
 * Names the observation statements of a model by the data they observe: {@code y ~ ...} and {@code
 * y[t] ~ ...} are both {@code y}; an observation of anything else is named {@code obs<k>} by its
 * position.
 */
public final class ObservationNames {
  private ObservationNames() {}

  /** The name of each observation statement of {@code fn}, by the statement's span. */
  public static Map<Span, String> of(GenFn fn) {
    Map<Span, String> out = new HashMap<>();
    walk(fn.body(), out, new int[] {0});
    return out;
  }

  private static void walk(Block b, Map<Span, String> out, int[] count) {
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Observe o) {
        count[0]++;
        out.putIfAbsent(o.span(), dataName(o.value(), count[0]));
      } else if (s instanceof Stmt.If i) {
        walk(i.then(), out, count);
        walk(i.otherwise(), out, count);
      } else if (s instanceof Stmt.For f) {
        walk(f.body(), out, count);
      } else if (s instanceof Stmt.Plate p) {
        walk(p.body(), out, count);
      } else if (s instanceof Stmt.Marginalize mz) {
        walk(mz.body(), out, count);
      }
    }
  }

  private static String dataName(Expr e, int k) {
    if (e instanceof Expr.DataRef d) {
      return d.name();
    }
    if (e instanceof Expr.Index ix && ix.target() instanceof Expr.DataRef d) {
      return d.name();
    }
    return "obs" + k;
  }
}
