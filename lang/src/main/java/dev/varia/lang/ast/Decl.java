package dev.varia.lang.ast;

import java.util.List;
import java.util.Optional;

/** A top-level declaration of a .ppl file. */
public sealed interface Decl {
  /** Where it is. */
  Loc loc();

  /** {@code data { declarations and definitions }}. */
  record Data(Block body, Loc loc) implements Decl {}

  /** {@code model name(args) { }} or {@code guide name(args) for model { }}. */
  record Gen(
      boolean guide, Name name, List<Param> params, Optional<Name> target, Block body, Loc loc)
      implements Decl {
    /** Copies the list. */
    public Gen {
      params = List.copyOf(params);
    }
  }

  /** {@code fn name(args) -> type { ... return e }} or {@code fn name(args) = e}. */
  record Fn(Name name, List<Param> params, Optional<TypeExpr> result, Block body, Loc loc)
      implements Decl {
    /** Copies the list. */
    public Fn {
      params = List.copyOf(params);
    }
  }

  /**
   * {@code objective name(p, q, K: int) = E { ... }}: parameters without a type are generative
   * functions.
   */
  record Objective(Name name, List<ObjParam> params, Expr body, Loc loc) implements Decl {
    /** Copies the list. */
    public Objective {
      params = List.copyOf(params);
    }
  }

  /**
   * {@code fit [label:] model [with guide] [using item, ...]}: the items are the objective, the
   * optimiser, {@code steps N}, {@code particles K} and {@code seed S}.
   */
  record Fit(
      Optional<Name> label, Name model, Optional<CallRef> guide, List<FitItem> items, Loc loc)
      implements Decl {
    /** Copies the list. */
    public Fit {
      items = List.copyOf(items);
    }
  }

  /** A typed parameter of a generative function or a function. */
  record Param(Name name, TypeExpr type, Loc loc) {}

  /** A parameter of an objective: untyped for a generative function. */
  record ObjParam(Name name, Optional<TypeExpr> type, Loc loc) {}

  /** One item of a fit's {@code using} list. */
  sealed interface FitItem {
    /** Where it is. */
    Loc loc();

    /** {@code steps N}. */
    record Steps(Expr value, Loc loc) implements FitItem {}

    /** {@code particles K}. */
    record Particles(Expr value, Loc loc) implements FitItem {}

    /** {@code seed S}. */
    record Seed(Expr value, Loc loc) implements FitItem {}

    /** An objective or an optimiser, with arguments. */
    record Named(CallRef call, Loc loc) implements FitItem {}
  }
}
