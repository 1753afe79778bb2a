package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;

/**
 * What one run (and the continuations resumed from it) share: the tape, and the constants and data
 * of the program put on the tape at most once per run.
 */
final class RunContext {
  final Tape tape;
  private final CompiledProgram program;
  private final Node[] consts;
  private final Node[] data;

  RunContext(Tape tape, CompiledProgram program) {
    this.tape = tape;
    this.program = program;
    this.consts = new Node[program.constCount()];
    this.data = new Node[program.dataCount()];
  }

  Node constant(int i) {
    Node n = consts[i];
    if (n == null) {
      n = tape.constant(program.constValue(i));
      consts[i] = n;
    }
    return n;
  }

  Node data(int i) {
    Node n = data[i];
    if (n == null) {
      n = tape.constant(program.dataValue(i));
      data[i] = n;
    }
    return n;
  }
}
