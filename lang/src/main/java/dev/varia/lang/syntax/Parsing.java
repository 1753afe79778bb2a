package dev.varia.lang.syntax;

import dev.varia.lang.ast.Unit;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.syntax.internal.AstBuilder;
import dev.varia.lang.syntax.internal.SemicolonInserter;
import dev.varia.lang.syntax.internal.SyntaxErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Reads a .ppl file into its {@link Unit}: lexing (with checks for stray characters, unterminated
 * comments and nesting), statement separation at line ends, parsing (ANTLR, SLL first and full LL
 * when that fails) and building the AST. Every problem is a diagnostic; the AST is only built for a
 * file without syntax errors.
 */
public final class Parsing {
  private Parsing() {}

  /** Parses {@code file}, reporting problems into {@code diags}. */
  public static Optional<Unit> parse(SourceFile file, Diagnostics diags) {
    String text = file.text();
    if (text.length() > Limits.MAX_SOURCE_CHARS) {
      diags.reportFile(
          Code.E0004,
          file.name(),
          "the file has " + text.length() + " characters; the limit is " + Limits.MAX_SOURCE_CHARS);
      return Optional.empty();
    }
    List<Token> tokens = lex(file, diags);
    if (tokens == null) {
      return Optional.empty();
    }
    List<Token> parserTokens = SemicolonInserter.process(tokens);
    try {
      VariaParser.ProgramContext tree = parseTree(file, parserTokens, diags);
      if (tree == null) {
        return Optional.empty();
      }
      return new AstBuilder(file, diags).build(tree);
    } catch (StackOverflowError e) {
      diags.reportFile(
          Code.E0005,
          file.name(),
          "the program is nested too deeply to read (see the limits in the language reference)");
      return Optional.empty();
    }
  }

  private static VariaParser.ProgramContext parseTree(
      SourceFile file, List<Token> tokens, Diagnostics diags) {
    ListTokenSource source = new ListTokenSource(tokens, file.name());
    CommonTokenStream stream = new CommonTokenStream(source);
    VariaParser parser = new VariaParser(stream);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return parser.program();
    } catch (ParseCancellationException e) {
      // fall through to full LL with error reporting
    }
    stream.seek(0);
    parser.reset();
    SyntaxErrors errors = new SyntaxErrors(file, diags);
    parser.addErrorListener(errors);
    parser.setErrorHandler(new DefaultErrorStrategy());
    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    VariaParser.ProgramContext tree = parser.program();
    return errors.count() > 0 ? null : tree;
  }

  /** All tokens (hidden ones included), or null when the file has lexical errors. */
  private static List<Token> lex(SourceFile file, Diagnostics diags) {
    VariaLexer lexer = new VariaLexer(CharStreams.fromString(file.text(), file.name()));
    lexer.removeErrorListeners();
    List<Token> tokens = new ArrayList<>();
    boolean bad = false;
    int depth = 0;
    int reported = 0;
    int prefixRun = 0;
    int carets = 0;
    int prevType = -1;
    while (true) {
      Token t = lexer.nextToken();
      int type = t.getType();
      if (type == VariaLexer.ERROR_CHAR) {
        bad = true;
        if (reported++ < Limits.MAX_SYNTAX_ERRORS) {
          int cp = t.getText().isEmpty() ? 0 : t.getText().codePointAt(0);
          String shown =
              cp >= 0x20 && cp != 0x7f && !Character.isISOControl(cp)
                  ? "'" + t.getText() + "' "
                  : "";
          diags.report(
              Code.E0001,
              file,
              t.getLine(),
              t.getCharPositionInLine() + 1,
              1,
              "unexpected character " + shown + String.format("(U+%04X)", cp));
        }
        continue;
      }
      if (type == VariaLexer.UNTERMINATED_COMMENT) {
        bad = true;
        diags.report(
            Code.E0002,
            file,
            t.getLine(),
            t.getCharPositionInLine() + 1,
            2,
            "this block comment is never closed with */");
        continue;
      }
      if (t.getChannel() == Token.DEFAULT_CHANNEL && type != VariaLexer.NL) {
        boolean prefix =
            (type == VariaLexer.MINUS || type == VariaLexer.PLUS || type == VariaLexer.NOT)
                && !endsOperand(prevType);
        prefixRun = prefix ? prefixRun + 1 : 0;
        carets =
            type == VariaLexer.CARET
                ? carets + 1
                : (type == VariaLexer.SEMI || type == VariaLexer.LBRACE ? 0 : carets);
        if (prefixRun > Limits.MAX_BRACKET_DEPTH || carets > Limits.MAX_BRACKET_DEPTH) {
          diags.report(
              Code.E0005,
              file,
              t.getLine(),
              t.getCharPositionInLine() + 1,
              1,
              "operators nested more than " + Limits.MAX_BRACKET_DEPTH + " deep");
          return null;
        }
        prevType = type;
      } else if (type == VariaLexer.NL) {
        carets = 0;
      }
      if (type == VariaLexer.LPAREN || type == VariaLexer.LBRACK || type == VariaLexer.LBRACE) {
        depth++;
        if (depth > Limits.MAX_BRACKET_DEPTH) {
          diags.report(
              Code.E0005,
              file,
              t.getLine(),
              t.getCharPositionInLine() + 1,
              1,
              "brackets nested more than " + Limits.MAX_BRACKET_DEPTH + " deep");
          return null;
        }
      } else if (type == VariaLexer.RPAREN
          || type == VariaLexer.RBRACK
          || type == VariaLexer.RBRACE) {
        depth = Math.max(0, depth - 1);
      }
      tokens.add(t);
      if (type == Token.EOF) {
        break;
      }
    }
    return bad ? null : tokens;
  }

  private static boolean endsOperand(int type) {
    return type == VariaLexer.ID
        || type == VariaLexer.INT
        || type == VariaLexer.REAL
        || type == VariaLexer.RPAREN
        || type == VariaLexer.RBRACK
        || type == VariaLexer.QUOTE;
  }
}
