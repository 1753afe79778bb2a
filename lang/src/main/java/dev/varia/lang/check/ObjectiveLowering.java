package dev.varia.lang.check;

import dev.varia.core.ir.PrimOp;
import dev.varia.core.ir.Span;
import dev.varia.lang.ast.Arg;
import dev.varia.lang.ast.Block;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.Loc;
import dev.varia.lang.ast.Stmt;
import dev.varia.lang.diag.Code;
import dev.varia.lang.objective.ObjForm;
import dev.varia.lang.objective.ObjectiveDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a checked objective to the intermediate form {@link ObjForm} that the inference layer
 * translates into its objective IR: names resolved, loops 0-based and half-open.
 */
final class ObjectiveLowering {
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Loc loc;

    Unsupported(Loc loc, String msg) {
      super(msg, null, false, false);
      this.loc = loc;
    }
  }

  private final Checker env;
  private final String file;

  private ObjectiveLowering(Checker env) {
    this.env = env;
    this.file = env.file.name();
  }

  /** The objective in intermediate form, or null after a diagnostic. */
  static ObjectiveDef lower(Checker env, Decl.Objective o) {
    ObjectiveLowering l = new ObjectiveLowering(env);
    List<String> gen = new ArrayList<>();
    List<String> num = new ArrayList<>();
    for (Decl.ObjParam p : o.params()) {
      (p.type().isPresent() ? num : gen).add(p.name().text());
    }
    try {
      ObjForm value = l.expr(o.body());
      Span sp = l.span(o.loc());
      return new ObjectiveDef(
          o.name().text(), gen, num, new ObjForm.Body(List.of(), value, sp), sp);
    } catch (Unsupported e) {
      env.error(Code.E0800, e.loc, e.getMessage());
      return null;
    }
  }

  private Span span(Loc l) {
    return new Span(file, l.line(), l.column());
  }

  private ObjForm.Body body(Block b, Loc where) {
    List<Stmt> stmts = b.stmts();
    List<ObjForm> out = new ArrayList<>();
    for (int i = 0; i < stmts.size() - 1; i++) {
      out.add(stmt(stmts.get(i)));
    }
    Stmt.ExprStmt last = (Stmt.ExprStmt) stmts.get(stmts.size() - 1);
    return new ObjForm.Body(out, expr(last.value()), span(where));
  }

  private List<ObjForm> stmts(Block b) {
    List<ObjForm> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      out.add(stmt(s));
    }
    return out;
  }

  private ObjForm stmt(Stmt s) {
    Span sp = span(s.loc());
    if (s instanceof Stmt.Assign a && a.indices().isEmpty()) {
      return new ObjForm.Let(a.target().text(), expr(a.value()), sp);
    }
    if (s instanceof Stmt.Tilde t && t.lhs() instanceof Expr.Ref r) {
      Expr g = t.rhs().args().get(0).value();
      return new ObjForm.Sim(r.name(), gen(g), sp);
    }
    if (s instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Call c) {
      return new ObjForm.AddCost(expr(c.args().get(0).value()), sp);
    }
    if (s instanceof Stmt.For f) {
      return new ObjForm.ForStmt(
          f.var().text(), shiftDown(expr(f.from()), sp), expr(f.to()), stmts(f.body()), sp);
    }
    if (s instanceof Stmt.If i) {
      return new ObjForm.If(
          expr(i.cond()), stmts(i.then()), i.otherwise().map(this::stmts).orElse(List.of()), sp);
    }
    throw new Unsupported(s.loc(), "this statement is not supported in objectives yet");
  }

  private String genName(Expr g) {
    if (g instanceof Expr.Ref r) {
      return r.name();
    }
    throw new Unsupported(g.loc(), "give the generative function by name here");
  }

  /** A generative function: by name, or a derived family written in place. */
  private ObjForm gen(Expr g) {
    ObjForm f = expr(g);
    if (f instanceof ObjForm.GenRef || f instanceof ObjForm.Family) {
      return f;
    }
    throw new Unsupported(g.loc(), "expected a generative function here");
  }

  private static ObjForm shiftDown(ObjForm from, Span sp) {
    if (from instanceof ObjForm.Num n) {
      return new ObjForm.Num(n.value() - 1, sp);
    }
    return new ObjForm.Prim(PrimOp.SUB, List.of(from, new ObjForm.Num(1, sp)), sp);
  }

  private ObjForm expr(Expr e) {
    Span sp = span(e.loc());
    if (e instanceof Expr.Num n) {
      return new ObjForm.Num(n.value(), sp);
    }
    if (e instanceof Expr.Ref r) {
      Symbol s = env.res.symbol(r);
      if (s == null) {
        throw new Unsupported(r.loc(), "unresolved name " + r.name());
      }
      switch (s.kind()) {
        case ARG:
          return new ObjForm.Arg(r.name(), sp);
        case LOOP_VAR:
          return new ObjForm.Prim(
              PrimOp.ADD, List.of(new ObjForm.Local(r.name(), sp), new ObjForm.Num(1, sp)), sp);
        case LOCAL:
        case TRACE:
          return new ObjForm.Local(r.name(), sp);
        case GEN_ARG:
        case GEN:
          return new ObjForm.GenRef(r.name(), sp);
        default:
          throw new Unsupported(
              r.loc(),
              r.name()
                  + " ("
                  + s.kind().describe()
                  + ") cannot be used as a value in an objective");
      }
    }
    if (e instanceof Expr.Unary u) {
      ObjForm x = expr(u.operand());
      switch (u.op()) {
        case NEG:
          return new ObjForm.Prim(PrimOp.NEG, List.of(x), sp);
        case PLUS:
          return x;
        default:
          return new ObjForm.Prim(PrimOp.NOT, List.of(x), sp);
      }
    }
    if (e instanceof Expr.Binary b) {
      return new ObjForm.Prim(binaryOp(b), List.of(expr(b.left()), expr(b.right())), sp);
    }
    if (e instanceof Expr.Field f) {
      return new ObjForm.LogQ(genName(f.target()), sp);
    }
    if (e instanceof Expr.ForExpr f) {
      return new ObjForm.ForVector(
          f.var().text(), shiftDown(expr(f.from()), sp), expr(f.to()), body(f.body(), f.loc()), sp);
    }
    if (e instanceof Expr.Expect x) {
      return new ObjForm.Expect(body(x.body(), x.loc()), sp);
    }
    if (e instanceof Expr.Call c) {
      return call(c, sp);
    }
    throw new Unsupported(e.loc(), "this expression is not supported in objectives yet");
  }

  private ObjForm call(Expr.Call c, Span sp) {
    String n = c.fn().text();
    List<Arg> args = c.args();
    switch (n) {
      case "density":
        return new ObjForm.Density(gen(args.get(0).value()), genName(args.get(1).value()), sp);
      case "marginal":
      case "normalize":
        {
          List<ObjForm> rest = new ArrayList<>();
          for (int i = 1; i < args.size(); i++) {
            rest.add(
                n.equals("normalize") && i == 1
                    ? gen(args.get(i).value())
                    : expr(args.get(i).value()));
          }
          return new ObjForm.Family(n, genName(args.get(0).value()), rest, sp);
        }
      case "logmeanexp":
      case "log_mean_exp":
        {
          ObjForm x = expr(args.get(0).value());
          return new ObjForm.Prim(
              PrimOp.SUB,
              List.of(
                  new ObjForm.Prim(PrimOp.LOG_SUM_EXP, List.of(x), sp),
                  new ObjForm.Prim(
                      PrimOp.LOG, List.of(new ObjForm.Prim(PrimOp.SIZE, List.of(x), sp)), sp)),
              sp);
        }
      default:
        break;
    }
    Builtins.Builtin b = Builtins.get(n).orElse(null);
    if (b == null
        || b.op() == null
        || (b.rule() == Builtins.Rule.REDUCE_OR_BINARY && args.size() == 2)) {
      throw new Unsupported(c.loc(), n + "(...) is not supported in objectives yet");
    }
    List<ObjForm> xs = new ArrayList<>();
    for (Arg a : args) {
      xs.add(expr(a.value()));
    }
    return new ObjForm.Prim(b.op(), xs, sp);
  }

  private PrimOp binaryOp(Expr.Binary b) {
    switch (b.op()) {
      case ADD:
        return PrimOp.ADD;
      case SUB:
        return PrimOp.SUB;
      case MUL:
        return env.res.type(b.left()).rank() == 2 ? PrimOp.MATMUL : PrimOp.MUL;
      case ELT_MUL:
        return PrimOp.MUL;
      case DIV:
      case ELT_DIV:
        return PrimOp.DIV;
      case POW:
        return PrimOp.POW;
      case EQ:
        return PrimOp.EQ;
      case NE:
        return PrimOp.NE;
      case LT:
        return PrimOp.LT;
      case LE:
        return PrimOp.LE;
      case GT:
        return PrimOp.GT;
      case GE:
        return PrimOp.GE;
      case AND:
        return PrimOp.AND;
      default:
        return PrimOp.OR;
    }
  }
}
