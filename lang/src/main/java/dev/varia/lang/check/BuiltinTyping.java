package dev.varia.lang.check;

import dev.varia.lang.ast.Arg;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.check.ExprChecker.ET;
import dev.varia.lang.diag.Code;
import java.util.ArrayList;
import java.util.List;

/** The types of calls of built-in functions (and the objective constructs). */
final class BuiltinTyping {
  private BuiltinTyping() {}

  static ET type(ExprChecker bc, Checker env, Expr.Call c, Builtins.Builtin b) {
    String n = b.name();
    List<ET> args = new ArrayList<>();
    boolean data = true;
    for (Arg a : c.args()) {
      if (a.name().isPresent()) {
        env.error(Code.E0402, a.loc(), n + " takes positional arguments only");
      }
      ET t = bc.expr(a.value());
      args.add(t);
      data &= t.data();
    }
    if (args.size() < b.minArgs() || args.size() > b.maxArgs()) {
      String want =
          b.minArgs() == b.maxArgs()
              ? Integer.toString(b.minArgs())
              : b.maxArgs() == Integer.MAX_VALUE
                  ? "at least " + b.minArgs()
                  : b.minArgs() + " or " + b.maxArgs();
      env.error(Code.E0700, c.loc(), n + " takes " + want + " argument(s), got " + args.size());
      return ET.ERROR;
    }
    if (b.rule() == Builtins.Rule.OBJECTIVE) {
      return objective(bc, env, c, args);
    }
    for (int i = 0; i < args.size(); i++) {
      if (!bc.numeric(args.get(i).ty(), c.args().get(i).loc(), n)) {
        return ET.ERROR;
      }
      if (args.get(i).ty().isError()) {
        return ET.ERROR;
      }
    }
    Ty a0 = args.get(0).ty();
    switch (b.rule()) {
      case UNARY:
        return new ET(a0.withElem(Ty.Elem.REAL), data);
      case BINARY:
        {
          Ty t = bc.broadcast(a0, args.get(1).ty(), c.loc(), n, "argument 1", "argument 2");
          return t == null ? ET.ERROR : new ET(t.withElem(Ty.Elem.REAL), data);
        }
      case REDUCE:
        return new ET(Ty.REAL, data);
      case REDUCE_OR_BINARY:
        if (args.size() == 1) {
          Ty.Elem e = (n.equals("max") || n.equals("min")) ? a0.elem() : Ty.Elem.REAL;
          return new ET(new Ty(e, List.of()), data);
        }
        {
          Ty t = bc.broadcast(a0, args.get(1).ty(), c.loc(), n, "argument 1", "argument 2");
          return t == null ? ET.ERROR : new ET(t.withElem(Ty.Elem.REAL), data);
        }
      case DOT:
        if (a0.rank() != 1 || args.get(1).ty().rank() != 1) {
          env.error(
              Code.E0307,
              c.loc(),
              n
                  + " takes two vectors, got shapes "
                  + a0.shape()
                  + " and "
                  + args.get(1).ty().shape());
          return ET.ERROR;
        }
        if (a0.dims().get(0).differs(args.get(1).ty().dims().get(0))) {
          env.error(
              Code.E0300,
              c.loc(),
              n + ": vectors of shapes " + a0.shape() + " and " + args.get(1).ty().shape());
          return ET.ERROR;
        }
        return new ET(Ty.REAL, data);
      case OUTER:
        if (a0.rank() != 1 || args.get(1).ty().rank() != 1) {
          env.error(
              Code.E0307,
              c.loc(),
              "outer takes two vectors, got shapes "
                  + a0.shape()
                  + " and "
                  + args.get(1).ty().shape());
          return ET.ERROR;
        }
        return new ET(Ty.of(Ty.Elem.REAL, a0.dims().get(0), args.get(1).ty().dims().get(0)), data);
      case TRANSPOSE:
        return a0.rank() == 2
            ? new ET(a0.withDims(List.of(a0.dims().get(1), a0.dims().get(0))), data)
            : args.get(0);
      case CHOLESKY:
      case LOG_DET:
        if (a0.rank() != 2) {
          env.error(Code.E0307, c.loc(), n + " takes a square matrix, got shape " + a0.shape());
          return ET.ERROR;
        }
        if (a0.dims().get(0).differs(a0.dims().get(1))) {
          env.error(Code.E0300, c.loc(), n + " takes a square matrix, got shape " + a0.shape());
          return ET.ERROR;
        }
        return new ET(
            b.rule() == Builtins.Rule.LOG_DET ? Ty.REAL : a0.withElem(Ty.Elem.REAL), data);
      case SOLVE:
        if (a0.rank() != 2 || args.get(1).ty().rank() < 1) {
          env.error(
              Code.E0307,
              c.loc(),
              n
                  + " takes a lower-triangular matrix and a vector or matrix, got shapes "
                  + a0.shape()
                  + " and "
                  + args.get(1).ty().shape());
          return ET.ERROR;
        }
        return new ET(args.get(1).ty().withElem(Ty.Elem.REAL), data);
      case SIZE:
        return new ET(Ty.INT, true);
      case ROWS:
      case COLS:
        if (a0.rank() == 0) {
          env.error(Code.E0307, c.loc(), n + " takes a vector or matrix, got a scalar");
          return ET.ERROR;
        }
        return new ET(Ty.INT, true);
      case WHERE:
        {
          Ty t = bc.broadcast(a0, args.get(1).ty(), c.loc(), n, "the condition", "argument 2");
          t =
              t == null
                  ? null
                  : bc.broadcast(t, args.get(2).ty(), c.loc(), n, "argument 2", "argument 3");
          return t == null ? ET.ERROR : new ET(t.withElem(Ty.Elem.REAL), data);
        }
      case CONCAT:
        {
          long total = 0;
          boolean known = true;
          for (ET t : args) {
            if (t.ty().rank() > 1) {
              env.error(
                  Code.E0307,
                  c.loc(),
                  n + " joins numbers and vectors, got shape " + t.ty().shape());
              return ET.ERROR;
            }
            if (t.ty().rank() == 0) {
              total++;
            } else if (t.ty().dims().get(0).isKnown()) {
              total += t.ty().dims().get(0).value();
            } else {
              known = false;
            }
          }
          return new ET(Ty.of(Ty.Elem.REAL, known ? Dim.of(total) : Dim.UNKNOWN), data);
        }
      case FILL_VECTOR:
        {
          Expr size = c.args().get(args.size() - 1).value();
          bc.intScalar(args.get(args.size() - 1).ty(), size.loc(), "a size");
          if (args.size() == 2 && !a0.isScalar()) {
            env.error(
                Code.E0307,
                c.args().get(0).loc(),
                n + " repeats a single number, got shape " + a0.shape());
            return ET.ERROR;
          }
          return new ET(Ty.of(Ty.Elem.REAL, env.dim(size)), data);
        }
      case FILL_MATRIX:
        {
          bc.intScalar(args.get(1).ty(), c.args().get(1).loc(), "a size");
          bc.intScalar(args.get(2).ty(), c.args().get(2).loc(), "a size");
          if (!a0.isScalar()) {
            env.error(
                Code.E0307,
                c.args().get(0).loc(),
                n + " repeats a single number, got shape " + a0.shape());
            return ET.ERROR;
          }
          return new ET(
              Ty.of(
                  Ty.Elem.REAL, env.dim(c.args().get(1).value()), env.dim(c.args().get(2).value())),
              data);
        }
      default:
        return ET.ERROR;
    }
  }

