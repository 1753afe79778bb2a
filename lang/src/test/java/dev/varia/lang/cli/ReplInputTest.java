package dev.varia.lang.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;

/** The REPL's multi-line input and tab completion. */
class ReplInputTest {
  private final ReplInputParser parser = new ReplInputParser();

  @Test
  void unfinishedDefinitionsAskForMoreLines() {
    assertThrows(
        EOFError.class, () -> parser.parse("model m {", 9, Parser.ParseContext.ACCEPT_LINE));
    assertThrows(
        EOFError.class,
        () -> parser.parse("model m {\n  mu ~ normal(0,", 24, Parser.ParseContext.ACCEPT_LINE));
    assertDoesNotThrow(
        () ->
            parser.parse(
                "model m {\n  mu ~ normal(0, 1) // {\n}", 30, Parser.ParseContext.ACCEPT_LINE));
    assertDoesNotThrow(() -> parser.parse(":load a{.ppl", 5, Parser.ParseContext.ACCEPT_LINE));
    assertDoesNotThrow(() -> parser.parse("x: int<lower=0>", 5, Parser.ParseContext.ACCEPT_LINE));
  }

  @Test
  void completesCommandsKeywordsDistributionsAndTheSessionsNames() {
    ReplCompleter c = new ReplCompleter(() -> List.of("schools", "tau"));
    List<String> first = complete(c, ":f");
    assertTrue(
        first.containsAll(List.of(":fit", ":load", "model", "normal", "schools")),
        first.toString());
    List<String> inFit = complete(c, ":fit --st");
    assertTrue(inFit.containsAll(List.of("--steps", "auto_fullrank", "iwelbo")), inFit.toString());
    assertTrue(!inFit.contains(":load"), inFit.toString());
  }

  private List<String> complete(ReplCompleter c, String line) {
    List<Candidate> out = new ArrayList<>();
    c.complete(null, parser.parse(line, line.length(), Parser.ParseContext.COMPLETE), out);
    return out.stream().map(Candidate::value).toList();
  }
}
