package dev.varia.core.ir;

/**
 * Where a piece of a program comes from: a file, a 1-based line and column. Code built through the
 * Java API carries a synthetic span naming its origin (line and column 0).
 */
public record Span(String file, int line, int column) {
  /** A span for code built in Java, e.g. {@code Span.synthetic("eight_schools")}. */
  public static Span synthetic(String origin) {
    return new Span("<" + origin + ">", 0, 0);
  }

  /** True for spans of code built in Java. */
  public boolean isSynthetic() {
    return line == 0;
  }

  /** {@code file:line:col}, or the origin for synthetic spans. */
  @Override
  public String toString() {
    return isSynthetic() ? file : file + ":" + line + ":" + column;
  }
}
