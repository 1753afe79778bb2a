package dev.varia.core.exec;

import dev.varia.core.ir.Span;

/**
 * One compiled statement, executed by the {@link Machine} on the frame it belongs to. The core
 * compiles generative functions to instructions; other layers (the objective language) add their
 * own.
 */
public interface Instr {
  /** Executes the statement; {@code f} is the frame it belongs to (the top of the stack). */
  void exec(Machine m, Frame f);

  /** Where the statement comes from, for error messages. */
  Span span();
}
