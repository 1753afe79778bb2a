package dev.varia.examples.ppl;

/** A .ppl program that cannot be compiled or fitted; the message holds the diagnostics. */
public final class PplException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public PplException(String message) {
    super(message);
  }
}
