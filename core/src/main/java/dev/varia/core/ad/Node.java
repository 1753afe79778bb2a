package dev.varia.core.ad;

import dev.varia.core.ad.internal.Binary;
import dev.varia.core.ad.internal.Indexing;
import dev.varia.core.ad.internal.Linalg;
import dev.varia.core.ad.internal.Reduce;
import dev.varia.core.ad.internal.Standardize;
import dev.varia.core.ad.internal.Unary;
import java.util.List;

/**
 * A value recorded on a {@link Tape}: a tensor of a fixed {@link Shape} together with the rule that
 * carries its gradient back to its inputs.
 *
 * <p>Operations are methods of the node ({@code x.sub(mu).square().sum()}); each records one tape
 * entry for the whole tensor. Elementwise binary operations broadcast: a scalar, a one-element
 * dimension or a missing leading dimension stretches to the other operand.
 *
 * <p><b>Writing a new operation</b> (the custom-gradient hook): subclass {@code Node}, compute the
 * value into {@link #out()} in the constructor, and implement {@link #backward()} to add the
 * contribution of {@link #outGrad()} into {@link #gradOf(Node)} of each input (which is {@code
 * null} for an input that needs no gradient). Pass {@link #needsGrad(Node...)} of the inputs as
 * {@code requiresGrad}. {@link #custom} does the same with a lambda.
 */
public abstract class Node {
  private final Tape tape;
  private final int epoch;
  private final int id;
  private final Shape shape;
  private final double[] value;
  private final boolean requiresGrad;

  /** The node recorded just before this one on the tape (null for the first): set by the tape. */
  Node prev;

  /** Set by the tape during a backward pass; null when this node needs no gradient. */
  double[] grad;

  /**
   * True while {@link #grad} has received no contribution in the current backward pass: the buffer
   * then holds garbage from an earlier pass and stands for zeros. The first {@link #gradOf(Node)}
   * zeroes it (lazily, so it is hot in cache when written), and {@link #gradToOverwrite(Node)} lets
   * an operation that writes every element skip the zeroing.
   */
  boolean gradUntouched;

  /**
   * Records a new node whose value buffer is taken from the tape (its contents are garbage until
   * the subclass writes {@link #out()}).
   */
  protected Node(Tape tape, Shape shape, boolean requiresGrad) {
    this(tape, shape, null, requiresGrad);
  }

  /**
   * Records a new node; {@code value}, when not null, is used as the value buffer without copying
   * and must never change afterwards.
   */
  protected Node(Tape tape, Shape shape, double[] value, boolean requiresGrad) {
    this.tape = tape;
    this.epoch = tape.epoch();
    this.shape = shape;
    this.requiresGrad = requiresGrad;
    this.id = tape.register(this);
    this.value = value != null ? value : tape.valueBuffer(id, shape.size());
  }

  // ---------------------------------------------------------------- for operation implementers

  /** Adds this node's output gradient into the gradients of its inputs. */
  protected abstract void backward();

  /** This node's value buffer, to be written in the constructor only. */
  protected final double[] out() {
    return value;
  }

  /** The gradient arriving at this node during {@link #backward()}. */
  protected final double[] outGrad() {
    return grad;
  }

  /** The value buffer of {@code n}: read it, never write it. */
  protected static double[] valueOf(Node n) {
    return n.value;
  }

  /** The gradient buffer of input {@code n} to add into, or null when n needs no gradient. */
  protected static double[] gradOf(Node n) {
    double[] g = n.grad;
    if (g != null && n.gradUntouched) {
      java.util.Arrays.fill(g, 0.0);
      n.gradUntouched = false;
    }
    return g;
  }

  /**
   * The gradient buffer of input {@code n} if nothing has been added into it yet in this backward
   * pass, else null (also when n needs no gradient). A non-null result holds garbage and the caller
   * <b>must assign every element</b> (its contribution, not an increment); on null, add into {@link
   * #gradOf(Node)} as usual. This saves zeroing the buffer first; obtain it right before writing
   * (an operation whose inputs may be the same node must finish writing one before asking for the
   * other).
   */
  protected static double[] gradToOverwrite(Node n) {
    if (n.grad != null && n.gradUntouched) {
      n.gradUntouched = false;
      return n.grad;
    }
    return null;
  }

