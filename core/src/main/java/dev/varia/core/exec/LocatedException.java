package dev.varia.core.exec;

import dev.varia.core.VariaException;
import dev.varia.core.gen.Address;
import dev.varia.core.ir.Span;

/**
 * An error while running a generative function, with the source location of the statement and the
 * address namespace it ran in: {@code file:line:col: message}.
 */
public final class LocatedException extends VariaException {
  private static final long serialVersionUID = 1L;

  private final transient Span span;
  private final String detail;

  /** An error at {@code span} (within namespace {@code prefix}) caused by {@code cause}. */
  public LocatedException(Span span, Address prefix, VariaException cause) {
    super(format(span, prefix, cause.getMessage()), cause);
    this.span = span;
    this.detail = cause.getMessage();
  }

  /** An error at {@code span} with a message. */
  public LocatedException(Span span, String message) {
    super(format(span, Address.root(), message));
    this.span = span;
    this.detail = message;
  }

  private static String format(Span span, Address prefix, String message) {
    String where = span == null ? "" : span + ": ";
    String ns = prefix == null || prefix.isRoot() ? "" : " (in " + prefix.displayName() + ")";
    return where + message + ns;
  }

  /** Where the error happened. */
  public Span span() {
    return span;
  }

  /** The message without the location. */
  public String detail() {
    return detail;
  }
}
