package dev.varia.core.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * A hierarchical address of a random choice: components are names and 0-based indices, written
 * {@code theta}, {@code eta/3} (element 3 of the vector site {@code eta}) or {@code step/2/z} (site
 * {@code z} of the call {@code step[2]}). Immutable; shares its prefix with its parent.
 */
public final class Address implements Comparable<Address> {
  private static final Address ROOT = new Address(null, null, 0);

  private final Address parent;
  private final Object component; // String or Integer
  private final int depth;
  private int hash;

  private Address(Address parent, Object component, int depth) {
    this.parent = parent;
    this.component = component;
    this.depth = depth;
  }

  /** The empty address: the namespace of a top-level function. */
  public static Address root() {
    return ROOT;
  }

  /** An address from components, each a {@code String} name or an {@code Integer} index. */
  public static Address of(Object... components) {
    Address a = ROOT;
    for (Object c : components) {
      if (c instanceof String s) {
        a = a.child(s);
      } else if (c instanceof Integer i) {
        a = a.child(i);
      } else {
        throw new IllegalArgumentException("address components are names or ints, got " + c);
      }
    }
    return a;
  }

  /** Parses {@code a/b/3}: numeric components become indices. */
  public static Address parse(String path) {
    Address a = ROOT;
    if (path.isEmpty()) {
      return a;
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("empty component in address '" + path + "'");
      }
      a = isIndex(part) ? a.child(Integer.parseInt(part)) : a.child(part);
    }
    return a;
  }

  private static boolean isIndex(String s) {
    if (s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** This address extended by a name. */
  public Address child(String name) {
    if (name.isEmpty() || name.indexOf('/') >= 0) {
      throw new IllegalArgumentException("invalid address component '" + name + "'");
    }
    return new Address(this, name, depth + 1);
  }

  /** This address extended by a 0-based index. */
  public Address child(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("address indices are >= 0, got " + index);
    }
    return new Address(this, index, depth + 1);
  }

  /** True for the empty address. */
  public boolean isRoot() {
    return depth == 0;
  }

  /** The address without its last component (the root's parent is the root). */
  public Address parent() {
    return depth == 0 ? this : parent;
  }

  /** Number of components. */
  public int depth() {
    return depth;
  }

  /** The last component: a String or an Integer. */
  public Object last() {
    return component;
  }

  /** The components from the first to the last. */
  public List<Object> components() {
    List<Object> out = new ArrayList<>(depth);
    for (Address a = this; a.depth > 0; a = a.parent) {
      out.add(null);
    }
    int i = depth - 1;
    for (Address a = this; a.depth > 0; a = a.parent) {
      out.set(i--, a.component);
    }
    return out;
  }

  /** True if {@code this} equals {@code other} or lies under it. */
  public boolean startsWith(Address other) {
    if (other.depth > depth) {
      return false;
    }
    Address a = this;
    while (a.depth > other.depth) {
      a = a.parent;
    }
    return a.equals(other);
  }

  /** {@code prefix} followed by this address's components. */
  public Address under(Address prefix) {
    Address a = prefix;
    for (Object c : components()) {
      a = c instanceof String s ? a.child(s) : a.child((Integer) c);
    }
    return a;
  }

  /**
   * The name in Stan's style: indices 1-based in brackets, namespaces joined by dots: {@code
   * step/2/z} is {@code step[3].z}, {@code eta/3} is {@code eta[4]}.
   */
  public String displayName() {
    StringBuilder sb = new StringBuilder();
    boolean inBracket = false;
    for (Object c : components()) {
      if (c instanceof Integer i) {
        sb.append(inBracket ? "," : "[").append(i + 1);
        inBracket = true;
      } else {
        if (inBracket) {
          sb.append(']');
          inBracket = false;
        }
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(c);
      }
    }
    if (inBracket) {
      sb.append(']');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Address other) || other.depth != depth || other.hashCode() != hashCode()) {
      return false;
    }
    Address a = this;
    Address b = other;
    while (a.depth > 0) {
      if (!a.component.equals(b.component)) {
        return false;
      }
      a = a.parent;
      b = b.parent;
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0 && depth > 0) {
      h = parent.hashCode() * 31 + component.hashCode() + 1;
      hash = h;
    }
    return h;
  }

  /** Orders by components: names alphabetically, indices numerically, indices before names. */
  @Override
  public int compareTo(Address o) {
    List<Object> a = components();
    List<Object> b = o.components();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c;
      if (x instanceof Integer xi && y instanceof Integer yi) {
        c = Integer.compare(xi, yi);
      } else if (x instanceof String xs && y instanceof String ys) {
        c = xs.compareTo(ys);
      } else {
        c = x instanceof Integer ? -1 : 1;
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** {@code a/b/3}; the root is the empty string. */
  @Override
  public String toString() {
    if (depth == 0) {
      return "";
    }
    String p = parent.toString();
    return p.isEmpty() ? component.toString() : p + "/" + component;
  }
}
