package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.gen.Address;
import java.util.IdentityHashMap;

/**
 * One level of the machine's explicit control stack: a block of instructions with its program
 * counter, the local variables of the enclosing activation, the handler and the address namespace.
 * Subclasses decide what happens when the block ends (loop again, return a value, ...).
 *
 * <p>Frames are data, not Java calls: "the rest of the program" at any point is the chain of frames
 * with their program counters, which {@link Machine#capture()} copies. Other layers (the objective
 * language) add their own frames by subclassing; a subclass implements {@link #onEnd(Machine)} and
 * {@link #copy(Copies)}.
 *
 * <p>A frame that <em>receives returns</em> (a function activation, an expectation block) has a
 * {@link ReturnTarget}; a return statement pops everything above it and hands it the value through
 * {@link #onReturn(Machine, Node)}. A <em>boundary</em> frame ends the rest of the program that a
 * continuation captures.
 */
public abstract class Frame {
  final Instr[] code;
  int pc;
  final Object[] env;
  final Handler handler;
  final Address prefix;
  Frame parent;
  ReturnTarget target;

  /** A frame for {@code code}, with its locals, handler and address namespace. */
  protected Frame(Instr[] code, Object[] env, Handler handler, Address prefix) {
    this.code = code;
    this.env = env;
    this.handler = handler;
    this.prefix = prefix;
  }

  /** The local variables (shared by the frames of one activation). */
  public final Object[] env() {
    return env;
  }

  /** The handler of the effectful statements run in this frame. */
  public final Handler handler() {
    return handler;
  }

  /** The address namespace of sites sampled in this frame. */
  public final Address prefix() {
    return prefix;
  }

  /** The enclosing frame (null at the bottom). */
  public final Frame parent() {
    return parent;
  }

  /** The instructions of this frame's block. */
  protected final Instr[] code() {
    return code;
  }

  /** Runs the block again from its first instruction (for loops). */
  protected final void restart() {
    pc = 0;
  }

  /** Where a returned value goes, for frames that receive returns. */
  protected final ReturnTarget target() {
    return target;
  }

  /** Sets where a returned value goes; a frame with a target receives returns. */
  protected final void setTarget(ReturnTarget t) {
    target = t;
  }

  /** Called when the program counter reaches the end of the block: loop, or pop this frame. */
  protected abstract void onEnd(Machine m);

  /**
   * Called after the frames above this one and this one itself have been popped, with the value a
   * return statement (or the end of the block, with null) produced. The default delivers it to the
   * target.
   */
  protected void onReturn(Machine m, Node value) {
    target.deliver(m, value);
  }

  /** True for frames that end a continuation (the run itself, an expectation block). */
  protected boolean isBoundary() {
    return false;
  }

  /** True inside a plate (this frame or an enclosing one of the same activation). */
  protected boolean inPlate() {
    return parent != null && parent.env == env && parent.inPlate();
  }

  /**
   * The factor by which log densities added in this frame are scaled: the product of {@link
   * #ownLogDensityScale()} over this frame and every enclosing frame (subsampled plates scale their
   * iterations' terms by N / m).
   */
  public final double logDensityScale() {
    double s = 1.0;
    for (Frame f = this; f != null; f = f.parent) {
      s *= f.ownLogDensityScale();
    }
    return s;
  }

  /** This frame's own log-density scale (1 unless it runs a minibatch of a subsampled plate). */
  protected double ownLogDensityScale() {
    return 1.0;
  }

  /**
   * A copy of this frame (program counter, state) for a continuation, with its environment and
   * handler mapped through {@code copies}; the machine sets its parent and target.
   */
  protected abstract Frame copy(Copies copies);

  /** Copies the program counter into {@code copy} and returns it (for {@link #copy}). */
  protected final <F extends Frame> F withPc(F copy) {
    copy.pc = pc;
    return copy;
  }

  /** Identity maps from originals to copies, so that what was shared stays shared in a copy. */
  public static final class Copies {
    final IdentityHashMap<Object[], Object[]> envs = new IdentityHashMap<>();
    final IdentityHashMap<Handler, Handler> handlers = new IdentityHashMap<>();

    Copies() {}

    /** The copy of an environment (local arrays are copied too; other values are immutable). */
    public Object[] env(Object[] env) {
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

    /** The copy of a handler. */
    public Handler handler(Handler h) {
      return h == null ? null : handlers.computeIfAbsent(h, Handler::copy);
    }
  }
}
