package dev.varia.lang.check;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.lang.ast.Expr;
import java.util.Optional;
import java.util.function.Function;

/**
 * Evaluates an expression at compile time when it only involves numbers and known data: sizes,
 * bounds, initial values, fit settings, static argument checks. Gives empty for anything else
 * (which is then simply not known statically).
 */
public final class ConstEval {
  private final Function<String, Optional<Tensor>> lookup;
  private int depth;

  /** An evaluator that finds names with {@code lookup} (empty for names it does not know). */
  public ConstEval(Function<String, Optional<Tensor>> lookup) {
    this.lookup = lookup;
  }

  /** An evaluator of literals only. */
  public static ConstEval literals() {
    return new ConstEval(n -> Optional.empty());
  }

  /** The value, if it can be computed now. */
  public Optional<Tensor> eval(Expr e) {
    if (++depth > 200) {
      depth--;
      return Optional.empty();
    }
    try {
      return evalInner(e);
    } catch (RuntimeException ex) {
      return Optional.empty();
    } finally {
      depth--;
    }
  }

  /** The value as a scalar, if it is one. */
  public Optional<Double> scalar(Expr e) {
    return eval(e).filter(t -> t.size() == 1 && t.shape().rank() == 0).map(t -> t.get(0));
  }

  private Optional<Tensor> evalInner(Expr e) {
    if (e instanceof Expr.Num n) {
      return Optional.of(Tensor.scalar(n.value()));
    }
    if (e instanceof Expr.Ref r) {
      return lookup.apply(r.name());
    }
    if (e instanceof Expr.Unary u) {
      Optional<Tensor> x = eval(u.operand());
      switch (u.op()) {
        case NEG:
          return x.map(t -> map(t, v -> -v));
        case PLUS:
          return x;
        default:
          return x.map(t -> map(t, v -> v == 0 ? 1 : 0));
      }
    }
    if (e instanceof Expr.Binary b) {
      Optional<Tensor> l = eval(b.left());
      if (l.isEmpty()) {
        return l;
      }
      Optional<Tensor> r = eval(b.right());
      if (r.isEmpty()) {
        return r;
      }
      return zip(l.get(), r.get(), b.op());
    }
    if (e instanceof Expr.VectorLit v) {
      double[] out = new double[v.elements().size()];
      for (int i = 0; i < out.length; i++) {
        Optional<Tensor> x = eval(v.elements().get(i));
        if (x.isEmpty() || x.get().shape().rank() != 0) {
          return Optional.empty();
        }
        out[i] = x.get().get(0);
      }
      return Optional.of(Tensor.vector(out));
    }
    if (e instanceof Expr.Call c && c.args().size() == 1 && c.args().get(0).name().isEmpty()) {
      Optional<Tensor> x = eval(c.args().get(0).value());
      if (x.isEmpty()) {
        return x;
      }
      switch (c.fn().text()) {
        case "size":
        case "num_elements":
          return Optional.of(Tensor.scalar(x.get().size()));
        case "exp":
          return x.map(t -> map(t, Math::exp));
        case "log":
          return x.map(t -> map(t, Math::log));
        case "sqrt":
          return x.map(t -> map(t, Math::sqrt));
        case "sum":
          {
            double s = 0;
            for (int i = 0; i < x.get().size(); i++) {
              s += x.get().get(i);
            }
            return Optional.of(Tensor.scalar(s));
          }
        default:
          return Optional.empty();
      }
    }
    if (e instanceof Expr.Index ix
        && ix.indices().size() == 1
        && ix.indices().get(0) instanceof dev.varia.lang.ast.IndexArg.Single s) {
      Optional<Tensor> t = eval(ix.target());
      Optional<Double> i = scalar(s.index());
      if (t.isPresent() && i.isPresent() && t.get().shape().rank() == 1) {
        int k = (int) Math.round(i.get()) - 1;
        if (k >= 0 && k < t.get().size()) {
          return Optional.of(Tensor.scalar(t.get().get(k)));
        }
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Tensor map(Tensor t, java.util.function.DoubleUnaryOperator f) {
    double[] d = t.toArray();
    for (int i = 0; i < d.length; i++) {
      d[i] = f.applyAsDouble(d[i]);
    }
    return Tensor.wrap(d, t.shape());
  }

  private static Optional<Tensor> zip(Tensor a, Tensor b, Expr.BinaryOp op) {
    Shape s;
    if (a.shape().equals(b.shape())) {
      s = a.shape();
    } else if (a.size() == 1 && a.shape().rank() == 0) {
      s = b.shape();
    } else if (b.size() == 1 && b.shape().rank() == 0) {
      s = a.shape();
    } else {
      return Optional.empty();
    }
    if (op == Expr.BinaryOp.MUL && a.shape().rank() == 2 && b.shape().rank() >= 1) {
      return Optional.empty();
    }
    double[] out = new double[s.size()];
    for (int i = 0; i < out.length; i++) {
      double x = a.size() == 1 ? a.get(0) : a.get(i);
      double y = b.size() == 1 ? b.get(0) : b.get(i);
      out[i] = apply(op, x, y);
    }
    return Optional.of(Tensor.wrap(out, s));
  }

  private static double apply(Expr.BinaryOp op, double x, double y) {
    switch (op) {
      case ADD:
        return x + y;
      case SUB:
        return x - y;
      case MUL:
      case ELT_MUL:
        return x * y;
      case DIV:
      case ELT_DIV:
        return x / y;
      case POW:
        return Math.pow(x, y);
      case EQ:
        return x == y ? 1 : 0;
      case NE:
        return x != y ? 1 : 0;
      case LT:
        return x < y ? 1 : 0;
      case LE:
        return x <= y ? 1 : 0;
      case GT:
        return x > y ? 1 : 0;
      case GE:
        return x >= y ? 1 : 0;
      case AND:
        return x != 0 && y != 0 ? 1 : 0;
      default:
        return x != 0 || y != 0 ? 1 : 0;
    }
  }
}
