package dev.varia.lang.run;

import dev.varia.lang.diag.Diagnostic;
import java.util.List;

/**
 * A mistake of the user's (a bad flag, an unknown name, a file that does not compile, a missing
 * data file): shown as its message (and diagnostics, rendered with a caret) and never as a stack
 * trace. The command line exits with status 1.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  /** An error described in words. */
  public UserError(String message) {
    super(message);
    this.diagnostics = List.of();
  }

  /** An error with the diagnostics that describe it (a file that did not compile). */
  public UserError(String message, List<Diagnostic> diagnostics) {
    super(message);
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** The diagnostics, if any (errors, warnings and notes as reported). */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The diagnostics rendered with their source lines and carets, then the message. */
  public String render() {
    StringBuilder b = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      b.append(d.render()).append(System.lineSeparator());
    }
    b.append(getMessage());
    return b.toString();
  }
}
