package dev.varia.core.exec;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.PrimOp;
import dev.varia.core.ir.Span;
import java.util.List;

/**
 * Compiles IR expressions into closures ({@link Ev}) once, so runs never walk the tree. Variables
 * resolve to slots of the enclosing activation ({@link Slots}); constants and data belong to a
 * {@link CompiledProgram}.
 */
public final class ExprCompiler {
  private final CompiledProgram program;
  private final Slots slots;

  /** A compiler for expressions of {@code program} whose variables live in {@code slots}. */
  public ExprCompiler(CompiledProgram program, Slots slots) {
    this.program = program;
    this.slots = slots;
  }

  /** The compiled form of {@code e}. */
  public Ev compile(Expr e) {
    if (e instanceof Expr.Const c) {
      int i = program.addConst(c.value());
      CompiledProgram prog = program;
      return (env, m) -> m.runtime().constant(prog, i);
    }
    if (e instanceof Expr.DataRef d) {
      int i = program.dataIndex(d.name(), d.span());
      CompiledProgram prog = program;
      return (env, m) -> m.runtime().data(prog, i);
    }
    if (e instanceof Expr.Var v) {
      int slot = slots.lookup(v.name(), v.span());
      String name = v.name();
      return (env, m) -> read(env, slot, name, m.tape());
    }
    if (e instanceof Expr.Index ix) {
      return index(ix);
    }
    if (e instanceof Expr.Slice s) {
      Ev target = compile(s.target());
      Ev from = compile(s.from());
      Ev to = compile(s.to());
      return (env, m) ->
          target.eval(env, m).slice(toInt(from.eval(env, m)), toInt(to.eval(env, m)));
    }
    if (e instanceof Expr.Prim p) {
      return prim(p);
    }
    throw new AssertionError(e);
  }

  /** The value of local {@code name} in {@code slot}: a tape value or a whole local array. */
  public static Node read(Object[] env, int slot, String name, Tape tape) {
    Object o = env[slot];
    if (o instanceof Node n) {
      return n;
    }
    if (o instanceof LocalArray a) {
      return a.whole(tape);
    }
    throw new VariaException("variable " + name + " is used before it is given a value");
  }

