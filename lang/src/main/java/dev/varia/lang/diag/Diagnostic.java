package dev.varia.lang.diag;

/**
 * One problem found in a program or a data file: a stable code, a severity, where it is (file,
 * 1-based line and column; line 0 when the problem concerns a whole file) and a message.
 *
 * @param code the stable code, e.g. {@code E0200}
 * @param severity error, warning or note
 * @param file the file's name as shown to the user
 * @param line 1-based line, 0 for the whole file
 * @param column 1-based column, 0 for the whole file
 * @param length the number of characters to underline (at least 1 when a line is given)
 * @param message what is wrong, in words
 * @param sourceLine the text of the line, for the caret display ("" when unknown)
 */
public record Diagnostic(
    Code code,
    Severity severity,
    String file,
    int line,
    int column,
    int length,
    String message,
    String sourceLine) {

  /** True for errors. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:col: error[E0200]: message} (the first line of the rendering). */
  public String headline() {
    String where = line > 0 ? file + ":" + line + ":" + column : file;
    return where + ": " + severity.label() + "[" + code.id() + "]: " + message;
  }

  /** The headline, the source line and a caret under the column. */
  public String render() {
    StringBuilder sb = new StringBuilder(headline());
    if (line > 0 && !sourceLine.isEmpty()) {
      String shown = sourceLine;
      int col = column;
      // very long lines (minified data files) are shown around the column only
      final int window = 100;
      if (shown.length() > 2 * window) {
        int from = Math.max(0, col - 1 - window / 2);
        int to = Math.min(shown.length(), from + window);
        shown =
            (from > 0 ? "..." : "")
                + shown.substring(from, to)
                + (to < shown.length() ? "..." : "");
        col = col - from + (from > 0 ? 3 : 0);
      }
      shown = printable(shown);
      sb.append('\n').append("  ").append(shown).append('\n').append("  ");
      for (int i = 1; i < col && i <= shown.length(); i++) {
        sb.append(shown.charAt(i - 1) == '\t' ? '\t' : ' ');
      }
      int n = Math.max(1, Math.min(length, Math.max(1, shown.length() - col + 1)));
      sb.append("^").append("~".repeat(Math.max(0, n - 1)));
    }
    return sb.toString();
  }

  /** Replaces control characters (other than tab) so a hostile file cannot garble a terminal. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c == '\t' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) ? c : '?');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return headline();
  }
}