  /**
   * A second buffer of this node's size, owned and recycled by the tape like the value buffer: for
   * operations that save an intermediate of the forward pass (for example a derivative) for {@link
   * #backward()}. Its contents are garbage until written; ask for it once, in the constructor.
   */
  protected final double[] scratch() {
    return tape.scratchBuffer(id, value.length);
  }

  /**
   * The tape shared by the inputs, checking that they belong to it and to its current evaluation.
   */
  protected static Tape tapeOf(Node a) {
    a.tape.check(a);
    return a.tape;
  }

  /** As {@link #tapeOf(Node)} for two inputs. */
  protected static Tape tapeOf(Node a, Node b) {
    a.tape.check(a);
    a.tape.check(b);
    return a.tape;
  }

  /** As {@link #tapeOf(Node)} for three inputs. */
  protected static Tape tapeOf(Node a, Node b, Node c) {
    a.tape.check(a);
    a.tape.check(b);
    a.tape.check(c);
    return a.tape;
  }

  /** Whether an operation on {@code a} records a gradient rule. */
  protected static boolean needsGrad(Node a) {
    return a.requiresGrad && a.tape.isRecording();
  }

  /** Whether an operation on {@code a} and {@code b} records a gradient rule. */
  protected static boolean needsGrad(Node a, Node b) {
    return (a.requiresGrad || b.requiresGrad) && a.tape.isRecording();
  }

  /** Whether an operation on the inputs records a gradient rule. */
  protected static boolean needsGrad(Node... inputs) {
    if (inputs.length == 0 || !inputs[0].tape.isRecording()) {
      return false;
    }
    for (Node n : inputs) {
      if (n.requiresGrad) {
        return true;
      }
    }
    return false;
  }

  /** A backward rule for {@link #custom}. */
  @FunctionalInterface
  public interface BackwardRule {
    /**
     * Adds the contribution of {@code outGrad} into {@code inputGrads[k]} for each input k; {@code
     * inputGrads[k]} is null when input k needs no gradient.
     */
    void apply(double[] outGrad, double[][] inputGrads);
  }

