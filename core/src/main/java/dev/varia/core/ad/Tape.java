package dev.varia.core.ad;

import dev.varia.core.VariaException;
import java.util.Arrays;

/**
 * A reverse-mode tape: the record of one evaluation, from which {@link #backward(Node)} computes
 * gradients.
 *
 * <p>A tape is passed explicitly (there is no global tape) and is reused across evaluations: {@link
 * #reset()} forgets the recorded nodes but keeps their buffers, so an evaluation that records the
 * same operations again allocates almost nothing but the small node objects.
 *
 * <p><b>Lifetime rule.</b> The values and gradients of the nodes of a tape live in buffers owned by
 * the tape and are recycled by {@link #reset()}. A node from before a reset may no longer be used
 * (doing so raises an error), and a value that must outlive an evaluation is copied out with {@link
 * Node#detach()} or {@link Node#grad()} first.
 *
 * <p><b>Value-only mode.</b> Inside {@link #valueOnly()} operations compute values but record
 * nothing for the backward pass (their results do not require gradients), which is how estimators
 * evaluate a continuation without its gradient.
 *
 * <p>A tape is not thread-safe; use one per thread.
 */
public final class Tape {
  /**
   * The nodes of the current evaluation, linked newest to oldest through {@link Node#prev}. The
   * link lives in a small holder made anew by each reset, and the links in the (young) nodes
   * themselves: storing every new node into a long-lived array would cost a garbage-collector write
   * barrier with a memory fence per node (G1), these stores almost nothing.
   */
  private Chain chain = new Chain();

  /** See {@link #chain}. */
  private static final class Chain {
    Node last;
  }

  /** Capacity of the per-node buffer tables. */
  private int capacity = 64;

  private double[][] valueBuffers = new double[64][];
  private double[][] gradBuffers = new double[64][];
  private double[][] scratchBuffers = new double[64][];
  private int count;
  private int epoch;
  private int valueOnlyDepth;

  /** A new, empty tape. */
  public Tape() {}

  /** Number of nodes recorded since the last reset. */
  public int size() {
    return count;
  }

  /** True unless inside a {@link #valueOnly()} scope. */
  public boolean isRecording() {
    return valueOnlyDepth == 0;
  }

  /**
   * Forgets every recorded node, keeping the buffers for reuse. Nodes recorded before the reset
   * become unusable.
   */
  public void reset() {
    chain = new Chain();
    count = 0;
    epoch++;
    valueOnlyDepth = 0;
  }

  /**
   * Enters value-only mode until the returned scope is closed: use in try-with-resources. Scopes
   * nest.
   */
  public ValueOnly valueOnly() {
    valueOnlyDepth++;
    return new ValueOnly(this, epoch);
  }

  /** A value-only scope, closed by try-with-resources. */
  public static final class ValueOnly implements AutoCloseable {
    private final Tape tape;
    private final int epoch;
    private boolean closed;

