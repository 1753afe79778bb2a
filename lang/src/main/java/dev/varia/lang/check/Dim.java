package dev.varia.lang.check;

/**
 * One static dimension of a type: a known size, a symbolic one (how it was written, e.g. {@code N}
 * or {@code T - K}, when the data are not known), or unknown.
 */
public record Dim(long value, String symbol) {
  /** An unknown size. */
  public static final Dim UNKNOWN = new Dim(-1, null);

  /** A known size. */
  public static Dim of(long n) {
    return new Dim(n, null);
  }

  /** A size known only by how it is written. */
  public static Dim symbolic(String s) {
    return new Dim(-1, s);
  }

  /** True if the size is a known number. */
  public boolean isKnown() {
    return value >= 0;
  }

  /**
   * True if this and {@code o} certainly differ (both known and different, or one is 1 and the
   * other not: callers decide about broadcasting).
   */
  public boolean differs(Dim o) {
    return isKnown() && o.isKnown() && value != o.value;
  }

  /** Whether the two certainly agree. */
  public boolean sameAs(Dim o) {
    if (isKnown() && o.isKnown()) {
      return value == o.value;
    }
    return symbol != null && symbol.equals(o.symbol);
  }

  @Override
  public String toString() {
    if (isKnown()) {
      return symbol == null || symbol.equals(Long.toString(value))
          ? Long.toString(value)
          : value + " (" + symbol + ")";
    }
    return symbol == null ? "?" : symbol;
  }

  /** Just the number (or symbol), for compact shapes. */
  public String brief() {
    return isKnown() ? Long.toString(value) : symbol == null ? "?" : symbol;
  }
}
