package dev.varia.lang.ast;

/**
 * Where a piece of syntax is: 1-based line and column of its first character, and its character
 * offsets {@code [start, end)} in the file.
 */
public record Loc(int line, int column, int start, int end) {
  /** A location for synthesised syntax that has no place in a file. */
  public static final Loc NONE = new Loc(0, 0, 0, 0);

  /** The number of characters covered (at least 1). */
  public int length() {
    return Math.max(1, end - start);
  }

  /** From the start of this location to the end of {@code other}. */
  public Loc to(Loc other) {
    return new Loc(line, column, start, Math.max(end, other.end));
  }
}
