package dev.varia.lang.cli;

/**
 * One top-level declaration of a REPL session, with where it came from (a loaded file or typed
 * input) so diagnostics point at the user's own lines.
 *
 * @param key what it declares: a model's, guide's, function's or objective's name, {@code fit
 *     LABEL} or {@code data N}; a later declaration with the same key replaces it
 * @param text the declaration's text, starting at its first character
 * @param origin the file or input it came from
 * @param line the 1-based line of its first character in its origin
 * @param column the 1-based column of its first character in its origin
 */
record ReplSegment(String key, String text, String origin, int line, int column) {
  /** The number of lines of the text. */
  int lineCount() {
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
