package dev.varia.lang.cli;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Splits REPL input into words for completion, and asks for more lines while a definition is
 * unfinished: an open brace, bracket or parenthesis (outside comments), or a line ending in an
 * operator or a comma.
 */
final class ReplInputParser extends DefaultParser {
  ReplInputParser() {
    setEofOnUnclosedBracket(); // keep the default parser from acting on brackets itself
    setEscapeChars(new char[0]);
    setQuoteChars(new char[0]);
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !line.strip().startsWith(":")) {
      int open = openBrackets(line);
      if (open > 0) {
        throw new EOFError(-1, -1, "unclosed bracket", "bracket", open, "}");
      }
      String t = stripComment(lastLine(line)).stripTrailing();
      if (!t.isEmpty() && "+-*/^,=~&".indexOf(t.charAt(t.length() - 1)) >= 0) {
        throw new EOFError(-1, -1, "unfinished line", "line");
      }
    }
    return super.parse(line, cursor, context);
  }

  /** Open minus closed brackets of all kinds, outside comments and strings. */
  static int openBrackets(String text) {
    int depth = 0;
    boolean block = false;
    boolean string = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char n = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (block) {
        if (c == '*' && n == '/') {
          block = false;
          i++;
        }
      } else if (string) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          string = false;
        }
      } else if (c == '/' && n == '/') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && n == '*') {
        block = true;
        i++;
      } else if (c == '"') {
        string = true;
      } else if (c == '{' || c == '(' || c == '[') {
        depth++;
      } else if (c == '}' || c == ')' || c == ']') {
        depth--;
      }
    }
    return block ? Math.max(depth, 1) : depth;
  }

  private static String lastLine(String text) {
    int nl = text.lastIndexOf('\n');
    return nl < 0 ? text : text.substring(nl + 1);
  }

  private static String stripComment(String line) {
    int c = line.indexOf("//");
    return c < 0 ? line : line.substring(0, c);
  }
}
