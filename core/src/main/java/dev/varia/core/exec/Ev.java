package dev.varia.core.exec;

import dev.varia.core.ad.Node;

/** A compiled expression: evaluates to a tape value given the local variables of its frame. */
@FunctionalInterface
interface Ev {
  Node eval(Object[] env, Machine m);
}
