package dev.varia.core.exec;

import dev.varia.core.ad.Node;

/** A compiled expression: evaluates to a tape value given the local variables of its frame. */
@FunctionalInterface
public interface Ev {
  /** The value, recorded on the machine's tape. */
  Node eval(Object[] env, Machine m);
}
