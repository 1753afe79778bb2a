package dev.varia.lang.syntax.internal;

import dev.varia.lang.ast.Annotation;
import dev.varia.lang.ast.Arg;
import dev.varia.lang.ast.Block;
import dev.varia.lang.ast.CallRef;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.IndexArg;
import dev.varia.lang.ast.Loc;
import dev.varia.lang.ast.Name;
import dev.varia.lang.ast.Stmt;
import dev.varia.lang.ast.TypeExpr;
import dev.varia.lang.ast.Unit;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.syntax.Limits;
import dev.varia.lang.syntax.VariaParser;
import dev.varia.lang.syntax.VariaParser.*;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds the AST from a parse tree without syntax errors. Reports number literals out of range
 * (E0003) and expressions nested deeper than {@link Limits#MAX_SYNTAX_DEPTH} (E0005).
 */
public final class AstBuilder {
  private final SourceFile file;
  private final Diagnostics diags;
  private final Map<Expr, Integer> depth = new IdentityHashMap<>();
  private boolean failed;

  /** A builder reporting into {@code diags}. */
  public AstBuilder(SourceFile file, Diagnostics diags) {
    this.file = file;
    this.diags = diags;
  }

  private static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Loc loc;

    TooDeep(Loc loc) {
      super(null, null, false, false);
      this.loc = loc;
    }
  }

  /** The unit, or empty if a problem was reported. */
  public Optional<Unit> build(ProgramContext ctx) {
    List<Decl> decls = new ArrayList<>();
    try {
      for (DeclContext d : ctx.decl()) {
        decls.add(decl(d));
      }
    } catch (TooDeep e) {
      diags.report(
          Code.E0005,
          file,
          e.loc.line(),
          e.loc.column(),
          e.loc.length(),
          "expression nested more than " + Limits.MAX_SYNTAX_DEPTH + " levels deep");
      return Optional.empty();
    }
    return failed ? Optional.empty() : Optional.of(new Unit(file.name(), decls));
  }

  // ------------------------------------------------------------------------------------------
  // locations

  static Loc loc(ParserRuleContext c) {
    Token a = c.getStart();
    Token b = c.getStop() == null ? a : c.getStop();
    int end = Math.max(a.getStartIndex(), b.getStopIndex() + 1);
    return new Loc(a.getLine(), a.getCharPositionInLine() + 1, a.getStartIndex(), end);
  }

  static Loc loc(Token t) {
    return new Loc(
        t.getLine(), t.getCharPositionInLine() + 1, t.getStartIndex(), t.getStopIndex() + 1);
  }

  private static Name name(IdentContext c) {
    return new Name(c.getText(), loc(c));
  }

  private <T extends Expr> T track(T e, Expr... children) {
    int d = 0;
    for (Expr c : children) {
      d = Math.max(d, depth.getOrDefault(c, 0));
    }
    d++;
    if (d > Limits.MAX_SYNTAX_DEPTH) {
      throw new TooDeep(e.loc());
    }
    depth.put(e, d);
    return e;
  }

  // ------------------------------------------------------------------------------------------
  // declarations

  private Decl decl(DeclContext d) {
    if (d instanceof DataDeclContext c) {
      return new Decl.Data(block(c.block()), loc(c));
    }
    if (d instanceof GenDeclContext c) {
      List<Decl.Param> params = new ArrayList<>();
      if (c.genParams() != null) {
        for (ParamContext p : c.genParams().param()) {
          params.add(param(p));
        }
      }
      return new Decl.Gen(
          c.kind.getType() == VariaParser.GUIDE,
          name(c.name),
          params,
          Optional.ofNullable(c.target).map(AstBuilder::name),
          block(c.block()),
          loc(c));
    }
    if (d instanceof FnDeclContext c) {
      List<Decl.Param> params = new ArrayList<>();
      for (ParamContext p : c.param()) {
        params.add(param(p));
      }
      Block body;
      if (c.fnBody() instanceof FnBlockContext b) {
        body = block(b.block());
      } else {
        FnExprContext fe = (FnExprContext) c.fnBody();
        Expr e = expr(fe.expr());
        body = new Block(List.of(new Stmt.Return(e, e.loc())), loc(fe));
      }
      return new Decl.Fn(
          name(c.name), params, Optional.ofNullable(c.result).map(this::type), body, loc(c));
    }
    if (d instanceof ObjectiveDeclContext c) {
      List<Decl.ObjParam> params = new ArrayList<>();
      for (ObjParamContext p : c.objParam()) {
        params.add(
            new Decl.ObjParam(
                name(p.ident()), Optional.ofNullable(p.type()).map(this::type), loc(p)));
      }
      return new Decl.Objective(name(c.name), params, expr(c.expr()), loc(c));
    }
    FitDeclContext c = (FitDeclContext) d;
    List<Decl.FitItem> items = new ArrayList<>();
    for (FitItemContext i : c.fitItem()) {
      if (i instanceof StepsItemContext s) {
        items.add(new Decl.FitItem.Steps(expr(s.expr()), loc(s)));
      } else if (i instanceof ParticlesItemContext s) {
        items.add(new Decl.FitItem.Particles(expr(s.expr()), loc(s)));
      } else if (i instanceof SeedItemContext s) {
        items.add(new Decl.FitItem.Seed(expr(s.expr()), loc(s)));
      } else {
        CallItemContext ci = (CallItemContext) i;
        items.add(new Decl.FitItem.Named(callRef(ci.callRef()), loc(ci)));
      }
    }
    return new Decl.Fit(
        Optional.ofNullable(c.label).map(AstBuilder::name),
        name(c.model),
        Optional.ofNullable(c.guide).map(this::callRef),
        items,
        loc(c));
  }

  private Decl.Param param(ParamContext p) {
    return new Decl.Param(name(p.ident()), type(p.type()), loc(p));
  }

  private TypeExpr type(TypeContext t) {
    List<TypeExpr.TypeArg> args = new ArrayList<>();
    for (TypeArgContext a : t.typeArg()) {
      args.add(new TypeExpr.TypeArg(name(a.ident()), addExpr(a.addExpr()), loc(a)));
    }
    return new TypeExpr(name(t.base), args, dims(t.dims()), loc(t));
  }

  private List<Optional<Expr>> dims(DimsContext d) {
    List<Optional<Expr>> out = new ArrayList<>();
    if (d == null) {
      return out;
    }
    for (DimContext x : d.dim()) {
      out.add(x.expr() == null ? Optional.empty() : Optional.of(expr(x.expr())));
    }
    return out;
  }

  private CallRef callRef(CallRefContext c) {
    boolean parens = c.getChildCount() > 1;
    return new CallRef(name(c.ident()), args(c.argList()), parens, loc(c));
  }

  private List<Arg> args(ArgListContext a) {
    List<Arg> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    for (ArgContext x : a.arg()) {
      out.add(
          new Arg(Optional.ofNullable(x.ident()).map(AstBuilder::name), expr(x.expr()), loc(x)));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // statements

  private Block block(BlockContext b) {
    List<Stmt> stmts = new ArrayList<>();
    for (StmtContext s : b.stmt()) {
      stmts.add(stmt(s));
    }
    return new Block(stmts, loc(b));
  }

  private Stmt stmt(StmtContext s) {
    Loc l = loc(s);
    if (s instanceof BoundCallStmtContext c) {
      return new Stmt.Tilde(
          Optional.of(name(c.bind)), expr(c.lhs), callRef(c.dist), List.of(), List.of(), l);
    }
    if (s instanceof TildeStmtContext c) {
      List<Annotation> anns = new ArrayList<>();
      for (AnnotationContext a : c.annotation()) {
        anns.add(new Annotation(name(a.ident()), args(a.argList()), loc(a)));
      }
      return new Stmt.Tilde(Optional.empty(), expr(c.lhs), callRef(c.dist), dims(c.batch), anns, l);
    }
    if (s instanceof AssignStmtContext c) {
      return new Stmt.Assign(name(c.target), indices(c.indexList()), expr(c.expr()), l);
    }
    if (s instanceof VarStmtContext c) {
      return new Stmt.VarDecl(
          name(c.ident()), type(c.type()), Optional.ofNullable(c.expr()).map(this::expr), l);
    }
    if (s instanceof ParamStmtContext c) {
      return new Stmt.Param(
          name(c.ident()), type(c.type()), Optional.ofNullable(c.expr()).map(this::expr), l);
    }
    if (s instanceof ReportStmtContext c) {
      return new Stmt.Report(name(c.ident()), indices(c.indexList()), expr(c.expr()), l);
    }
    if (s instanceof FactorStmtContext c) {
      return new Stmt.Factor(expr(c.expr()), l);
    }
    if (s instanceof ForStmtContext c) {
      return new Stmt.For(name(c.var), expr(c.from), expr(c.to), block(c.block()), false, l);
    }
    if (s instanceof PlateStmtContext c) {
      return new Stmt.For(name(c.var), expr(c.from), expr(c.to), block(c.block()), true, l);
    }
    if (s instanceof IfStatementContext c) {
      return ifStmt(c.ifStmt());
    }
    if (s instanceof MarginalizeStmtContext c) {
      return new Stmt.Marginalize(name(c.var), callRef(c.dist), dims(c.batch), block(c.block()), l);
    }
    if (s instanceof ReturnStmtContext c) {
      return new Stmt.Return(expr(c.expr()), l);
    }
    if (s instanceof DeclStmtContext c) {
      return new Stmt.Declare(
          name(c.ident()), type(c.type()), Optional.ofNullable(c.expr()).map(this::expr), l);
    }
    ExprStmtContext c = (ExprStmtContext) s;
    return new Stmt.ExprStmt(expr(c.expr()), l);
  }

  private Stmt.If ifStmt(IfStmtContext c) {
    Optional<Block> otherwise;
    if (c.otherwise != null) {
      otherwise = Optional.of(block(c.otherwise));
    } else if (c.elseIf != null) {
      Stmt.If inner = ifStmt(c.elseIf);
      otherwise = Optional.of(new Block(List.of(inner), inner.loc()));
    } else {
      otherwise = Optional.empty();
    }
    return new Stmt.If(expr(c.cond), block(c.then), otherwise, loc(c));
  }

  private List<IndexArg> indices(IndexListContext c) {
    List<IndexArg> out = new ArrayList<>();
    if (c == null) {
      return out;
    }
    for (IndexContext i : c.index()) {
      if (i instanceof RangeIndexContext r) {
        out.add(
            new IndexArg.Range(
                Optional.ofNullable(r.from).map(this::expr),
                Optional.ofNullable(r.to).map(this::expr),
                loc(r)));
      } else {
        SingleIndexContext si = (SingleIndexContext) i;
        out.add(new IndexArg.Single(expr(si.expr()), loc(si)));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // expressions

  private Expr expr(ExprContext c) {
    return or(c.orExpr());
  }

  private Expr or(OrExprContext c) {
    Expr e = and(c.andExpr(0));
    for (int i = 1; i < c.andExpr().size(); i++) {
      Expr r = and(c.andExpr(i));
      e = track(new Expr.Binary(Expr.BinaryOp.OR, e, r, e.loc().to(r.loc())), e, r);
    }
    return e;
  }

  private Expr and(AndExprContext c) {
    Expr e = cmp(c.cmpExpr(0));
    for (int i = 1; i < c.cmpExpr().size(); i++) {
      Expr r = cmp(c.cmpExpr(i));
      e = track(new Expr.Binary(Expr.BinaryOp.AND, e, r, e.loc().to(r.loc())), e, r);
    }
    return e;
  }

  private Expr cmp(CmpExprContext c) {
    Expr e = addExpr(c.addExpr(0));
    if (c.addExpr().size() > 1) {
      Expr r = addExpr(c.addExpr(1));
      Expr.BinaryOp op;
      switch (c.op.getType()) {
        case VariaParser.EQ:
          op = Expr.BinaryOp.EQ;
          break;
        case VariaParser.NE:
          op = Expr.BinaryOp.NE;
          break;
        case VariaParser.LT:
          op = Expr.BinaryOp.LT;
          break;
        case VariaParser.LE:
          op = Expr.BinaryOp.LE;
          break;
        case VariaParser.GT:
          op = Expr.BinaryOp.GT;
          break;
        default:
          op = Expr.BinaryOp.GE;
          break;
      }
      e = track(new Expr.Binary(op, e, r, e.loc().to(r.loc())), e, r);
    }
    return e;
  }

  private Expr addExpr(AddExprContext c) {
    Expr e = mulExpr(c.mulExpr(0));
    for (int i = 1; i < c.mulExpr().size(); i++) {
      Expr r = mulExpr(c.mulExpr(i));
      Expr.BinaryOp op =
          c.op.get(i - 1).getType() == VariaParser.PLUS ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB;
      e = track(new Expr.Binary(op, e, r, e.loc().to(r.loc())), e, r);
    }
    return e;
  }

  private Expr mulExpr(MulExprContext c) {
    Expr e = unary(c.unaryExpr(0));
    for (int i = 1; i < c.unaryExpr().size(); i++) {
      Expr r = unary(c.unaryExpr(i));
      Expr.BinaryOp op;
      switch (c.op.get(i - 1).getType()) {
        case VariaParser.STAR:
          op = Expr.BinaryOp.MUL;
          break;
        case VariaParser.SLASH:
          op = Expr.BinaryOp.DIV;
          break;
        case VariaParser.DOTSTAR:
          op = Expr.BinaryOp.ELT_MUL;
          break;
        default:
          op = Expr.BinaryOp.ELT_DIV;
          break;
      }
      e = track(new Expr.Binary(op, e, r, e.loc().to(r.loc())), e, r);
    }
    return e;
  }

  private Expr unary(UnaryExprContext c) {
    if (c instanceof PrefixExprContext p) {
      Expr operand = unary(p.unaryExpr());
      Expr.UnaryOp op;
      switch (p.op.getType()) {
        case VariaParser.MINUS:
          op = Expr.UnaryOp.NEG;
          break;
        case VariaParser.PLUS:
          op = Expr.UnaryOp.PLUS;
          break;
        default:
          op = Expr.UnaryOp.NOT;
          break;
      }
      return track(new Expr.Unary(op, operand, loc(p)), operand);
    }
    PowExprContext pc = ((PowerExprContext) c).powExpr();
    Expr base = postfix(pc.postfixExpr());
    if (pc.unaryExpr() == null) {
      return base;
    }
    Expr exp = unary(pc.unaryExpr());
    return track(new Expr.Binary(Expr.BinaryOp.POW, base, exp, loc(pc)), base, exp);
  }

  private Expr postfix(PostfixExprContext c) {
    Expr e = primary(c.primary());
    for (PostfixContext p : c.postfix()) {
      Loc l = e.loc().to(loc(p));
      if (p instanceof IndexPostfixContext ip) {
        List<IndexArg> idx = indices(ip.indexList());
        List<Expr> kids = new ArrayList<>();
        kids.add(e);
        for (IndexArg a : idx) {
          if (a instanceof IndexArg.Single s) {
            kids.add(s.index());
          } else if (a instanceof IndexArg.Range r) {
            r.from().ifPresent(kids::add);
            r.to().ifPresent(kids::add);
          }
        }
        e = track(new Expr.Index(e, idx, l), kids.toArray(new Expr[0]));
      } else if (p instanceof TransposePostfixContext) {
        e = track(new Expr.Transpose(e, l), e);
      } else {
        FieldPostfixContext fp = (FieldPostfixContext) p;
        e = track(new Expr.Field(e, name(fp.ident()), l), e);
      }
    }
    return e;
  }

  private Expr primary(PrimaryContext c) {
    Loc l = loc(c);
    if (c instanceof IntLitContext i) {
      return track(number(i.INT().getSymbol(), true), new Expr[0]);
    }
    if (c instanceof RealLitContext r) {
      return track(number(r.REAL().getSymbol(), false), new Expr[0]);
    }
    if (c instanceof CallExprContext cc) {
      List<Arg> args = args(cc.argList());
      Expr[] kids = args.stream().map(Arg::value).toArray(Expr[]::new);
      return track(new Expr.Call(name(cc.ident()), args, l), kids);
    }
    if (c instanceof ExpectExprContext ec) {
      return track(new Expr.Expect(block(ec.block()), l), new Expr[0]);
    }
    if (c instanceof NameExprContext n) {
      return track(new Expr.Ref(n.getText(), l), new Expr[0]);
    }
    if (c instanceof ParenExprContext p) {
      return expr(p.expr());
    }
    if (c instanceof VectorExprContext v) {
      List<Expr> elems = new ArrayList<>();
      for (ExprContext x : v.expr()) {
        elems.add(expr(x));
      }
      return track(new Expr.VectorLit(elems, l), elems.toArray(new Expr[0]));
    }
    ForExprContext f = (ForExprContext) c;
    Expr from = expr(f.from);
    Expr to = expr(f.to);
    return track(new Expr.ForExpr(name(f.var), from, to, block(f.block()), l), from, to);
  }

  private Expr.Num number(Token t, boolean integer) {
    String text = t.getText();
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (Double.isInfinite(v) || Double.isNaN(v)) {
      failed = true;
      Loc l = loc(t);
      diags.report(
          Code.E0003,
          file,
          l.line(),
          l.column(),
          l.length(),
          "the number " + shorten(text) + " is too large to represent");
      v = 0;
    }
    return new Expr.Num(v, integer, loc(t));
  }

  private static String shorten(String s) {
    return s.length() > 24 ? s.substring(0, 20) + "..." : s;
  }
}
