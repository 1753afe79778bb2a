package dev.varia.lang.cli;

import dev.varia.lang.check.Builtins;
import dev.varia.lang.check.Distributions;
import dev.varia.lang.objective.Catalog;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the REPL: the REPL's commands, the language's keywords, distributions and
 * functions, library objectives, optimisers and automatic guides, the session's own names (models,
 * guides, data, latents, fits), and file names after {@code :load}, {@code :data}, {@code :save}
 * and {@code :plot}.
 */
final class ReplCompleter implements Completer {
  static final List<String> KEYWORDS =
      List.of(
          "data",
          "model",
          "guide",
          "fn",
          "objective",
          "fit",
          "with",
          "using",
          "steps",
          "particles",
          "seed",
          "for",
          "in",
          "if",
          "else",
          "return",
          "var",
          "param",
          "report",
          "factor",
          "plate",
          "marginalize",
          "E",
          "sim",
          "density",
          "logq",
          "add_cost",
          "marginal",
          "normalize",
          "real",
          "int",
          "vector",
          "matrix",
          "lower",
          "upper",
          "ordered",
          "simplex",
          "@reparam",
          "@reinforce",
          "@enum",
          "@mvd");

  private final Supplier<List<String>> sessionNames;
  private final Completer files = new Completers.FileNameCompleter();

  ReplCompleter(Supplier<List<String>> sessionNames) {
    this.sessionNames = sessionNames;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    String first = words.isEmpty() ? "" : words.get(0);
    if (line.wordIndex() > 0 && Repl.FILE_COMMANDS.contains(first)) {
      files.complete(reader, line, candidates);
      return;
    }
    TreeSet<String> all = new TreeSet<>();
    if (line.wordIndex() == 0) {
      all.addAll(Repl.COMMANDS);
    }
    if (first.equals(":fit")) {
      all.addAll(Repl.FIT_FLAGS);
    }
    all.addAll(KEYWORDS);
    all.addAll(Distributions.names());
    all.addAll(Builtins.names());
    all.addAll(Catalog.objectiveNames());
    all.addAll(Catalog.optimizerNames());
    all.addAll(Catalog.autoGuideNames());
    all.addAll(sessionNames.get());
    for (String w : all) {
      candidates.add(new Candidate(w, w, null, null, null, null, true));
    }
  }
}
