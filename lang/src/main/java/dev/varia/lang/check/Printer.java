package dev.varia.lang.check;

import dev.varia.lang.ast.Arg;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.IndexArg;
import java.util.ArrayList;
import java.util.List;

/** Prints expressions back as source text (for symbolic sizes and messages). */
public final class Printer {
  private Printer() {}

  /** The expression as it could be written. */
  public static String show(Expr e) {
    StringBuilder sb = new StringBuilder();
    print(e, sb, 0);
    return sb.length() > 60 ? sb.substring(0, 57) + "..." : sb.toString();
  }

  private static void print(Expr e, StringBuilder sb, int depth) {
    if (depth > 20 || sb.length() > 80) {
      sb.append("...");
      return;
    }
    if (e instanceof Expr.Num n) {
      sb.append(DataFmt.num(n.value()));
    } else if (e instanceof Expr.Ref r) {
      sb.append(r.name());
    } else if (e instanceof Expr.Unary u) {
      sb.append(u.op().symbol());
      print(u.operand(), sb, depth + 1);
    } else if (e instanceof Expr.Binary b) {
      print(b.left(), sb, depth + 1);
      sb.append(' ').append(b.op().symbol()).append(' ');
      print(b.right(), sb, depth + 1);
    } else if (e instanceof Expr.Call c) {
      sb.append(c.fn().text()).append('(');
      List<String> parts = new ArrayList<>();
      for (Arg a : c.args()) {
        StringBuilder x = new StringBuilder();
        a.name().ifPresent(n -> x.append(n.text()).append(" = "));
        print(a.value(), x, depth + 1);
        parts.add(x.toString());
      }
      sb.append(String.join(", ", parts)).append(')');
    } else if (e instanceof Expr.Index ix) {
      print(ix.target(), sb, depth + 1);
      sb.append('[');
      List<String> parts = new ArrayList<>();
      for (IndexArg a : ix.indices()) {
        StringBuilder x = new StringBuilder();
        if (a instanceof IndexArg.Single s) {
          print(s.index(), x, depth + 1);
        } else {
          IndexArg.Range r = (IndexArg.Range) a;
          r.from().ifPresent(f -> print(f, x, depth + 1));
          x.append(':');
          r.to().ifPresent(t -> print(t, x, depth + 1));
        }
        parts.add(x.toString());
      }
      sb.append(String.join(", ", parts)).append(']');
    } else if (e instanceof Expr.Transpose t) {
      print(t.target(), sb, depth + 1);
      sb.append('\'');
    } else if (e instanceof Expr.Field f) {
      print(f.target(), sb, depth + 1);
      sb.append('.').append(f.field().text());
    } else {
      sb.append("(...)");
    }
  }
}
