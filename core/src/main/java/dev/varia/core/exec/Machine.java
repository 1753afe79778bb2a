package dev.varia.core.exec;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.gen.Address;
import dev.varia.core.random.RandomStream;

/**
 * Runs compiled generative functions on an explicit stack of {@link Frame}s, so that the rest of a
 * program at any point is plain data: deep recursions and programs with tens of thousands of sites
 * never grow the Java stack, and a handler can capture the rest of the program at a random choice
 * ({@link #capture()}) and run it again with another value.
 *
 * <p>A machine runs until the frame at the bottom of its stack completes; that frame's return value
 * is the result.
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
    Machine m = new Machine(new RunContext(tape, fn.program()), rng);
    m.push(fn.newFrame(args, handler, prefix, null, new Frames.MachineResult(), true, m));
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

  /** True if the statement being executed lies inside a plate. */
  boolean inPlate() {
    return top != null && top.inPlate();
  }

  Address prefix() {
    return top.prefix;
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

  void push(Frame f) {
    f.parent = top;
    top = f;
  }

  void pop(Frame f) {
    if (top != f) {
      throw new IllegalStateException("frame stack out of order");
    }
    top = f.parent;
  }

  /** Pops frames up to and including {@code fn} and delivers its return value. */
  void returnFrom(Frames.FunctionFrame fn, Node value) {
    while (top != fn) {
      top = top.parent;
    }
    top = fn.parent;
    fn.target.deliver(this, value);
  }

  /** Returns from the innermost function activation (a return statement). */
  void returnFromCurrent(Node value) {
    Frame f = top;
    while (!(f instanceof Frames.FunctionFrame)) {
      f = f.parent;
    }
    returnFrom((Frames.FunctionFrame) f, value);
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
   * site. The rest extends to the innermost boundary (the end of the run).
   */
  public Continuation capture() {
    if (pendingBinder == null) {
      throw new IllegalStateException("capture() is only possible while handling a sample");
    }
    return new Continuation(runtime, top, pendingBinder);
  }

  /**
   * Ends the run now with {@code value} as its result, skipping the rest of the program: what a
   * handler does after it has run the rest itself (through a continuation) and combined the
   * results.
   */
  public void finish(Node value) {
    Frame f = top;
    while (f != null && !f.isBoundary()) {
      f = f.parent;
    }
    if (f == null) {
      setResult(value);
    } else {
      returnFrom((Frames.FunctionFrame) f, value);
    }
  }

  /** Runs a copied stack (a continuation) to its boundary and returns the result. */
  static Node resume(RunContext runtime, RandomStream rng, Frame top) {
    Machine m = new Machine(runtime, rng);
    m.top = top;
    return m.loop();
  }
}
