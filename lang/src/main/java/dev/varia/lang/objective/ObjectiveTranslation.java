package dev.varia.lang.objective;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Selection;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.Span;
import dev.varia.core.model.Val;
import dev.varia.inference.objective.MultiSample;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.ObjectiveBuilder;
import dev.varia.inference.objective.ObjectiveBuilder.Trace;
import dev.varia.inference.objective.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a user-written objective ({@link ObjectiveDef}, in the intermediate form {@link
 * ObjForm}) with its numeric arguments into the inference layer's objective IR ({@link Objective}),
 * writing it with the same {@link ObjectiveBuilder} as the library objectives (so {@code
 * marginal}/{@code normalize} written by hand expand exactly as in {@code hvi} or wake-sleep), with
 * every statement attributed to its place in the source. The first generative-function parameter is
 * the model, the second the guide; particle loops {@code for k in 1..K { ... }} become particles;
 * {@code marginal(q[, N])} keeps the choices the {@code keep} selection names (the fit's model's
 * latents) and marginalises the rest by SIR with N particles (1 by default); {@code normalize(p, q,
 * K)} is SIR with K particles from q. Statement loops and ifs, which the objective IR has no form
 * for, are refused with a {@link VariaException} naming the place.
 */
public final class ObjectiveTranslation {
  /** A value in scope: a number, a trace or a derived family. */
  private sealed interface Binding {}

  private record Value(Val val) implements Binding {}

  private record TraceOf(Trace trace) implements Binding {}

  private record FamilyOf(ObjForm.Family family) implements Binding {}

  private final Map<String, Double> args;
  private final Selection keep;
  private final ObjectiveBuilder b;

  private ObjectiveTranslation(Map<String, Double> args, Selection keep, ObjectiveBuilder b) {
    this.args = args;
    this.keep = keep;
    this.b = b;
  }

  /**
   * The objective IR of {@code def} with the numeric arguments {@code args}; without a selection of
   * kept choices, {@code marginal} marginalises nothing.
   */
  public static Objective translate(ObjectiveDef def, Map<String, Double> args) {
    return translate(def, args, Selection.all());
  }

  /**
   * The objective IR of {@code def} with the numeric arguments {@code args}; {@code keep} selects
   * the choices a {@code marginal} family keeps (the fit's model's latents).
   */
  public static Objective translate(ObjectiveDef def, Map<String, Double> args, Selection keep) {
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
    ObjForm value = def.body().value();
    return ObjectiveBuilder.defineAt(
        def.name(),
        fns,
        def.span(),
        o -> {
          ObjectiveTranslation t = new ObjectiveTranslation(args, keep, o);
          Map<String, Binding> env = new HashMap<>();
          Val v = value instanceof ObjForm.Expect e ? t.body(e.body(), env) : t.expr(value, env);
          o.at(value.span());
          return v;
        });
  }

  /** Runs a body's statements and returns its value. */
  private Val body(ObjForm.Body body, Map<String, Binding> env) {
    for (ObjForm s : body.stmts()) {
      stmt(s, env);
    }
    Val v = expr(body.value(), env);
    b.at(body.value().span());
    return v;
  }

  private void stmt(ObjForm s, Map<String, Binding> env) {
    if (s instanceof ObjForm.Let l) {
      if (l.value() instanceof ObjForm.Family f) {
        env.put(l.name(), new FamilyOf(f));
      } else {
        Val v = expr(l.value(), env);
        env.put(l.name(), new Value(b.at(l.span()).let(v)));
      }
    } else if (s instanceof ObjForm.Sim x) {
      env.put(x.trace(), new TraceOf(sim(x.gen(), env, x.span())));
    } else if (s instanceof ObjForm.AddCost c) {
      Val v = expr(c.value(), env);
      b.at(c.span()).addCost(v);
    } else {
      throw unsupported(s, "loops and ifs as statements");
    }
  }

  private Trace sim(ObjForm gen, Map<String, Binding> env, Span sp) {
    ObjForm.Family f = family(gen, env);
    if (f == null) {
      return b.at(sp).sim(function(gen, env));
    }
    if (f.kind().equals("marginal")) {
      return b.at(sp).simMarginal(f.gen(), keep, count(f, 0, 1));
    }
    return b.at(sp).simNormalize(f.gen(), proposal(f, env), count(f, 1, 0));
  }

