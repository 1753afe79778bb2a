package dev.varia.core.ad;

/**
 * Convenience entry points for gradients of functions written with {@link Node} operations: {@link
 * #grad}, {@link #valueAndGrad} and the vector-Jacobian product {@link #vjp}. Each call records on
 * the given tape (after resetting it) or on a fresh one, and returns detached tensors.
 */
public final class Grad {
  private Grad() {}

  /** A function of tensors, written with node operations. */
  @FunctionalInterface
  public interface Fn {
    /** The output node for the input nodes (all on one tape). */
    Node apply(Node... inputs);
  }

  /** The value of a function and its gradient with respect to each input. */
  public record ValueAndGrad(Tensor value, Tensor[] grads) {
    /** The value of a scalar function. */
    public double scalar() {
      return value.item();
    }
  }

  /** The gradient of scalar {@code f} at {@code at}, one tensor per input. */
  public static Tensor[] grad(Fn f, Tensor... at) {
    return valueAndGrad(new Tape(), f, at).grads();
  }

  /** The value and gradient of scalar {@code f} at {@code at}. */
  public static ValueAndGrad valueAndGrad(Fn f, Tensor... at) {
    return valueAndGrad(new Tape(), f, at);
  }

  /** As {@link #valueAndGrad(Fn, Tensor...)}, recording on {@code tape} after resetting it. */
  public static ValueAndGrad valueAndGrad(Tape tape, Fn f, Tensor... at) {
    tape.reset();
    Node[] in = variables(tape, at);
    Node out = f.apply(in);
    tape.backward(out);
    return new ValueAndGrad(out.detach(), grads(in));
  }

  /**
   * The vector-Jacobian product {@code seed^T J} of {@code f} at {@code at}, where J is the
   * Jacobian of f's output with respect to each input.
   */
  public static Tensor[] vjp(Fn f, Tensor seed, Tensor... at) {
    Tape tape = new Tape();
    Node[] in = variables(tape, at);
    Node out = f.apply(in);
    tape.backward(out, seed);
    return grads(in);
  }

  private static Node[] variables(Tape tape, Tensor[] at) {
    Node[] in = new Node[at.length];
    for (int i = 0; i < at.length; i++) {
      in[i] = tape.variable(at[i]);
    }
    return in;
  }

  private static Tensor[] grads(Node[] in) {
    Tensor[] g = new Tensor[in.length];
    for (int i = 0; i < in.length; i++) {
      g[i] = in[i].grad();
    }
    return g;
  }
}
