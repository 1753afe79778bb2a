package dev.varia.lang.diag;

/** How serious a diagnostic is: only errors stop a program from being compiled. */
public enum Severity {
  /** The program (or data) is wrong and cannot be used. */
  ERROR,
  /** Probably a mistake, but the program can be used. */
  WARNING,
  /** Information, e.g. a data field nobody declared. */
  NOTE;

  /** {@code error}, {@code warning} or {@code note}, as printed. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
