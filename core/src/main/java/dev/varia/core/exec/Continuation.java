package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.random.RandomStream;

/**
 * The rest of a program from a random choice, captured as data (a copy of the frame stack with its
 * program counters and local variables, and of the handlers' states). Each {@link #instantiate()}
 * gives an independent copy that can be resumed once with a value for the choice.
 */
public final class Continuation {
  private final RunContext runtime;
  private final Frame top;
  private final java.util.IdentityHashMap<Handler, Handler> firstCopies;
  private final Instructions.Binder binder;

  Continuation(RunContext runtime, Frame top, Instructions.Binder binder) {
    this.runtime = runtime;
    Frame.Copies copies = new Frame.Copies();
    this.top = copyStack(top, copies);
    this.firstCopies = copies.handlers;
    this.binder = binder;
  }

  private static Frame copyStack(Frame f, Frame.Copies copies) {
    // copy from the bottom up to the innermost boundary, iteratively
    java.util.ArrayDeque<Frame> chain = new java.util.ArrayDeque<>();
    for (Frame x = f; x != null; x = x.parent) {
      chain.push(x);
      if (x.isBoundary()) {
        break;
      }
    }
    Frame parent = null;
    Frame copy = null;
    while (!chain.isEmpty()) {
      Frame x = chain.pop();
      copy = x.copy(copies);
      copy.parent = parent;
      if (parent == null && x.isBoundary()) {
        copy.target = ReturnTarget.result();
      } else {
        copy.target = x.target == null ? null : x.target.copy(copies);
      }
      parent = copy;
    }
    return copy;
  }

  /** A fresh, independent copy to resume. */
  public Resumption instantiate() {
    Frame.Copies copies = new Frame.Copies();
    return new Resumption(copyStack(top, copies), copies);
  }

  /** One run of the rest of the program. */
  public final class Resumption {
    private final Frame frames;
    private final Frame.Copies copies;
    private boolean used;

    private Resumption(Frame frames, Frame.Copies copies) {
      this.frames = frames;
      this.copies = copies;
    }

    /**
     * The copy of {@code original} that this run uses (to record the resumed choice in its state
     * before resuming), or null if the rest of the program does not use that handler.
     */
    public Handler handler(Handler original) {
      // the continuation's own copy was made from the original; map through both copies
      Handler first = Continuation.this.handlerCopy(original);
      return first == null ? null : copies.handlers.get(first);
    }

    /**
     * Binds {@code value} as the result of the captured choice and runs the rest of the program
     * with randomness from {@code rng}; returns its result.
     */
    public Node resume(Node value, RandomStream rng) {
      if (used) {
        throw new IllegalStateException("a resumption runs once; instantiate() another");
      }
      used = true;
      binder.bind(frames, value);
      return Machine.resume(runtime, rng, frames);
    }
  }

  Handler handlerCopy(Handler original) {
    return firstCopies.get(original);
  }
}
