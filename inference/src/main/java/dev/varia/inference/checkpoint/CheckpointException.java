package dev.varia.inference.checkpoint;

import dev.varia.core.VariaException;

/**
 * A checkpoint could not be written, read or applied: the file is missing, corrupt or truncated, or
 * it does not match the model being resumed (the message says which parameter or field).
 */
public final class CheckpointException extends VariaException {
  private static final long serialVersionUID = 1L;

  /** An error with a message naming the file and what is wrong. */
  public CheckpointException(String message) {
    super(message);
  }

  /** An error caused by another exception. */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