  private Val density(ObjForm gen, Trace z, Map<String, Binding> env, Span sp) {
    ObjForm.Family f = family(gen, env);
    if (f == null) {
      return b.at(sp).density(function(gen, env), z);
    }
    if (f.kind().equals("marginal")) {
      return b.at(sp).densityMarginal(f.gen(), keep, count(f, 0, 1), z);
    }
    return b.at(sp).densityNormalize(f.gen(), proposal(f, env), count(f, 1, 0), z);
  }

  /** The family {@code gen} is or names, or null for a plain generative function. */
  private static ObjForm.Family family(ObjForm gen, Map<String, Binding> env) {
    ObjForm.Family f = null;
    if (gen instanceof ObjForm.Family g) {
      f = g;
    } else if (gen instanceof ObjForm.GenRef r && env.get(r.name()) instanceof FamilyOf g) {
      f = g.family();
    }
    if (f != null && env.containsKey(f.gen())) {
      throw new VariaException(
          f.span() + ": " + f.kind() + " of a derived family is not supported: name a function");
    }
    return f;
  }

  /** The name of a generative function given to the objective (not a derived family). */
  private static String function(ObjForm gen, Map<String, Binding> env) {
    if (gen instanceof ObjForm.GenRef r && !env.containsKey(r.name())) {
      return r.name();
    }
    throw new VariaException(
        gen.span() + ": expected a generative function given to the objective here");
  }

  /** The proposal of {@code normalize(p, q, K)}. */
  private static String proposal(ObjForm.Family f, Map<String, Binding> env) {
    return function(f.args().get(0), env);
  }

  /** The particle count at {@code f.args().get(i)}, or {@code absent} when there is none. */
  private int count(ObjForm.Family f, int i, int absent) {
    if (f.args().size() <= i) {
      if (absent > 0) {
        return absent;
      }
      throw new VariaException(f.span() + ": " + f.kind() + " needs a number of particles");
    }
    ObjForm e = f.args().get(i);
    double v;
    if (e instanceof ObjForm.Num n) {
      v = n.value();
    } else if (e instanceof ObjForm.Arg a) {
      v = args.get(a.name());
    } else {
      throw new VariaException(
          e.span()
              + ": the particles of "
              + f.kind()
              + " must be a number or a numeric argument of the objective");
    }
    if (v != Math.rint(v) || v < 1 || v > 1_000_000) {
      throw new VariaException(
          e.span() + ": the particles of " + f.kind() + " must be a whole number >= 1, got " + v);
    }
    return (int) v;
  }

  private Val expr(ObjForm e, Map<String, Binding> env) {
    Span sp = e.span();
    if (e instanceof ObjForm.Num n) {
      return Val.wrap(new Expr.Const(Tensor.scalar(n.value()), sp));
    }
    if (e instanceof ObjForm.Arg a) {
      return Val.wrap(new Expr.Const(Tensor.scalar(args.get(a.name())), sp));
    }
    if (e instanceof ObjForm.Local l) {
      if (env.get(l.name()) instanceof Value v) {
        return v.val();
      }
      throw unsupported(e, "this use of " + l.name());
    }
    if (e instanceof ObjForm.Prim p) {
      List<Expr> xs = new ArrayList<>();
      for (ObjForm a : p.args()) {
        xs.add(expr(a, env).expr());
      }
      return Val.wrap(new Expr.Prim(p.op(), xs, sp));
    }
    if (e instanceof ObjForm.Density d) {
      return density(d.gen(), trace(d.trace(), env, sp), env, sp);
    }
    if (e instanceof ObjForm.LogQ q) {
      return b.at(sp).logq(trace(q.trace(), env, sp));
    }
    if (e instanceof ObjForm.ForVector f) {
      if (!(f.from() instanceof ObjForm.Num n && n.value() == 0)) {
        throw unsupported(e, "particle loops that do not start at 1");
      }
      Val count = expr(f.to(), env);
      return b.at(sp)
          .particles(
              count,
              MultiSample.NONE,
              (inner, k) -> {
                Map<String, Binding> scope = new HashMap<>(env);
                scope.put(f.var(), new Value(k));
                return body(f.body(), scope);
              });
    }
    if (e instanceof ObjForm.Expect x) {
      return b.at(sp).expect(inner -> body(x.body(), new HashMap<>(env)));
    }
    throw unsupported(e, e.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
  }

  private static Trace trace(String name, Map<String, Binding> env, Span sp) {
    if (env.get(name) instanceof TraceOf t) {
      return t.trace();
    }
    throw new VariaException(sp + ": " + name + " is not a trace drawn with sim");
  }

  private static VariaException unsupported(ObjForm e, String what) {
    return new VariaException(
        e.span() + ": " + what + " in a user objective are not supported by the objective IR yet");
  }
}