  private static ET objective(ExprChecker bc, Checker env, Expr.Call c, List<ET> args) {
    String n = c.fn().text();
    if (bc.ctx() != ExprChecker.Ctx.OBJECTIVE) {
      env.error(Code.E0709, c.fn().loc(), n + " is only available in an objective");
      return ET.ERROR;
    }
    switch (n) {
      case "sim":
        env.error(Code.E0709, c.loc(), "draw a trace with a statement: z ~ sim(q)");
        return ET.ERROR;
      case "density":
        if (args.get(0).ty().elem() != Ty.Elem.GEN && !args.get(0).ty().isError()) {
          env.error(
              Code.E0710,
              c.args().get(0).loc(),
              "density needs a generative function first, got " + args.get(0).ty());
          return ET.ERROR;
        }
        if (args.get(1).ty().elem() != Ty.Elem.TRACE && !args.get(1).ty().isError()) {
          env.error(
              Code.E0307,
              c.args().get(1).loc(),
              "density needs a trace drawn with sim second, got " + args.get(1).ty());
          return ET.ERROR;
        }
        return new ET(Ty.REAL, false);
      case "add_cost":
        bc.numeric(args.get(0).ty(), c.args().get(0).loc(), n);
        return new ET(Ty.REAL, false);
      default:
        if (args.get(0).ty().elem() != Ty.Elem.GEN && !args.get(0).ty().isError()) {
          env.error(
              Code.E0710,
              c.args().get(0).loc(),
              n + " needs a generative function first, got " + args.get(0).ty());
          return ET.ERROR;
        }
        // marginal(q[, N]) and normalize(p, q, K): the proposal, then a particle count
        int count = n.equals("normalize") ? 2 : 1;
        if (n.equals("normalize")
            && args.get(1).ty().elem() != Ty.Elem.GEN
            && !args.get(1).ty().isError()) {
          env.error(
              Code.E0710,
              c.args().get(1).loc(),
              "normalize(p, q, K) needs the proposal q second, got " + args.get(1).ty());
          return ET.ERROR;
        }
        if (args.size() > count
            && !(args.get(count).ty().isNumeric() && args.get(count).ty().rank() == 0)
            && !args.get(count).ty().isError()) {
          env.error(
              Code.E0307,
              c.args().get(count).loc(),
              n + " needs a number of particles here, got " + args.get(count).ty());
          return ET.ERROR;
        }
        return new ET(Ty.of(Ty.Elem.GEN), false);
    }
  }
}
