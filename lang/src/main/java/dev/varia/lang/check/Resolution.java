package dev.varia.lang.check;

import dev.varia.core.ir.Strategy;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.Stmt;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the checker learned about each piece of syntax, keyed by identity: the type of every
 * expression, what every name refers to, and how each {@code ~}, assignment, declaration and
 * marginalisation is to be lowered.
 */
public final class Resolution {
  final Map<Expr, Ty> types = new IdentityHashMap<>();
  final Map<Expr.Ref, Symbol> refs = new IdentityHashMap<>();
  final Map<Stmt.Tilde, TildeInfo> tildes = new IdentityHashMap<>();
  final Map<Stmt.Assign, Boolean> elementAssigns = new IdentityHashMap<>();
  final Map<Stmt.Declare, LatentDecl> latents = new IdentityHashMap<>();
  final Map<Stmt.Marginalize, DistUse> margs = new IdentityHashMap<>();
  final Map<Stmt.Param, ParamDecl> params = new IdentityHashMap<>();
  final Map<Stmt.Declare, Stmt.Tilde> fused = new IdentityHashMap<>();
  final Map<Stmt.Tilde, Stmt.Declare> fusedBy = new IdentityHashMap<>();
  final Map<Stmt.Tilde, Boolean> fusedRestricted = new IdentityHashMap<>();

  /**
   * True if a fused {@code ~} draws from its distribution restricted to the declared support (the
   * family becomes {@code restriction:name}, bounds appended to the arguments); false when the
   * distribution's own support is the declared one.
   */
  public boolean fusedRestricted(Stmt.Tilde t) {
    return fusedRestricted.getOrDefault(t, false);
  }

  /**
   * The one {@code ~} that gives a declared latent its density, when it is drawn from that
   * distribution restricted to the declared support ({@code mu: ordered[2]} with {@code mu ~
   * normal(0, 2)} is one site drawn from {@code normal(0, 2)} restricted to ordered vectors); null
   * when the latent is flat with density terms added by observations.
   */
  public Stmt.Tilde fusedTilde(Stmt.Declare d) {
    return fused.get(d);
  }

  /** The declaration a {@code ~} gives the density of (see {@link #fusedTilde}), or null. */
  public Stmt.Declare fusedDeclaration(Stmt.Tilde t) {
    return fusedBy.get(t);
  }

  final Map<Stmt.VarDecl, List<Expr>> varSizes = new IdentityHashMap<>();

  /** A checked param: its domain and the expressions of its sizes. */
  public record ParamDecl(dev.varia.core.ir.Domain domain, List<Expr> sizes) {
    /** Copies the list. */
    public ParamDecl {
      sizes = List.copyOf(sizes);
    }
  }

  /** The domain and sizes of a param. */
  public ParamDecl param(Stmt.Param p) {
    return params.get(p);
  }

  /** How a {@code ~} statement lowers. */
  public enum TildeKind {
    /** A new latent site drawn whole. */
    SAMPLE,
    /** One element of a latent site. */
    SAMPLE_ELEMENT,
    /** An observation of data (or a density term on a declared latent). */
    OBSERVE,
    /** A traced call of a generative function. */
    CALL,
    /** {@code z ~ sim(q)} in an objective. */
    SIM
  }

  /** A distribution with its arguments in parameter order. */
  public record DistUse(DistSig dist, List<Expr> args) {
    /** Copies the list. */
    public DistUse {
      args = List.copyOf(args);
    }
  }

  /**
   * A checked {@code ~}: its kind, the distribution (empty for calls and sims), the strategy, and
   * for calls the callee.
   */
  public record TildeInfo(
      TildeKind kind, Optional<DistUse> dist, Strategy strategy, String callee, Ty valueTy) {}

  /**
   * A latent declared with a type ({@code beta1: real<lower=0, upper=1 - alpha1>}): lowered to a
   * flat site of family {@code family} with {@code args}, shaped by {@code batch}.
   */
  public record LatentDecl(
      String family,
      List<Expr> args,
      List<Expr> batch,
      Support support,
      String restriction,
      List<Expr> bounds) {
    /** Copies the lists. */
    public LatentDecl {
      args = List.copyOf(args);
      batch = List.copyOf(batch);
      bounds = List.copyOf(bounds);
    }
  }

  /** The type of an expression. */
  public Ty type(Expr e) {
    return types.getOrDefault(e, Ty.ERROR);
  }

  /** What a name refers to. */
  public Symbol symbol(Expr.Ref r) {
    return refs.get(r);
  }

  /** How a {@code ~} statement lowers. */
  public TildeInfo tilde(Stmt.Tilde t) {
    return tildes.get(t);
  }

  /** True if the assignment sets an element of a var array. */
  public boolean isElementAssign(Stmt.Assign a) {
    return elementAssigns.getOrDefault(a, false);
  }

  /** The flat site of a typed latent declaration (null for data and typed definitions). */
  public LatentDecl latent(Stmt.Declare d) {
    return latents.get(d);
  }

  /** The distribution of a marginalisation. */
  public DistUse marginal(Stmt.Marginalize m) {
    return margs.get(m);
  }
}
