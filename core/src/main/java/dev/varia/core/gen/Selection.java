package dev.varia.core.gen;

import java.util.Set;

/**
 * A set of addresses: selecting an address selects everything under it (selecting {@code step}
 * selects {@code step/2/z}).
 */
public sealed interface Selection {
  /** True if {@code a} is selected. */
  boolean contains(Address a);

  /** Everything. */
  static Selection all() {
    return new All();
  }

  /** Nothing. */
  static Selection none() {
    return new Of(Set.of());
  }

  /** The given addresses and everything under them. */
  static Selection of(Address... addresses) {
    return new Of(Set.of(addresses));
  }

  /** The given addresses (parsed) and everything under them. */
  static Selection of(String... addresses) {
    Address[] a = new Address[addresses.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = Address.parse(addresses[i]);
    }
    return of(a);
  }

  /** Everything this selection does not select. */
  default Selection complement() {
    return new Not(this);
  }

  /** Selects everything. */
  record All() implements Selection {
    @Override
    public boolean contains(Address a) {
      return true;
    }
  }

  /** Selects listed addresses and what lies under them. */
  record Of(Set<Address> addresses) implements Selection {
    /** Copies the set. */
    public Of {
      addresses = Set.copyOf(addresses);
    }

    @Override
    public boolean contains(Address a) {
      for (Address x = a; ; x = x.parent()) {
        if (addresses.contains(x)) {
          return true;
        }
        if (x.isRoot()) {
          return false;
        }
      }
    }
  }

  /** The complement of a selection. */
  record Not(Selection inner) implements Selection {
    @Override
    public boolean contains(Address a) {
      return !inner.contains(a);
    }
  }
}
