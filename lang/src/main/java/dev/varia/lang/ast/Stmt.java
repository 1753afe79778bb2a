package dev.varia.lang.ast;

import java.util.List;
import java.util.Optional;

/** A statement of a data block, model, guide, function or objective. */
public sealed interface Stmt {
  /** Where it is. */
  Loc loc();

  /**
   * {@code lhs ~ dist(args) [batch] @strategy}: a latent site (new name or element of a site), an
   * observation (data or an expression of data), or a traced call of a generative function; with
   * {@code bind}, {@code v = ns ~ gen(args)} binds the call's return value to {@code v}.
   */
  record Tilde(
      Optional<Name> bind,
      Expr lhs,
      CallRef rhs,
      List<Optional<Expr>> batch,
      List<Annotation> annotations,
      Loc loc)
      implements Stmt {
    /** Copies the lists. */
    public Tilde {
      batch = List.copyOf(batch);
      annotations = List.copyOf(annotations);
    }
  }

  /** {@code x = e} or {@code x[i] = e} (element of a {@code var} array). */
  record Assign(Name target, List<IndexArg> indices, Expr value, Loc loc) implements Stmt {
    /** Copies the list. */
    public Assign {
      indices = List.copyOf(indices);
    }
  }

  /**
   * {@code name: type} (a data field in a data block; a latent with that support, flat unless a
   * {@code ~} adds a density, in a model) or {@code name: type = e} (a checked definition).
   */
  record Declare(Name name, TypeExpr type, Optional<Expr> value, Loc loc) implements Stmt {}

  /** {@code var s: real[T] = 0}: a local array filled element by element. */
  record VarDecl(Name name, TypeExpr type, Optional<Expr> init, Loc loc) implements Stmt {}

  /** {@code param m: real<lower=0> = 1}: a learned point value. */
  record Param(Name name, TypeExpr type, Optional<Expr> init, Loc loc) implements Stmt {}

  /** {@code report theta = e} or {@code report f[i] = e}: a reported deterministic quantity. */
  record Report(Name name, List<IndexArg> indices, Expr value, Loc loc) implements Stmt {
    /** Copies the list. */
    public Report {
      indices = List.copyOf(indices);
    }
  }

  /** {@code factor(e)}: adds e (summed) to the log density. */
  record Factor(Expr value, Loc loc) implements Stmt {}

  /** {@code for t in a..b { }} (sequential) or {@code plate n in 1..N { }} (independent). */
  record For(Name var, Expr from, Expr to, Block body, boolean plate, Loc loc) implements Stmt {}

  /** {@code if c { } else { }}; an else-if is an If inside the else block. */
  record If(Expr cond, Block then, Optional<Block> otherwise, Loc loc) implements Stmt {}

  /**
   * {@code marginalize z ~ categorical(w) [N] { body }}: sums the discrete z out exactly; with a
   * batch, one label per data point (elementwise).
   */
  record Marginalize(Name var, CallRef dist, List<Optional<Expr>> batch, Block body, Loc loc)
      implements Stmt {
    /** Copies the list. */
    public Marginalize {
      batch = List.copyOf(batch);
    }
  }

  /** {@code return e}. */
  record Return(Expr value, Loc loc) implements Stmt {}

  /** An expression on its own: the value of a value block, or {@code add_cost(e)}. */
  record ExprStmt(Expr value, Loc loc) implements Stmt {}
}
