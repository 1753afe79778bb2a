package dev.varia.lang.syntax;

/**
 * The documented limits on the size and nesting of a .ppl file (spec/language.md, "Limits"): past
 * them the file gets a diagnostic (E0004, E0005), never a stack overflow or a hang.
 */
public final class Limits {
  private Limits() {}

  /** The largest source file, in characters. */
  public static final int MAX_SOURCE_CHARS = 4_000_000;

  /** The deepest nesting of brackets, parentheses and braces. */
  public static final int MAX_BRACKET_DEPTH = 64;

  /**
   * The deepest expression or statement nesting after parsing (a chain of 500 additions counts as
   * 500 levels, as does 500 prefix minus signs).
   */
  public static final int MAX_SYNTAX_DEPTH = 500;

  /** The most syntax errors reported for one file (later ones are usually follow-on errors). */
  public static final int MAX_SYNTAX_ERRORS = 20;
}
