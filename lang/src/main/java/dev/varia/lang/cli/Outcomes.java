package dev.varia.lang.cli;

import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.ResultFiles;
import dev.varia.lang.run.SummaryTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reports a fit's outcome: the summary on standard output, files, and the exit status. */
final class Outcomes {
  /** Exit status of a fit that failed numerically. */
  static final int FIT_FAILED = 2;

  private Outcomes() {}

  /**
   * Prints the outcome, writes the files when {@code outDir} is given, and returns the exit status:
   * 0 fitted (or stopped on request), 2 failed.
   */
  static int report(
      FitOutcome o, Path outDir, SourceFile source, PrintWriter out, PrintWriter err) {
    out.print(SummaryTable.render(o));
    out.flush();
    if (outDir != null) {
      List<Path> files = ResultFiles.write(outDir, o);
      err.println(
          "wrote "
              + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList())
              + " to "
              + outDir);
    }
    if (!o.ok()) {
      err.println("error: the fit failed: " + o.message());
      String caret = caret(o.message(), source);
      if (!caret.isEmpty()) {
        err.println(caret);
      }
      err.println(
          outDir == null
              ? "the last good parameters are kept (give --out DIR to write them)"
              : "the last good parameters are in " + outDir.resolve("params.json"));
      err.flush();
      return FIT_FAILED;
    }
    err.flush();
    return 0;
  }

  /**
   * The source line and a caret under the first {@code FILE:LINE:COL} of {@code message} that
   * points into {@code source}, or "".
   */
  static String caret(String message, SourceFile source) {
    if (source == null || message == null) {
      return "";
    }
    Matcher m = Pattern.compile(Pattern.quote(source.name()) + ":(\\d+):(\\d+)").matcher(message);
    if (!m.find()) {
      return "";
    }
    int line = Integer.parseInt(m.group(1));
    int col = Integer.parseInt(m.group(2));
    if (line < 1 || line > source.lineCount()) {
      return "";
    }
    String text = source.line(line);
    StringBuilder b = new StringBuilder("  ").append(text).append('\n').append("  ");
    for (int i = 1; i < col && i <= text.length(); i++) {
      b.append(text.charAt(i - 1) == '\t' ? '\t' : ' ');
    }
    return b.append('^').toString();
  }
}
