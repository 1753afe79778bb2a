package dev.varia.lang.check.internal;

import dev.varia.lang.check.Symbol;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A block's names, chained to the enclosing block's. */
public final class Scope {
  private final Scope parent;
  private final Map<String, Symbol> names = new LinkedHashMap<>();

  /** A scope inside {@code parent} (null for the outermost). */
  public Scope(Scope parent) {
    this.parent = parent;
  }

  /** The enclosing scope. */
  public Scope parent() {
    return parent;
  }

  /** The symbol for {@code name} here or in an enclosing scope, or null. */
  public Symbol lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Symbol x = s.names.get(name);
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  /** The symbol defined in this very scope, or null. */
  public Symbol local(String name) {
    return names.get(name);
  }

  /** Defines (or redefines) a name in this scope. */
  public void define(Symbol s) {
    names.put(s.name(), s);
  }

  /** Replaces the symbol of {@code name} in the scope that defines it. */
  public void update(Symbol s) {
    for (Scope x = this; x != null; x = x.parent) {
      if (x.names.containsKey(s.name())) {
        x.names.put(s.name(), s);
        return;
      }
    }
    define(s);
  }

  /** The names defined in this scope only, in order. */
  public Map<String, Symbol> own() {
    return names;
  }

  /** Every visible name (for suggestions). */
  public Set<String> visible() {
    Set<String> out = new LinkedHashSet<>();
    for (Scope s = this; s != null; s = s.parent) {
      out.addAll(s.names.keySet());
    }
    return out;
  }
}
