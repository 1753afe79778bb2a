package dev.varia.lang.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics while a program is read, checked and lowered. Stops accepting errors after a
 * limit so that a hostile file cannot produce millions of messages.
 */
public final class Diagnostics {
  /** The most errors kept; further ones are counted but dropped. */
  public static final int MAX_ERRORS = 100;

  private final List<Diagnostic> list = new ArrayList<>();
  private int errors;
  private int dropped;

  /** Adds a diagnostic at a 1-based line and column of {@code file}. */
  public void report(Code code, SourceFile file, int line, int column, int length, String message) {
    String src = file == null ? "" : file.line(line);
    add(
        new Diagnostic(
            code,
            code.severity(),
            file == null ? "<input>" : file.name(),
            line,
            column,
            Math.max(1, length),
            message,
            src));
  }

  /** Adds a diagnostic about a whole file (no line). */
  public void reportFile(Code code, String fileName, String message) {
    add(new Diagnostic(code, code.severity(), fileName, 0, 0, 1, message, ""));
  }

  /** Adds a ready-made diagnostic. */
  public void add(Diagnostic d) {
    if (d.isError()) {
      if (errors >= MAX_ERRORS) {
        dropped++;
        return;
      }
      errors++;
    } else if (list.size() >= 4 * MAX_ERRORS) {
      dropped++;
      return;
    }
    list.add(d);
  }

  /** Adds all of {@code other}'s diagnostics. */
  public void addAll(Diagnostics other) {
    other.list.forEach(this::add);
    dropped += other.dropped;
  }

  /** True if at least one error was reported. */
  public boolean hasErrors() {
    return errors > 0;
  }

  /** The number of errors reported (including dropped ones). */
  public int errorCount() {
    return errors + (int) Math.min(Integer.MAX_VALUE, (long) dropped);
  }

  /** How many diagnostics were dropped over the limit. */
  public int dropped() {
    return dropped;
  }

  /** The diagnostics, sorted by file, line and column (stable for equal positions). */
  public List<Diagnostic> all() {
    List<Diagnostic> sorted = new ArrayList<>(list);
    sorted.sort(
        Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column));
    return Collections.unmodifiableList(sorted);
  }

  /** The errors only, sorted. */
  public List<Diagnostic> errors() {
    return all().stream().filter(Diagnostic::isError).toList();
  }

  /** Every diagnostic rendered with its caret, one after another. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : all()) {
      sb.append(d.render()).append('\n');
    }
    if (dropped > 0) {
      sb.append("... and ").append(dropped).append(" more not shown\n");
    }
    return sb.toString();
  }
}