  /**
   * A node with the given value whose gradient is carried to {@code inputs} by {@code rule}: the
   * hook for operations with their own backward rule (for example a node of value 0 whose backward
   * pass adds {@code c * grad(g)}).
   */
  public static Node custom(Tensor value, List<Node> inputs, BackwardRule rule) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("custom: at least one input is needed to find the tape");
    }
    Node[] in = inputs.toArray(new Node[0]);
    for (Node n : in) {
      tapeOf(in[0], n);
    }
    return new Custom(in[0].tape, value, in, rule);
  }

  private static final class Custom extends Node {
    private final Node[] inputs;
    private final BackwardRule rule;

    Custom(Tape tape, Tensor value, Node[] inputs, BackwardRule rule) {
      super(tape, value.shape(), needsGrad(inputs));
      value.copyInto(out(), 0);
      this.inputs = inputs;
      this.rule = rule;
    }

    @Override
    protected void backward() {
      double[][] grads = new double[inputs.length][];
      for (int k = 0; k < inputs.length; k++) {
        grads[k] = gradOf(inputs[k]);
      }
      rule.apply(outGrad(), grads);
    }
  }

  // ---------------------------------------------------------------- reading

  /** The tape this node is recorded on. */
  public Tape tape() {
    return tape;
  }

  int epoch() {
    return epoch;
  }

  int id() {
    return id;
  }

  /** The shape. */
  public Shape shape() {
    return shape;
  }

  /** Number of elements. */
  public int size() {
    return value.length;
  }

  /** True if the backward pass carries a gradient to (or through) this node. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Element {@code i} of the flat row-major value. */
  public double get(int i) {
    tape.check(this);
    return value[i];
  }

  /** The value of a one-element node. */
  public double item() {
    tape.check(this);
    if (value.length != 1) {
      throw new ShapeException("item() needs a one-element value, this one has shape " + shape);
    }
    return value[0];
  }

  /** A copy of the value that outlives {@link Tape#reset()}. */
  public Tensor detach() {
    tape.check(this);
    return Tensor.wrap(value.clone(), shape);
  }

  /** Copies the flat value into {@code dst} at {@code offset}. */
  public void copyValueInto(double[] dst, int offset) {
    tape.check(this);
    System.arraycopy(value, 0, dst, offset, value.length);
  }

  /**
   * A copy of the gradient computed by the last {@link Tape#backward(Node)}: zeros if this node
   * does not influence the output.
   */
  public Tensor grad() {
    tape.check(this);
    return Tensor.wrap(hasGrad() ? grad.clone() : new double[value.length], shape);
  }

  /** Element {@code i} of the gradient (0 if this node does not influence the output). */
  public double gradAt(int i) {
    tape.check(this);
    return hasGrad() ? grad[i] : 0.0;
  }

  /** True if the last backward pass left a gradient buffer with contributions in this node. */
  private boolean hasGrad() {
    return grad != null && !gradUntouched;
  }

  /** Copies the gradient into {@code dst} at {@code offset} (zeros if there is none). */
  public void gradInto(double[] dst, int offset) {
    tape.check(this);
    if (!hasGrad()) {
      java.util.Arrays.fill(dst, offset, offset + value.length, 0.0);
    } else {
      System.arraycopy(grad, 0, dst, offset, value.length);
    }
  }

  // ---------------------------------------------------------------- elementwise arithmetic

  /** {@code this + b}, broadcasting. */
  public Node add(Node b) {
    return Binary.of(Binary.Op.ADD, this, b);
  }

  /** {@code this + c}. */
  public Node add(double c) {
    return Binary.of(Binary.Op.ADD, this, tapeOf(this).constant(c));
  }

  /** {@code this - b}, broadcasting. */
  public Node sub(Node b) {
    return Binary.of(Binary.Op.SUB, this, b);
  }

  /** {@code this - c}. */
  public Node sub(double c) {
    return Binary.of(Binary.Op.SUB, this, tapeOf(this).constant(c));
  }

  /** {@code c - this}. */
  public Node rsub(double c) {
    return Binary.of(Binary.Op.SUB, tapeOf(this).constant(c), this);
  }

  /** {@code this * b}, broadcasting. */
  public Node mul(Node b) {
    return Binary.of(Binary.Op.MUL, this, b);
  }

  /** {@code this * c}. */
  public Node mul(double c) {
    return Binary.of(Binary.Op.MUL, this, tapeOf(this).constant(c));
  }

  /** {@code this / b}, broadcasting. */
  public Node div(Node b) {
    return Binary.of(Binary.Op.DIV, this, b);
  }

  /** {@code this / c}. */
  public Node div(double c) {
    return Binary.of(Binary.Op.DIV, this, tapeOf(this).constant(c));
  }

  /** {@code c / this}. */
  public Node rdiv(double c) {
    return Binary.of(Binary.Op.DIV, tapeOf(this).constant(c), this);
  }

  /** {@code this ^ b}, broadcasting (defined for positive bases, and any base with constant b). */
  public Node pow(Node b) {
    return Binary.of(Binary.Op.POW, this, b);
  }

  /** {@code this ^ c}. */
  public Node pow(double c) {
    return Binary.of(Binary.Op.POW, this, tapeOf(this).constant(c));
  }

  /** Elementwise maximum, broadcasting (the gradient goes to the larger; ties to {@code this}). */
  public Node maximum(Node b) {
    return Binary.of(Binary.Op.MAX, this, b);
  }

  /** Elementwise minimum, broadcasting (the gradient goes to the smaller; ties to {@code this}). */
  public Node minimum(Node b) {
    return Binary.of(Binary.Op.MIN, this, b);
  }

  /**
   * {@code (this - loc) / scale}, broadcasting: the standardised value of a location-scale family,
   * recorded as one fused operation when each operand is a scalar or has the result's shape (and as
   * the composition otherwise).
   */
  public Node standardize(Node loc, Node scale) {
    return Standardize.of(this, loc, scale);
  }

  // ---------------------------------------------------------------- elementwise functions

  /** {@code -this}. */
  public Node neg() {
    return Unary.of(Unary.Op.NEG, this);
  }

  /** {@code this^2}. */
  public Node square() {
    return Unary.of(Unary.Op.SQUARE, this);
  }

  /** Square root. */
  public Node sqrt() {
    return Unary.of(Unary.Op.SQRT, this);
  }

  /** Exponential. */
  public Node exp() {
    return Unary.of(Unary.Op.EXP, this);
  }

  /** Natural logarithm (log 0 is -infinity). */
  public Node log() {
    return Unary.of(Unary.Op.LOG, this);
  }

  /** {@code log(1 + this)}, accurate near 0. */
  public Node log1p() {
    return Unary.of(Unary.Op.LOG1P, this);
  }

  /** {@code exp(this) - 1}, accurate near 0. */
  public Node expm1() {
    return Unary.of(Unary.Op.EXPM1, this);
  }

  /** Absolute value (gradient sign(x), 0 at 0). */
  public Node abs() {
    return Unary.of(Unary.Op.ABS, this);
  }

  /** Sine. */
  public Node sin() {
    return Unary.of(Unary.Op.SIN, this);
  }

  /** Cosine. */
  public Node cos() {
    return Unary.of(Unary.Op.COS, this);
  }

  /** Hyperbolic tangent. */
  public Node tanh() {
    return Unary.of(Unary.Op.TANH, this);
  }

  /** The logistic function {@code 1 / (1 + exp(-x))}. */
  public Node sigmoid() {
    return Unary.of(Unary.Op.SIGMOID, this);
  }

  /** {@code log(sigmoid(x))}, accurate for large |x|. */
  public Node logSigmoid() {
    return Unary.of(Unary.Op.LOG_SIGMOID, this);
  }

  /** {@code log(1 + exp(x))}, accurate for large |x|. */
  public Node softplus() {
    return Unary.of(Unary.Op.SOFTPLUS, this);
  }

  /** {@code max(x, 0)}. */
  public Node relu() {
    return Unary.of(Unary.Op.RELU, this);
  }

  /** {@code x} for positive x, {@code slope * x} otherwise. */
  public Node leakyRelu(double slope) {
    return Unary.leakyRelu(this, slope);
  }

  /** log Gamma(x). */
  public Node lgamma() {
    return Unary.of(Unary.Op.LGAMMA, this);
  }

  /** The digamma function (derivative of log Gamma). */
  public Node digamma() {
    return Unary.of(Unary.Op.DIGAMMA, this);
  }

  /** The standard normal CDF. */
  public Node normalCdf() {
    return Unary.of(Unary.Op.NORMAL_CDF, this);
  }

  /** The log of the standard normal CDF, accurate far into the lower tail. */
  public Node normalLogCdf() {
    return Unary.of(Unary.Op.NORMAL_LOG_CDF, this);
  }

  /** The same value with no gradient flowing back through it. */
  public Node stopGradient() {
    return Indexing.stopGradient(this);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements (a scalar). */
  public Node sum() {
    return Reduce.all(Reduce.Op.SUM, this);
  }

  /** Sum along {@code axis} of a matrix (0: down the rows, giving a vector of column sums). */
  public Node sum(int axis) {
    return Reduce.axis(Reduce.Op.SUM, this, axis);
  }

  /** Sum of the squares of all elements (a scalar): {@code square().sum()} as one operation. */
  public Node sumOfSquares() {
    return Reduce.all(Reduce.Op.SUM_SQUARES, this);
  }

  /** Sum of the squares along {@code axis} of a matrix (see {@link #sum(int)}). */
  public Node sumOfSquares(int axis) {
    return Reduce.axis(Reduce.Op.SUM_SQUARES, this, axis);
  }

  /** Mean of all elements. */
  public Node mean() {
    return Reduce.all(Reduce.Op.MEAN, this);
  }

  /** Mean along {@code axis}. */
  public Node mean(int axis) {
    return Reduce.axis(Reduce.Op.MEAN, this, axis);
  }

  /** Largest element (the gradient goes to the first maximiser). */
  public Node max() {
    return Reduce.all(Reduce.Op.MAX, this);
  }

  /** Largest element along {@code axis}. */
  public Node max(int axis) {
    return Reduce.axis(Reduce.Op.MAX, this, axis);
  }

  /** Smallest element (the gradient goes to the first minimiser). */
  public Node min() {
    return Reduce.all(Reduce.Op.MIN, this);
  }

  /** Smallest element along {@code axis}. */
  public Node min(int axis) {
    return Reduce.axis(Reduce.Op.MIN, this, axis);
  }

  /** {@code log(sum(exp(x)))} of all elements, computed stably. */
  public Node logSumExp() {
    return Reduce.all(Reduce.Op.LOG_SUM_EXP, this);
  }

  /** {@code log(sum(exp(x)))} along {@code axis}. */
  public Node logSumExp(int axis) {
    return Reduce.axis(Reduce.Op.LOG_SUM_EXP, this, axis);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * Matrix product: (m,k)x(k,n) gives (m,n); a matrix times a vector (m,k)x(k) gives (m); a vector
   * times a matrix (k)x(k,n) gives (n).
   */
  public Node matmul(Node b) {
    return Linalg.matmul(this, b);
  }

  /** Inner product of two vectors of equal length (a scalar). */
  public Node dot(Node b) {
    return Linalg.dot(this, b);
  }

  /** Outer product of two vectors: (m) and (n) give (m,n). */
  public Node outer(Node b) {
    return Linalg.outer(this, b);
  }

  /** Transpose of a matrix (a vector is returned unchanged). */
  public Node transpose() {
    return Linalg.transpose(this);
  }

  /**
   * The lower Cholesky factor L of a symmetric positive-definite matrix ({@code this = L L^T});
   * only the lower triangle is read.
   */
  public Node cholesky() {
    return Linalg.cholesky(this);
  }

  /**
   * Solves {@code T x = b} for x, with {@code this} = T triangular (lower or upper); {@code
   * transpose} solves {@code T^T x = b} instead. b is a vector or a matrix of right-hand sides.
   */
  public Node solveTriangular(Node b, boolean lower, boolean transpose) {
    return Linalg.solveTriangular(this, b, lower, transpose);
  }

  /** log det of a symmetric positive-definite matrix (through its Cholesky factor). */
  public Node logDetSpd() {
    return Linalg.logDetSpd(this);
  }

  // ---------------------------------------------------------------- indexing and shape

  /** Element i of a vector (a scalar), or row i of a matrix (a vector); 0-based. */
  public Node index(int i) {
    return Indexing.index(this, i);
  }

  /** Element (i, j) of a matrix; 0-based. */
  public Node index(int i, int j) {
    return Indexing.index(this, i, j);
  }

  /**
   * Elements {@code idx} of a vector (a vector of length idx.length), or rows {@code idx} of a
   * matrix; indices may repeat.
   */
  public Node gather(int[] idx) {
    return Indexing.gather(this, idx);
  }

  /** Elements (vector) or rows (matrix) {@code from} (inclusive) to {@code to} (exclusive). */
  public Node slice(int from, int to) {
    return Indexing.slice(this, from, to);
  }

  /** The same values with another shape of the same size. */
  public Node reshape(Shape newShape) {
    return Indexing.reshape(this, newShape);
  }

  /**
   * Concatenation along the first axis: vectors (or scalars) into a vector, matrices with equal
   * columns into a matrix.
   */
  public static Node concat(Node... parts) {
    return Indexing.concat(parts);
  }

  /**
   * Elementwise selection: {@code a} where {@code cond} is non-zero, else {@code b}, broadcasting.
   * No gradient flows into {@code cond}.
   */
  public static Node where(Node cond, Node a, Node b) {
    return Indexing.where(cond, a, b);
  }

  @Override
  public String toString() {
    if (tape.epoch() != epoch) {
      return "Node(stale, shape " + shape + ")";
    }
    return "Node" + shape + " " + Tensor.wrap(value, shape);
  }
}
