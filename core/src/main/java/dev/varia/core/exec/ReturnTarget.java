package dev.varia.core.exec;

import dev.varia.core.ad.Node;

/** Where the value of a returning frame goes: a local of the caller, or the machine's result. */
public interface ReturnTarget {
  /** Delivers the value (null when a function ends without a return statement). */
  void deliver(Machine m, Node value);

  /** The same target in a copied stack. */
  ReturnTarget copy(Frame.Copies copies);

  /** The target that ends the run: the value becomes the machine's result. */
  static ReturnTarget result() {
    return Frames.MachineResult.INSTANCE;
  }

  /** A slot of an environment (nothing when slot is negative). */
  static ReturnTarget slot(Object[] env, int slot) {
    return new Frames.SlotTarget(env, slot);
  }
}
