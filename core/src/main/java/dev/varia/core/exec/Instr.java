package dev.varia.core.exec;

import dev.varia.core.ir.Span;

/** One compiled statement, executed by the {@link Machine} on the current frame. */
interface Instr {
  /** Executes the statement; {@code f} is the frame it belongs to (the top of the stack). */
  void exec(Machine m, Frame f);

  /** Where the statement comes from, for error messages. */
  Span span();
}
