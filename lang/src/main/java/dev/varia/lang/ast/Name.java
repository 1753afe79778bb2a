package dev.varia.lang.ast;

/** An identifier as written, with its location. */
public record Name(String text, Loc loc) {
  @Override
  public String toString() {
    return text;
  }
}