  /** A scalar index value as an int (it must be a whole number). */
  public static int toInt(Node n) {
    if (n.size() != 1) {
      throw new VariaException("an index must be a single number, got shape " + n.shape());
    }
    double v = n.get(0);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw new VariaException("an index must be a whole number, got " + v);
    }
    return (int) v;
  }

  private Ev index(Expr.Index ix) {
    List<Expr> idx = ix.indices();
    Ev i0 = compile(idx.get(0));
    Ev i1 = idx.size() > 1 ? compile(idx.get(1)) : null;
    if (ix.target() instanceof Expr.Var v) {
      int slot = slots.lookup(v.name(), v.span());
      String name = v.name();
      return (env, m) -> {
        Object o = env[slot];
        if (o instanceof LocalArray a) {
          Node first = i0.eval(env, m);
          if (i1 == null && first.shape().isVector()) {
            return gatherNode(a.whole(m.tape()), first);
          }
          int i = toInt(first);
          return i1 == null ? a.get(m.tape(), i) : a.get(m.tape(), i, toInt(i1.eval(env, m)));
        }
        Node t = read(env, slot, name, m.tape());
        return indexNode(t, i0, i1, env, m);
      };
    }
    Ev target = compile(ix.target());
    return (env, m) -> indexNode(target.eval(env, m), i0, i1, env, m);
  }

  private static Node indexNode(Node t, Ev i0, Ev i1, Object[] env, Machine m) {
    Node first = i0.eval(env, m);
    if (i1 == null && first.shape().isVector()) {
      return gatherNode(t, first);
    }
    int i = toInt(first);
    return i1 == null ? t.index(i) : t.index(i, toInt(i1.eval(env, m)));
  }

  /** The elements (or rows) of t at a vector of indices, in order. */
  private static Node gatherNode(Node t, Node indices) {
    int len = t.shape().isMatrix() ? t.shape().rows() : t.size();
    return t.gather(BatchOps.ints(indices, len));
  }

  private int constInt(Expr e, String what) {
    if (e instanceof Expr.Const c && c.value().size() == 1) {
      double v = c.value().get(0);
      if (v == Math.rint(v)) {
        return (int) v;
      }
    }
    throw new LocatedException(e.span(), what + " must be a constant whole number");
  }

  private double constDouble(Expr e, String what) {
    if (e instanceof Expr.Const c && c.value().size() == 1) {
      return c.value().get(0);
    }
    throw new LocatedException(e.span(), what + " must be a constant number");
  }

  private Ev prim(Expr.Prim p) {
    List<Expr> args = p.args();
    PrimOp op = p.op();
    Span span = p.span();
    switch (op) {
      case LEAKY_RELU:
        {
          Ev x = compile(args.get(0));
          double slope = constDouble(args.get(1), "the slope of leaky_relu");
          return (env, m) -> x.eval(env, m).leakyRelu(slope);
        }
      case SUM:
      case MEAN:
      case MAX:
      case MIN:
      case LOG_SUM_EXP:
        return reduction(op, args);
      case CONCAT:
        {
          Ev[] parts = compileAll(args);
          return (env, m) -> {
            Node[] n = new Node[parts.length];
            for (int i = 0; i < n.length; i++) {
              n[i] = parts[i].eval(env, m);
            }
            return Node.concat(n);
          };
        }
      case WHERE:
        {
          Ev c = compile(args.get(0));
          Ev a = compile(args.get(1));
          Ev b = compile(args.get(2));
          return (env, m) -> Node.where(c.eval(env, m), a.eval(env, m), b.eval(env, m));
        }
      case SIZE:
        {
          Ev x = compile(args.get(0));
          return (env, m) -> m.tape().constant(x.eval(env, m).size());
        }
      default:
        break;
    }
    if (op.isLogical()) {
      return logical(op, args);
    }
    if (args.size() == 1) {
      Ev x = compile(args.get(0));
      return unary(op, x, span);
    }
    Ev a = compile(args.get(0));
    Ev b = compile(args.get(1));
    switch (op) {
      case ADD:
        return (env, m) -> a.eval(env, m).add(b.eval(env, m));
      case SUB:
        return (env, m) -> a.eval(env, m).sub(b.eval(env, m));
      case MUL:
        return (env, m) -> a.eval(env, m).mul(b.eval(env, m));
      case DIV:
        return (env, m) -> a.eval(env, m).div(b.eval(env, m));
      case POW:
        return (env, m) -> a.eval(env, m).pow(b.eval(env, m));
      case MAXIMUM:
        return (env, m) -> a.eval(env, m).maximum(b.eval(env, m));
      case MINIMUM:
        return (env, m) -> a.eval(env, m).minimum(b.eval(env, m));
      case MATMUL:
        return (env, m) -> a.eval(env, m).matmul(b.eval(env, m));
      case DOT:
        return (env, m) -> a.eval(env, m).dot(b.eval(env, m));
      case OUTER:
        return (env, m) -> a.eval(env, m).outer(b.eval(env, m));
      case SOLVE_LOWER:
        return (env, m) -> a.eval(env, m).solveTriangular(b.eval(env, m), true, false);
      case SOLVE_LOWER_TRANSPOSE:
        return (env, m) -> a.eval(env, m).solveTriangular(b.eval(env, m), true, true);
      default:
        throw new LocatedException(span, "operation " + op + " is not binary");
    }
  }

  private static Ev unary(PrimOp op, Ev x, Span span) {
    switch (op) {
      case NEG:
        return (env, m) -> x.eval(env, m).neg();
      case SQUARE:
        return (env, m) -> x.eval(env, m).square();
      case SQRT:
        return (env, m) -> x.eval(env, m).sqrt();
      case EXP:
        return (env, m) -> x.eval(env, m).exp();
      case LOG:
        return (env, m) -> x.eval(env, m).log();
      case LOG1P:
        return (env, m) -> x.eval(env, m).log1p();
      case EXPM1:
        return (env, m) -> x.eval(env, m).expm1();
      case ABS:
        return (env, m) -> x.eval(env, m).abs();
      case SIN:
        return (env, m) -> x.eval(env, m).sin();
      case COS:
        return (env, m) -> x.eval(env, m).cos();
      case TANH:
        return (env, m) -> x.eval(env, m).tanh();
      case SIGMOID:
        return (env, m) -> x.eval(env, m).sigmoid();
      case LOG_SIGMOID:
        return (env, m) -> x.eval(env, m).logSigmoid();
      case SOFTPLUS:
        return (env, m) -> x.eval(env, m).softplus();
      case RELU:
        return (env, m) -> x.eval(env, m).relu();
      case LGAMMA:
        return (env, m) -> x.eval(env, m).lgamma();
      case DIGAMMA:
        return (env, m) -> x.eval(env, m).digamma();
      case NORMAL_CDF:
        return (env, m) -> x.eval(env, m).normalCdf();
      case NORMAL_LOG_CDF:
        return (env, m) -> x.eval(env, m).normalLogCdf();
      case TRANSPOSE:
        return (env, m) -> x.eval(env, m).transpose();
      case CHOLESKY:
        return (env, m) -> x.eval(env, m).cholesky();
      case LOG_DET_SPD:
        return (env, m) -> x.eval(env, m).logDetSpd();
      case STOP_GRADIENT:
        return (env, m) -> x.eval(env, m).stopGradient();
      default:
        throw new LocatedException(span, "operation " + op + " is not unary");
    }
  }

  private Ev reduction(PrimOp op, List<Expr> args) {
    Ev x = compile(args.get(0));
    if (args.size() == 1) {
      switch (op) {
        case SUM:
          return (env, m) -> x.eval(env, m).sum();
        case MEAN:
          return (env, m) -> x.eval(env, m).mean();
        case MAX:
          return (env, m) -> x.eval(env, m).max();
        case MIN:
          return (env, m) -> x.eval(env, m).min();
        default:
          return (env, m) -> x.eval(env, m).logSumExp();
      }
    }
    int axis = constInt(args.get(1), "the axis of " + op.name().toLowerCase(java.util.Locale.ROOT));
    switch (op) {
      case SUM:
        return (env, m) -> x.eval(env, m).sum(axis);
      case MEAN:
        return (env, m) -> x.eval(env, m).mean(axis);
      case MAX:
        return (env, m) -> x.eval(env, m).max(axis);
      case MIN:
        return (env, m) -> x.eval(env, m).min(axis);
      default:
        return (env, m) -> x.eval(env, m).logSumExp(axis);
    }
  }

  /** Comparisons and logic: 0/1 values computed on detached values, carrying no gradient. */
  private Ev logical(PrimOp op, List<Expr> args) {
    Ev a = compile(args.get(0));
    Ev b = args.size() > 1 ? compile(args.get(1)) : null;
    return (env, m) -> {
      Node x = a.eval(env, m);
      Node y = b == null ? x : b.eval(env, m);
      Shape s = Shape.broadcast(op.name().toLowerCase(java.util.Locale.ROOT), x.shape(), y.shape());
      double[] out = new double[s.size()];
      int cols = s.cols();
      for (int k = 0; k < out.length; k++) {
        double u = x.get(at(x.shape(), k / cols, k % cols));
        double v = y.get(at(y.shape(), k / cols, k % cols));
        out[k] = logic(op, u, v) ? 1.0 : 0.0;
      }
      return m.tape().constant(Tensor.wrap(out, s));
    };
  }

  private static int at(Shape s, int r, int c) {
    return (s.rows() == 1 ? 0 : r) * s.cols() + (s.cols() == 1 ? 0 : c);
  }

  private static boolean logic(PrimOp op, double u, double v) {
    switch (op) {
      case LT:
        return u < v;
      case LE:
        return u <= v;
      case GT:
        return u > v;
      case GE:
        return u >= v;
      case EQ:
        return u == v;
      case NE:
        return u != v;
      case AND:
        return u != 0 && v != 0;
      case OR:
        return u != 0 || v != 0;
      case NOT:
        return u == 0;
      default:
        throw new AssertionError(op);
    }
  }

  /** The compiled forms of {@code exprs}. */
  public Ev[] compileAll(List<Expr> exprs) {
    Ev[] out = new Ev[exprs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = compile(exprs.get(i));
    }
    return out;
  }
}
