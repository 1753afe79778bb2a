package dev.varia.lang.check;

import dev.varia.lang.ast.Loc;

/**
 * What a name stands for where it is used.
 *
 * @param name the name as written
 * @param kind what it is
 * @param ty its static type
 * @param loc where it is defined
 * @param dataOnly true if its value depends only on data and constants (so {@code ~} on it
 *     observes)
 * @param support for latent sites, their support (null otherwise)
 */
public record Symbol(String name, Kind kind, Ty ty, Loc loc, boolean dataOnly, Support support) {
  /** Kinds of name. */
  public enum Kind {
    /** A data field or a data definition (read with a data reference). */
    DATA,
    /** A local value ({@code x = e}). */
    LOCAL,
    /** A local array filled element by element ({@code var s: real[T]}). */
    VAR_ARRAY,
    /** A loop index (1-based in the language). */
    LOOP_VAR,
    /** A latent site drawn whole. */
    SITE,
    /** A latent site drawn element by element ({@code x[t] ~ ...}). */
    ELEMENT_SITE,
    /** A latent with a declared support, flat unless a {@code ~} adds a density. */
    TYPED_LATENT,
    /** A learned parameter. */
    PARAM,
    /** A reported deterministic quantity. */
    REPORT,
    /** An argument of a generative function or function. */
    ARG,
    /** The label of a {@code marginalize} block. */
    MARG_VAR,
    /** A generative-function parameter of an objective. */
    GEN_ARG,
    /** A trace drawn with {@code sim} in an objective. */
    TRACE,
    /** A pure function. */
    FN,
    /** A model or guide. */
    GEN,
    /** An objective. */
    OBJECTIVE;

    /** In words, for messages. */
    public String describe() {
      switch (this) {
        case DATA:
          return "data";
        case LOCAL:
          return "a local value";
        case VAR_ARRAY:
          return "a var array";
        case LOOP_VAR:
          return "a loop index";
        case SITE:
        case ELEMENT_SITE:
        case TYPED_LATENT:
          return "a latent site";
        case PARAM:
          return "a param";
        case REPORT:
          return "a reported value";
        case ARG:
          return "an argument";
        case MARG_VAR:
          return "a marginalised label";
        case GEN_ARG:
          return "a generative function";
        case TRACE:
          return "a trace";
        case FN:
          return "a function";
        case GEN:
          return "a model or guide";
        default:
          return "an objective";
      }
    }

    /** True for latent sites. */
    public boolean isLatent() {
      return this == SITE || this == ELEMENT_SITE || this == TYPED_LATENT;
    }
  }

  /** The same symbol with another type. */
  public Symbol withTy(Ty t) {
    return new Symbol(name, kind, t, loc, dataOnly, support);
  }
}
