package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;

/**
 * What one run (and the continuations resumed from it) share: the tape, and the constants and data
 * of each program involved put on the tape at most once per run. A run may involve several programs
 * (an objective, a guide and a model compiled separately).
 */
final class RunContext {
  final Tape tape;
  private CompiledProgram[] programs = new CompiledProgram[4];
  private Node[][] consts = new Node[4][];
  private Node[][] data = new Node[4][];
  private int count;

  RunContext(Tape tape) {
    this.tape = tape;
  }

  private int slot(CompiledProgram p) {
    for (int i = 0; i < count; i++) {
      if (programs[i] == p) {
        return i;
      }
    }
    if (count == programs.length) {
      programs = java.util.Arrays.copyOf(programs, count * 2);
      consts = java.util.Arrays.copyOf(consts, count * 2);
      data = java.util.Arrays.copyOf(data, count * 2);
    }
    programs[count] = p;
    consts[count] = new Node[p.constCount()];
    data[count] = new Node[p.dataCount()];
    return count++;
  }

  Node constant(CompiledProgram p, int i) {
    Node[] c = consts[slot(p)];
    if (i >= c.length) {
      // constants added after the first run of this program (a later compilation unit)
      c = java.util.Arrays.copyOf(c, p.constCount());
      consts[slot(p)] = c;
    }
    Node n = c[i];
    if (n == null) {
      n = tape.constant(p.constValue(i));
      c[i] = n;
    }
    return n;
  }

  Node data(CompiledProgram p, int i) {
    Node[] d = data[slot(p)];
    if (i >= d.length) {
      d = java.util.Arrays.copyOf(d, p.dataCount());
      data[slot(p)] = d;
    }
    Node n = d[i];
    if (n == null) {
      n = tape.constant(p.dataValue(i));
      d[i] = n;
    }
    return n;
  }
}
