package dev.varia.lang.ast;

import java.util.List;

/** A parsed .ppl file: its declarations in order. */
public record Unit(String file, List<Decl> decls) {
  /** Copies the list. */
  public Unit {
    decls = List.copyOf(decls);
  }
}
