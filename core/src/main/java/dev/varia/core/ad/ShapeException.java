package dev.varia.core.ad;

import dev.varia.core.VariaException;

/** Raised when operands' shapes do not fit an operation; the message names the shapes. */
public final class ShapeException extends VariaException {
  private static final long serialVersionUID = 1L;

  /** A shape error with a message naming the operation and the shapes involved. */
  public ShapeException(String message) {
    super(message);
  }
}
