package dev.varia.core;

/**
 * Base class of the errors Varia raises for a user's mistake (bad shapes, invalid distribution
 * parameters, model/guide mismatches, ...). Front ends catch it and print its message as a
 * diagnostic instead of a stack trace; a programming error inside Varia is any other exception.
 */
public class VariaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message that tells the user what went wrong and where. */
  public VariaException(String message) {
    super(message);
  }

  /** An error caused by another exception. */
  public VariaException(String message, Throwable cause) {
    super(message, cause);
  }
}
