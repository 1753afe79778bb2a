package dev.varia.lang.syntax.internal;

import dev.varia.lang.syntax.VariaLexer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * Turns line breaks into statement separators where a statement can end (Go's rule): after a name,
 * a number, {@code )}, {@code ]}, {@code }}, {@code >} (closing a type) or {@code '}, unless the
 * break is inside parentheses or brackets, or the next line starts with {@code {}, {@code else}, a
 * binary operator ({@code + - * / .* ./ ^ && || == != < <= > >= .. . ~}). Other line breaks are
 * dropped, so an expression continues on the next line after an operator or a comma, or before
 * one. Hidden tokens (comments) are kept on their channel; a block comment spanning lines counts
 * as a line break.
 */
public final class SemicolonInserter {
  private SemicolonInserter() {}

  /** The token list the parser reads. */
  public static List<Token> process(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    Deque<Integer> brackets = new ArrayDeque<>();
    int prevType = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int type = t.getType();
      boolean lineBreak =
          type == VariaLexer.NL
              || (type == VariaLexer.BLOCK_COMMENT && t.getText().indexOf('\n') >= 0);
      if (lineBreak) {
        if (type != VariaLexer.NL) {
          out.add(t);
        }
        boolean inside =
            !brackets.isEmpty()
                && (brackets.peek() == VariaLexer.LPAREN || brackets.peek() == VariaLexer.LBRACK);
        if (!inside && endsStatement(prevType) && !continues(tokens, i + 1)) {
          CommonToken semi = new CommonToken(t);
          semi.setType(VariaLexer.SEMI);
          semi.setText("<end of line>");
          semi.setChannel(Token.DEFAULT_CHANNEL);
          out.add(semi);
          prevType = VariaLexer.SEMI;
        }
        continue;
      }
      if (t.getChannel() != Token.DEFAULT_CHANNEL) {
        out.add(t);
        continue;
      }
      switch (type) {
        case VariaLexer.LPAREN:
        case VariaLexer.LBRACK:
        case VariaLexer.LBRACE:
          brackets.push(type);
          break;
        case VariaLexer.RPAREN:
        case VariaLexer.RBRACK:
        case VariaLexer.RBRACE:
          if (!brackets.isEmpty()) {
            brackets.pop();
          }
          break;
        default:
          break;
      }
      out.add(t);
      prevType = type;
    }
    return out;
  }

  private static boolean continues(List<Token> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int type = t.getType();
      if (type == VariaLexer.NL || t.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      switch (type) {
        case VariaLexer.LBRACE:
        case VariaLexer.ELSE:
        case VariaLexer.PLUS:
        case VariaLexer.MINUS:
        case VariaLexer.STAR:
        case VariaLexer.SLASH:
        case VariaLexer.DOTSTAR:
        case VariaLexer.DOTSLASH:
        case VariaLexer.CARET:
        case VariaLexer.AND:
        case VariaLexer.OR:
        case VariaLexer.EQ:
        case VariaLexer.NE:
        case VariaLexer.LT:
        case VariaLexer.LE:
        case VariaLexer.GT:
        case VariaLexer.GE:
        case VariaLexer.RANGE:
        case VariaLexer.DOT:
        case VariaLexer.TILDE:
          return true;
        default:
          return false;
      }
    }
    return false;
  }

  private static boolean endsStatement(int type) {
    switch (type) {
      case VariaLexer.ID:
      case VariaLexer.INT:
      case VariaLexer.REAL:
      case VariaLexer.RPAREN:
      case VariaLexer.RBRACK:
      case VariaLexer.RBRACE:
      case VariaLexer.GT:
      case VariaLexer.QUOTE:
      case VariaLexer.DATA:
      case VariaLexer.MODEL:
      case VariaLexer.GUIDE:
      case VariaLexer.FN:
      case VariaLexer.OBJECTIVE:
      case VariaLexer.FIT:
      case VariaLexer.WITH:
      case VariaLexer.USING:
      case VariaLexer.STEPS:
      case VariaLexer.PARTICLES:
      case VariaLexer.SEED:
      case VariaLexer.VAR:
      case VariaLexer.PARAM:
      case VariaLexer.REPORT:
      case VariaLexer.FACTOR:
      case VariaLexer.PLATE:
      case VariaLexer.MARGINALIZE:
      case VariaLexer.EXPECT:
        return true;
      default:
        return false;
    }
  }
}
