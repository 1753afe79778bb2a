package dev.varia.lang.syntax.internal;

import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.syntax.Limits;
import dev.varia.lang.syntax.VariaLexer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics with readable messages: the offending token in
 * words, and what was expected when that is a short list. Keeps one error per line (the rest are
 * usually follow-on errors of the recovery) and at most {@link Limits#MAX_SYNTAX_ERRORS}.
 */
public final class SyntaxErrors extends BaseErrorListener {
  private final SourceFile file;
  private final Diagnostics diags;
  private final Set<Integer> lines = new HashSet<>();
  private int count;

  /** Reports into {@code diags}. */
  public SyntaxErrors(SourceFile file, Diagnostics diags) {
    this.file = file;
    this.diags = diags;
  }

  /** The number of syntax errors seen (reported or not). */
  public int count() {
    return count;
  }

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String msg,
      RecognitionException e) {
    count++;
    if (lines.contains(line) || lines.size() >= Limits.MAX_SYNTAX_ERRORS) {
      return;
    }
    lines.add(line);
    Token tok = offendingSymbol instanceof Token t ? t : null;
    Vocabulary vocab = recognizer.getVocabulary();
    String expected = "";
    if (recognizer instanceof Parser p) {
      expected = expected(p.getExpectedTokens(), vocab);
    }
    int length = tok == null ? 1 : Math.max(1, tok.getStopIndex() - tok.getStartIndex() + 1);
    Code code;
    String message;
    if (tok != null && tok.getType() == Token.EOF) {
      code = Code.E0102;
      message = "unexpected end of file" + (expected.isEmpty() ? "" : "; expected " + expected);
      length = 1;
    } else if (msg != null && msg.startsWith("missing ")) {
      code = Code.E0101;
      String what = expected.isEmpty() ? "a token" : expected;
      message = "missing " + what + " before " + describe(tok, vocab);
    } else {
      code = Code.E0100;
      message =
          "unexpected "
              + describe(tok, vocab)
              + (expected.isEmpty() ? "" : "; expected " + expected);
    }
    if (tok != null && tok.getType() == VariaLexer.SEMI && "<end of line>".equals(tok.getText())) {
      length = 1;
    }
    message += hint(file.line(line), tok);
    diags.report(code, file, line, charPositionInLine + 1, length, message);
  }

  private static final java.util.regex.Pattern STAN_DECL =
      java.util.regex.Pattern.compile(
          "^\\s*(real|int|vector|matrix|simplex|ordered|positive_ordered)(<[^>]*>)?(\\[[^\\]]*\\])?\\s+\\w+\\s*;?\\s*$");

  /** Hints for common slips, many of them Stan habits. */
  static String hint(String line, Token tok) {
    String t = tok == null ? "" : tok.getText();
    if (line.contains("target +=") || line.contains("target+=")) {
      return " (Varia writes target += e as factor(e))";
    }
    if (line.contains("<-")) {
      return " (assignment is written =)";
    }
    if (t.equals(":") && line.matches(".*\\bfor\\b.*")) {
      return " (ranges are written a..b, e.g. for t in 1..T)";
    }
    if (STAN_DECL.matcher(line).matches()) {
      return " (declarations are written name: type, e.g. sigma: real<lower=0>)";
    }
    if (t.equals("{")
        && line.matches(".*\\b(model|data|guide)\\s*\\{.*")
        && line.contains("model {")) {
      return " (a model needs a name: model NAME { ... })";
    }
    return "";
  }

  /** A token in words: {@code 'foo'}, {@code end of line}, {@code end of file}. */
  static String describe(Token tok, Vocabulary vocab) {
    if (tok == null) {
      return "input";
    }
    if (tok.getType() == Token.EOF) {
      return "end of file";
    }
    if (tok.getType() == VariaLexer.SEMI && "<end of line>".equals(tok.getText())) {
      return "end of line";
    }
    String text = tok.getText();
    if (text.length() > 30) {
      text = text.substring(0, 27) + "...";
    }
    return "'" + text + "'";
  }

  private static String expected(IntervalSet set, Vocabulary vocab) {
    if (set == null || set.size() == 0 || set.size() > 6) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (int t : set.toList()) {
      names.add(tokenName(t, vocab));
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return "one of " + String.join(", ", names);
  }

  private static String tokenName(int type, Vocabulary vocab) {
    switch (type) {
      case Token.EOF:
        return "end of file";
      case VariaLexer.ID:
        return "a name";
      case VariaLexer.INT:
        return "an integer";
      case VariaLexer.REAL:
        return "a number";
      case VariaLexer.SEMI:
        return "end of line or ';'";
      default:
        String lit = vocab.getLiteralName(type);
        return lit != null ? lit : vocab.getDisplayName(type);
    }
  }
}
