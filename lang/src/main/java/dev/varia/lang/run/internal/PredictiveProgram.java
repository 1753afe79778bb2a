package dev.varia.lang.run.internal;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Block;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Stmt;
import dev.varia.core.ir.Strategy;
import dev.varia.lang.run.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A program whose observations of data are drawn instead: {@code y ~ normal(theta, sigma)} becomes
 * a random choice at site {@code y} (a whole vector, or element by element in a loop, {@code
 * y[t]}), so a simulation gives predictive draws of the data under the prior, or under the
 * posterior when the latents are fixed to a guide's draws. Data read elsewhere in the model (a
 * lagged series) keep their observed values. Observations of other expressions stay observations.
 */
public final class PredictiveProgram {
  private final Map<String, Tensor> data;
  private final Set<String> predicted = new LinkedHashSet<>();
  private final List<String> notes = new ArrayList<>();

  private PredictiveProgram(Map<String, Tensor> data) {
    this.data = data;
  }

  /**
   * The predictive program, the names of the data it draws and notes.
   *
   * @param program the predictive form of every function
   * @param predicted the data names drawn
   * @param notes observations that stay observations
   */
  public record Result(Program program, List<String> predicted, List<String> notes) {}

  /**
   * The predictive form of {@code program} with its data.
   *
   * @throws UserError if an observation sits inside a marginalisation (its label would have to be
   *     drawn, which is not supported)
   */
  public static Result of(Program program, Map<String, Tensor> data) {
    PredictiveProgram t = new PredictiveProgram(data);
    Map<String, GenFn> fns = new LinkedHashMap<>();
    program
        .functions()
        .forEach((n, f) -> fns.put(n, new GenFn(f.name(), f.args(), t.block(f.body()), f.span())));
    return new Result(new Program(fns), List.copyOf(t.predicted), List.copyOf(t.notes));
  }

  private Block block(Block b) {
    List<Stmt> out = new ArrayList<>(b.stmts().size());
    for (Stmt s : b.stmts()) {
      out.add(stmt(s));
    }
    return new Block(out);
  }

  private Stmt stmt(Stmt s) {
    if (s instanceof Stmt.Observe o) {
      return observe(o);
    }
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.cond(), block(i.then()), block(i.otherwise()), i.span());
    }
    if (s instanceof Stmt.For f) {
      return new Stmt.For(f.var(), f.from(), f.to(), block(f.body()), f.span());
    }
    if (s instanceof Stmt.Plate p) {
      return new Stmt.Plate(p.var(), p.size(), block(p.body()), p.span());
    }
    if (s instanceof Stmt.Marginalize m && observes(m.body())) {
      throw new UserError(
          m.span()
              + ": predictive draws of data observed inside a marginalisation (here over "
              + m.var()
              + ") are not supported yet");
    }
    return s;
  }

  private Stmt observe(Stmt.Observe o) {
    if (o.value() instanceof Expr.DataRef d && data.containsKey(d.name())) {
      predicted.add(d.name());
      List<Expr> batch = new ArrayList<>();
      for (int n : data.get(d.name()).shape().dims()) {
        batch.add(new Expr.Const(Tensor.scalar(n), o.span()));
      }
      return new Stmt.Sample(d.name(), List.of(), o.dist(), batch, Strategy.AUTO, o.span());
    }
    if (o.value() instanceof Expr.Index ix
        && ix.target() instanceof Expr.DataRef d
        && data.containsKey(d.name())) {
      predicted.add(d.name());
      return new Stmt.Sample(d.name(), ix.indices(), o.dist(), List.of(), Strategy.AUTO, o.span());
    }
    notes.add(
        o.span() + ": an observation of an expression, not of a data field, is kept as it is");
    return o;
  }

  private static boolean observes(Block b) {
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Observe) {
        return true;
      }
      if (s instanceof Stmt.If i && (observes(i.then()) || observes(i.otherwise()))) {
        return true;
      }
      if (s instanceof Stmt.For f && observes(f.body())) {
        return true;
      }
      if (s instanceof Stmt.Plate p && observes(p.body())) {
        return true;
      }
      if (s instanceof Stmt.Marginalize m && observes(m.body())) {
        return true;
      }
    }
    return false;
  }
}
