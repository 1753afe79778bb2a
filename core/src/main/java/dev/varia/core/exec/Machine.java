package dev.varia.core.exec;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.gen.Address;
import dev.varia.core.random.RandomStream;

/**
 * Runs compiled programs on an explicit stack of {@link Frame}s, so that the rest of a program at
 * any point is plain data: deep recursions and programs with tens of thousands of sites never grow
 * the Java stack, and a handler can capture the rest of the program at a random choice ({@link
 * #capture()}) and run it again with another value.
 *
 * <p>A machine runs until the frame at the bottom of its stack returns; that value is the result.
 */
public final class Machine {
  private final RunContext runtime;
  private final RandomStream rng;
  private Frame top;
  private Node result;
  private boolean done;

  /** Binds the value of the sample being handled (set by the sample instruction). */
  private Instructions.Binder pendingBinder;

  private Machine(RunContext runtime, RandomStream rng) {
    this.runtime = runtime;
    this.rng = rng;
  }

  /**
   * Runs {@code fn} with {@code args} under {@code handler} in address namespace {@code prefix} and
   * returns its return value (null if it returns none).
   */
  public static Node run(
      CompiledFunction fn,
      Node[] args,
      Handler handler,
      Address prefix,
      Tape tape,
      RandomStream rng) {
    Machine m = new Machine(new RunContext(tape), rng);
    m.push(fn.newFrame(args, handler, prefix, ReturnTarget.result(), true));
    return m.loop();
  }

  /**
   * Runs from {@code root} (a boundary frame built by another layer, e.g. an expectation block)
   * until it returns, and returns its value.
   */
  public static Node run(Frame root, Tape tape, RandomStream rng) {
    Machine m = new Machine(new RunContext(tape), rng);
    root.setTarget(ReturnTarget.result());
    m.push(root);
    return m.loop();
  }

  /** The tape values are recorded on. */
  public Tape tape() {
    return runtime.tape;
  }

  /** The random stream of this run. */
  public RandomStream rng() {
    return rng;
  }

  RunContext runtime() {
    return runtime;
  }

  /** The frame on top of the stack. */
  public Frame top() {
    return top;
  }

  /**
   * The factor by which a log density added now is scaled: {@code N / m} for each enclosing
   * subsampled plate (1 outside them).
   */
  public double logDensityScale() {
    return top == null ? 1.0 : top.logDensityScale();
  }

  /** The innermost frame of the given class on the stack, or null. */
  public <F extends Frame> F innermost(Class<F> type) {
    for (Frame f = top; f != null; f = f.parent) {
      if (type.isInstance(f)) {
        return type.cast(f);
      }
    }
    return null;
  }

  Node loop() {
    while (!done) {
      Frame f = top;
      if (f.pc < f.code.length) {
        Instr ins = f.code[f.pc++];
        try {
          ins.exec(this, f);
        } catch (LocatedException e) {
          throw e;
        } catch (VariaException e) {
          throw new LocatedException(ins.span(), f.prefix, e);
        }
      } else {
        f.onEnd(this);
      }
    }
    return result;
  }

  /** Pushes a frame on top of the stack. */
  public void push(Frame f) {
    f.parent = top;
    top = f;
  }

  /** Pops {@code f}, which must be on top. */
  public void pop(Frame f) {
    if (top != f) {
      throw new IllegalStateException("frame stack out of order");
    }
    top = f.parent;
  }

  /**
   * Calls {@code fn} with {@code args} under {@code handler} in namespace {@code prefix}; its
   * return value goes to {@code target}.
   */
  public void call(
      CompiledFunction fn, Node[] args, Handler handler, Address prefix, ReturnTarget target) {
    push(fn.newFrame(args, handler, prefix, target, false));
  }

  /** Pops frames up to and including {@code f} and hands it {@code value}. */
  public void returnFrom(Frame f, Node value) {
    while (top != f) {
      top = top.parent;
    }
    top = f.parent;
    f.onReturn(this, value);
  }

  /** Returns from the innermost frame that receives returns (a return statement). */
  void returnFromCurrent(Node value) {
    Frame f = top;
    while (f.target == null) {
      f = f.parent;
    }
    returnFrom(f, value);
  }

  void setResult(Node value) {
    result = value;
    done = true;
  }

  void setPendingBinder(Instructions.Binder b) {
    pendingBinder = b;
  }

  /**
   * Captures the rest of the program from the random choice being handled: a handler calls this
   * inside {@link Handler#sample} and may resume the result any number of times with values for the
   * site. The rest extends to the innermost boundary frame.
   */
  public Continuation capture() {
    if (pendingBinder == null) {
      throw new IllegalStateException("capture() is only possible while handling a sample");
    }
    return new Continuation(runtime, top, pendingBinder);
  }

  /**
   * Ends the innermost boundary now with {@code value}, skipping the rest of it: what a handler
   * does after it has run the rest itself (through a continuation) and combined the results.
   */
  public void finish(Node value) {
    Frame f = top;
    while (!f.isBoundary()) {
      f = f.parent;
    }
    returnFrom(f, value);
  }

  /** Runs a copied stack (a continuation) to its boundary and returns the result. */
  static Node resume(RunContext runtime, RandomStream rng, Frame top) {
    Machine m = new Machine(runtime, rng);
    m.top = top;
    return m.loop();
  }
}