    private ValueOnly(Tape tape, int epoch) {
      this.tape = tape;
      this.epoch = epoch;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        if (tape.epoch == epoch && tape.valueOnlyDepth > 0) {
          tape.valueOnlyDepth--;
        }
      }
    }
  }

  // ---------------------------------------------------------------- leaves

  /** A constant (no gradient) holding {@code t}; the tensor's data is used without copying. */
  public Node constant(Tensor t) {
    return new Leaf(this, t.shape(), t.data(), false);
  }

  /** A scalar constant. */
  public Node constant(double v) {
    Leaf leaf = new Leaf(this, Shape.SCALAR, null, false);
    leaf.out()[0] = v;
    return leaf;
  }

  /** A constant holding a copy of {@code values} (copied into a recycled buffer of this tape). */
  public Node constant(double[] values, Shape shape) {
    return copyLeaf(values, shape, false);
  }

  /**
   * A variable (a leaf whose gradient {@link #backward(Node)} computes) holding {@code t}; the
   * tensor's data is used without copying. In value-only mode the variable does not require a
   * gradient.
   */
  public Node variable(Tensor t) {
    return new Leaf(this, t.shape(), t.data(), isRecording());
  }

  /** A scalar variable. */
  public Node variable(double v) {
    Leaf leaf = new Leaf(this, Shape.SCALAR, null, isRecording());
    leaf.out()[0] = v;
    return leaf;
  }

  /** A variable holding a copy of {@code values} (copied into a recycled buffer of this tape). */
  public Node variable(double[] values, Shape shape) {
    return copyLeaf(values, shape, isRecording());
  }

  private Node copyLeaf(double[] values, Shape shape, boolean requiresGrad) {
    if (values.length != shape.size()) {
      throw new ShapeException(
          "an array of length " + values.length + " does not fit shape " + shape);
    }
    Leaf leaf = new Leaf(this, shape, null, requiresGrad);
    System.arraycopy(values, 0, leaf.out(), 0, values.length);
    return leaf;
  }

  private static final class Leaf extends Node {
    Leaf(Tape tape, Shape shape, double[] data, boolean requiresGrad) {
      super(tape, shape, data, requiresGrad);
    }

    @Override
    protected void backward() {}
  }

  // ---------------------------------------------------------------- backward

  /**
   * Computes the gradient of the scalar {@code out} with respect to every node recorded before it.
   */
  public void backward(Node out) {
    check(out);
    if (out.size() != 1) {
      throw new ShapeException(
          "backward(out) needs a one-element output, got shape "
              + out.shape()
              + "; use backward(out, seed) for a vector-Jacobian product");
    }
    prepareGradients(out);
    if (out.requiresGrad()) {
      out.grad[0] = 1.0;
      out.gradUntouched = false;
      runBackward(out);
    }
  }

  /**
   * A vector-Jacobian product: afterwards the gradient of each node is {@code seed^T d out / d
   * node}.
   */
  public void backward(Node out, Tensor seed) {
    check(out);
    if (!seed.shape().equals(out.shape())) {
      throw new ShapeException(
          "backward: seed of shape "
              + seed.shape()
              + " does not match output of shape "
              + out.shape());
    }
    prepareGradients(out);
    if (out.requiresGrad()) {
      seed.copyInto(out.grad, 0);
      out.gradUntouched = false;
      runBackward(out);
    }
  }

  /**
   * Gives every node up to {@code out} that requires a gradient its recycled gradient buffer,
   * marked untouched: buffers are zeroed lazily by the first contribution (or overwritten whole),
   * not here, so a pass over them is saved and the zeroing happens while the buffer is about to be
   * used.
   */
  private void prepareGradients(Node out) {
    int last = out.id();
    for (Node n = chain.last; n != null; n = n.prev) {
      int i = n.id();
      if (i <= last && n.requiresGrad()) {
        double[] g = gradBuffers[i];
        int size = n.size();
        if (g == null || g.length != size) {
          g = new double[size];
          gradBuffers[i] = g;
        }
        n.grad = g;
        n.gradUntouched = true;
      } else {
        n.grad = null;
        n.gradUntouched = false;
      }
    }
  }

  /**
   * Runs the backward rules from {@code out} down. A node that received no gradient contribution
   * (nothing downstream of it reaches {@code out}) has a zero gradient and runs no rule.
   */
  private void runBackward(Node out) {
    for (Node n = out; n != null; n = n.prev) {
      if (n.requiresGrad() && !n.gradUntouched) {
        n.backward();
      }
    }
  }

  // ---------------------------------------------------------------- registration (for Node)

  int epoch() {
    return epoch;
  }

  /** Records {@code node} and returns its index. */
  int register(Node node) {
    if (count == capacity) {
      int cap = capacity * 2;
      capacity = cap;
      valueBuffers = Arrays.copyOf(valueBuffers, cap);
      gradBuffers = Arrays.copyOf(gradBuffers, cap);
      scratchBuffers = Arrays.copyOf(scratchBuffers, cap);
    }
    node.prev = chain.last;
    chain.last = node;
    return count++;
  }

  /** A recycled value buffer for node {@code id}; its contents are garbage. */
  double[] valueBuffer(int id, int size) {
    double[] b = valueBuffers[id];
    if (b == null || b.length != size) {
      b = new double[size];
      valueBuffers[id] = b;
    }
    return b;
  }

  /** A recycled scratch buffer for node {@code id} (see {@link Node#scratch()}). */
  double[] scratchBuffer(int id, int size) {
    double[] b = scratchBuffers[id];
    if (b == null || b.length != size) {
      b = new double[size];
      scratchBuffers[id] = b;
    }
    return b;
  }

  /** Checks that {@code n} belongs to this tape and to the current evaluation. */
  void check(Node n) {
    if (n.tape() != this) {
      throw new VariaException(
          "a value from another tape was used on this tape: values of different tapes cannot be"
              + " mixed (put the value on this tape with constant(...) or variable(...))");
    }
    if (n.epoch() != epoch) {
      throw new VariaException(
          "a node recorded before Tape.reset() was used after it: its buffer has been recycled;"
              + " detach() values that must outlive an evaluation");
    }
  }
}
