package dev.varia.core.exec;

import dev.varia.core.gen.Address;
import java.util.IdentityHashMap;

/**
 * One level of the machine's explicit control stack: a block of instructions with its program
 * counter, the local variables of the enclosing function activation, the handler and the address
 * namespace. Subclasses decide what happens when the block ends (loop again, return, ...).
 *
 * <p>Frames are data, not Java calls: "the rest of the program" at any point is the chain of frames
 * with their program counters, which {@link Machine#capture()} copies.
 */
abstract class Frame {
  final Instr[] code;
  int pc;
  final Object[] env;
  final Handler handler;
  final Address prefix;
  Frame parent;

  Frame(Instr[] code, Object[] env, Handler handler, Address prefix, Frame parent) {
    this.code = code;
    this.env = env;
    this.handler = handler;
    this.prefix = prefix;
    this.parent = parent;
  }

  /** Called when pc reaches the end of the block: loop, or pop this frame. */
  abstract void onEnd(Machine m);

  /** True for the frame whose completion ends a continuation (the function run, or an E block). */
  boolean isBoundary() {
    return false;
  }

  /** True inside a plate (this frame or an enclosing one of the same function). */
  boolean inPlate() {
    return parent != null && parent.env == env && parent.inPlate();
  }

  /** A copy of this frame for a continuation; {@code copies} keeps shared objects shared. */
  abstract Frame copy(Copies copies, Frame newParent);

  /** Identity maps from originals to copies, so that shared environments stay shared. */
  static final class Copies {
    final IdentityHashMap<Object[], Object[]> envs = new IdentityHashMap<>();
    final IdentityHashMap<Handler, Handler> handlers = new IdentityHashMap<>();

    Object[] env(Object[] env) {
      return envs.computeIfAbsent(
          env,
          e -> {
            Object[] c = e.clone();
            for (int i = 0; i < c.length; i++) {
              if (c[i] instanceof LocalArray a) {
                c[i] = a.copy();
              }
            }
            return c;
          });
    }

    Handler handler(Handler h) {
      return h == null ? null : handlers.computeIfAbsent(h, Handler::copy);
    }
  }
}
