package dev.varia.lang.data;

import java.util.List;

/**
 * A value as read from a data file, before it is checked against the declarations: a number, an
 * array (JSON list or CSV column), or something else (a string, an object, null), each with the
 * 1-based line and column where it starts.
 */
public sealed interface RawValue {
  /** 1-based line. */
  int line();

  /** 1-based column. */
  int column();

  /** A number; {@code integer} if written as an integer. */
  record Num(double value, boolean integer, int line, int column) implements RawValue {}

  /** A list of values. */
  record Arr(List<RawValue> items, int line, int column) implements RawValue {
    /** Copies the list. */
    public Arr {
      items = List.copyOf(items);
    }
  }

  /** Anything that is neither a number nor a list, described in words ("a string", "null"). */
  record Other(String what, int line, int column) implements RawValue {}
}
