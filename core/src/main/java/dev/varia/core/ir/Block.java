package dev.varia.core.ir;

import java.util.List;

/** A sequence of statements. */
public record Block(List<Stmt> stmts) {
  /** Copies the list. */
  public Block {
    stmts = List.copyOf(stmts);
  }

  /** The empty block. */
  public static Block empty() {
    return new Block(List.of());
  }
}
