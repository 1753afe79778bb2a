package dev.varia.lang.data;

import java.util.List;

/**
 * What a data declaration asks of a field, with its sizes already evaluated: {@code J:
 * int<lower=0>} is {@code FieldSpec("J", true, [], 0, +inf, NONE)}.
 *
 * @param name the field's name
 * @param integer whether the values must be whole numbers
 * @param dims the sizes: none for a scalar, one for a vector, two for a matrix (lists of rows)
 * @param lower inclusive lower bound (-infinity for none)
 * @param upper inclusive upper bound (+infinity for none)
 * @param structure a structural constraint on a vector
 * @param sizeNames how each size was written (for messages: "J = 8"), same length as dims
 */
public record FieldSpec(
    String name,
    boolean integer,
    List<Integer> dims,
    double lower,
    double upper,
    Structure structure,
    List<String> sizeNames) {
  /** Copies the lists. */
  public FieldSpec {
    dims = List.copyOf(dims);
    sizeNames = List.copyOf(sizeNames);
  }

  /** Structural constraints on a data vector. */
  public enum Structure {
    NONE,
    SIMPLEX,
    ORDERED,
    POSITIVE_ORDERED
  }
}
