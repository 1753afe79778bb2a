package dev.varia.lang.ast;

import java.util.List;

/** A braced sequence of statements. */
public record Block(List<Stmt> stmts, Loc loc) {
  /** Copies the list. */
  public Block {
    stmts = List.copyOf(stmts);
  }
}
