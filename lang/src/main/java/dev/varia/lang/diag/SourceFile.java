package dev.varia.lang.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a source or data file with its display name, and an index of line starts so that
 * offsets convert to 1-based lines and columns and the text of a line can be shown under a
 * diagnostic.
 */
public final class SourceFile {
  private final String name;
  private final String text;
  private final int[] lineStarts;

  /** A file named {@code name} (as it should appear in messages) holding {@code text}. */
  public SourceFile(String name, String text) {
    this.name = name;
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The name used in messages. */
  public String name() {
    return name;
  }

  /** The whole text. */
  public String text() {
    return text;
  }

  /** The number of lines. */
  public int lineCount() {
    return lineStarts.length;
  }

  /** The 1-based line of a character offset. */
  public int lineOf(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  /** The 1-based column of a character offset. */
  public int columnOf(int offset) {
    return offset - lineStarts[lineOf(offset) - 1] + 1;
  }

  /** The text of 1-based line {@code line} without its line break, or "" if out of range. */
  public String line(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }
}
