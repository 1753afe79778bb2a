package dev.varia.lang.objective;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.Span;
import dev.varia.inference.objective.MultiSample;
import dev.varia.inference.objective.OStmt;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a user-written objective ({@link ObjectiveDef}, in the intermediate form {@link
 * ObjForm}) with its numeric arguments into the inference layer's objective IR ({@link Objective}):
 * the first generative-function parameter is the model, the second the guide; particle loops {@code
 * for k in 1..K { ... }} become {@code Particles}; {@code density} and {@code logq} become
 * statements binding temporaries. Constructs the objective IR has no form for yet (statement loops
 * and ifs, {@code marginal}/{@code normalize} written by hand) are refused with a {@link
 * VariaException} naming the place.
 */
public final class ObjectiveTranslation {
  private final Map<String, Double> args;
  private final Deque<List<OStmt>> out = new ArrayDeque<>();
  private int temps;

  private ObjectiveTranslation(Map<String, Double> args) {
    this.args = args;
  }

  /** The objective IR of {@code def} with the numeric arguments {@code args}. */
  public static Objective translate(ObjectiveDef def, Map<String, Double> args) {
    for (String p : def.numericParams()) {
      if (!args.containsKey(p)) {
        throw new VariaException(def.span() + ": objective " + def.name() + " needs argument " + p);
      }
    }
    if (def.generativeParams().size() != 2) {
      throw new VariaException(
          def.span() + ": objective " + def.name() + " must take a model and a guide");
    }
    Map<String, Role> fns = new LinkedHashMap<>();
    fns.put(def.generativeParams().get(0), Role.MODEL);
    fns.put(def.generativeParams().get(1), Role.GUIDE);
    ObjectiveTranslation t = new ObjectiveTranslation(args);
    ObjForm value = def.body().value();
    List<OStmt> body;
    if (value instanceof ObjForm.Expect e) {
      body = t.block(e.body());
    } else {
      t.out.push(new ArrayList<>());
      Expr v = t.expr(value);
      t.emit(new OStmt.Return(v, value.span()));
      body = t.out.pop();
    }
    return new Objective(def.name(), fns, body, Set.of(Role.MODEL, Role.GUIDE), true, def.span());
  }

  private void emit(OStmt s) {
    out.peek().add(s);
  }

  private String temp(String base) {
    return "__" + base + (++temps);
  }

  /** The statements of a body ending in {@code Return(value)}. */
  private List<OStmt> block(ObjForm.Body b) {
    out.push(new ArrayList<>());
    for (ObjForm s : b.stmts()) {
      stmt(s);
    }
    emit(new OStmt.Return(expr(b.value()), b.value().span()));
    return out.pop();
  }

  private void stmt(ObjForm s) {
    if (s instanceof ObjForm.Let l) {
      emit(new OStmt.Let(l.name(), expr(l.value()), l.span()));
    } else if (s instanceof ObjForm.Sim x) {
      emit(new OStmt.Sim(x.trace(), x.gen(), List.of(), x.span()));
    } else if (s instanceof ObjForm.AddCost c) {
      emit(new OStmt.AddCost(expr(c.value()), c.span()));
    } else {
      throw unsupported(s, "loops and ifs as statements");
    }
  }

  private Expr expr(ObjForm e) {
    Span sp = e.span();
    if (e instanceof ObjForm.Num n) {
      return new Expr.Const(Tensor.scalar(n.value()), sp);
    }
    if (e instanceof ObjForm.Arg a) {
      return new Expr.Const(Tensor.scalar(args.get(a.name())), sp);
    }
    if (e instanceof ObjForm.Local l) {
      return new Expr.Var(l.name(), sp);
    }
    if (e instanceof ObjForm.Prim p) {
      List<Expr> xs = new ArrayList<>();
      for (ObjForm a : p.args()) {
        xs.add(expr(a));
      }
      return new Expr.Prim(p.op(), xs, sp);
    }
    if (e instanceof ObjForm.Density d) {
      String t = temp("density");
      emit(new OStmt.Density(t, d.gen(), d.trace(), List.of(), sp));
      return new Expr.Var(t, sp);
    }
    if (e instanceof ObjForm.LogQ q) {
      String t = temp("logq");
      emit(new OStmt.LogQ(t, q.trace(), sp));
      return new Expr.Var(t, sp);
    }
    if (e instanceof ObjForm.ForVector f) {
      if (!(f.from() instanceof ObjForm.Num n && n.value() == 0)) {
        throw unsupported(e, "particle loops that do not start at 1");
      }
      Expr count = expr(f.to());
      out.push(new ArrayList<>());
      for (ObjForm s : f.body().stmts()) {
        stmt(s);
      }
      Expr y = expr(f.body().value());
      List<OStmt> body = out.pop();
      String t = temp("particles");
      emit(new OStmt.Particles(t, f.var(), count, body, y, MultiSample.NONE, sp));
      return new Expr.Var(t, sp);
    }
    if (e instanceof ObjForm.Expect x) {
      String t = temp("expect");
      emit(new OStmt.Expect(t, block(x.body()), sp));
      return new Expr.Var(t, sp);
    }
    throw unsupported(e, e.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
  }

  private static VariaException unsupported(ObjForm e, String what) {
    return new VariaException(
        e.span() + ": " + what + " in a user objective are not supported by the objective IR yet");
  }
}
