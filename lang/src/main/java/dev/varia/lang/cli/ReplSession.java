package dev.varia.lang.cli;

import dev.varia.lang.Compilation;
import dev.varia.lang.Compiler;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.Unit;
import dev.varia.lang.data.DataFile;
import dev.varia.lang.diag.Diagnostic;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.UserError;
import dev.varia.lang.syntax.Parsing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of a REPL session: its declarations (from loaded files and typed input), its data file,
 * the program they compile to, and the last fit. A change that does not compile is refused with its
 * diagnostics and the session stays as it was: the session always compiles.
 */
final class ReplSession {
  /** The name the combined program is compiled under. */
  static final String SOURCE_NAME = "<session>";

  private List<ReplSegment> segments = new ArrayList<>();
  private Path data;
  private Compilation compilation;
  private FitOutcome last;
  private int inputs;

  /** What a change did: the diagnostics to show (errors mean it was refused). */
  record Change(boolean accepted, List<Diagnostic> diagnostics, List<String> declared) {}

  /** Replaces the session's declarations by the file's ({@code :load}). */
  Change load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
    Parsed p = parse(file.toString(), text);
    if (p.segments == null) {
      return new Change(false, p.diagnostics, List.of());
    }
    List<ReplSegment> before = segments;
    segments = new ArrayList<>(p.segments);
    return commit(before, p.segments);
  }

  /** Adds (or replaces) the declarations typed at the prompt. */
  Change define(String text) {
    inputs++;
    Parsed p = parse("<input " + inputs + ">", text);
    if (p.segments == null) {
      return new Change(false, p.diagnostics, List.of());
    }
    if (p.segments.isEmpty()) {
      return new Change(true, List.of(), List.of());
    }
    List<ReplSegment> before = segments;
    List<ReplSegment> next = new ArrayList<>(segments);
    for (ReplSegment s : p.segments) {
      next.removeIf(x -> x.key().equals(s.key()));
      next.add(s);
    }
    segments = next;
    return commit(before, p.segments);
  }

  /** Binds the data file ({@code :data}). */
  Change data(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("no such data file: " + file);
    }
    Path before = data;
    data = file;
    Change c = commit(segments, List.of());
    if (!c.accepted()) {
      data = before;
      recompile();
    }
    return c;
  }

  /** Forgets everything. */
  void reset() {
    segments = new ArrayList<>();
    data = null;
    compilation = null;
    last = null;
  }

  private Change commit(List<ReplSegment> before, List<ReplSegment> added) {
    Compilation c = compile();
    List<Diagnostic> shown = remap(c.diagnostics().all());
    if (!c.ok()) {
      segments = new ArrayList<>(before);
      recompile();
      return new Change(false, shown, List.of());
    }
    compilation = c;
    return new Change(true, shown, added.stream().map(ReplSegment::key).toList());
  }

  private void recompile() {
    compilation = segments.isEmpty() && data == null ? null : compile();
  }

  private Compilation compile() {
    Diagnostics diags = new Diagnostics();
    Optional<DataFile> df = Optional.empty();
    if (data != null) {
      df = DataFile.read(data, diags);
      if (df.isEmpty()) {
        throw new UserError("cannot read the data file " + data, diags.all());
      }
    }
    Compilation c = Compiler.compile(new SourceFile(SOURCE_NAME, text()), df);
    c.diagnostics().addAll(diags);
    return c;
  }

  /** The combined program text: every declaration, each on its own lines. */
  String text() {
    StringBuilder b = new StringBuilder();
    for (ReplSegment s : segments) {
      b.append(" ".repeat(Math.max(0, s.column() - 1))).append(s.text()).append('\n');
    }
    return b.toString();
  }

  /** Diagnostics of the combined program moved back to the files and inputs they came from. */
  List<Diagnostic> remap(List<Diagnostic> all) {
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : all) {
      out.add(remap(d));
    }
    return out;
  }

  Diagnostic remap(Diagnostic d) {
    if (!d.file().equals(SOURCE_NAME) || d.line() < 1) {
      return d;
    }
    int start = 1;
    for (ReplSegment s : segments) {
      int n = s.lineCount();
      if (d.line() < start + n) {
        return new Diagnostic(
            d.code(),
            d.severity(),
            s.origin(),
            s.line() + d.line() - start,
            d.column(),
            d.length(),
            d.message(),
            d.sourceLine());
      }
      start += n;
    }
    return d;
  }

  /** A {@code FILE:LINE:COL} of the combined program in a message, moved to its origin. */
  String remapMessage(String message) {
    if (message == null) {
      return null;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(SOURCE_NAME) + ":(\\d+):(\\d+)")
            .matcher(message);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      Diagnostic d =
          remap(
              new Diagnostic(
                  dev.varia.lang.diag.Code.E0801,
                  dev.varia.lang.diag.Severity.ERROR,
                  SOURCE_NAME,
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(2)),
                  1,
                  "",
                  ""));
      m.appendReplacement(
          b,
          java.util.regex.Matcher.quoteReplacement(d.file() + ":" + d.line() + ":" + d.column()));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** The compiled session, if it has declarations. */
  Optional<Compilation> compilation() {
    return Optional.ofNullable(compilation);
  }

  /** The data file, if bound. */
  Optional<Path> dataFile() {
    return Optional.ofNullable(data);
  }

  /** The declarations in order. */
  List<ReplSegment> segments() {
    return List.copyOf(segments);
  }

  /** The last fit's outcome. */
  Optional<FitOutcome> last() {
    return Optional.ofNullable(last);
  }

  void last(FitOutcome o) {
    this.last = o;
  }

  /** The names declared in the session (for completion). */
  List<String> names() {
    List<String> out = new ArrayList<>();
    for (ReplSegment s : segments) {
      if (!s.key().startsWith("data ")) {
        out.add(s.key().startsWith("fit ") ? s.key().substring(4) : s.key());
      }
    }
    if (compilation != null && compilation.checked().isPresent()) {
      out.addAll(compilation.checked().get().boundData().keySet());
      compilation.checked().get().sites().values().forEach(m -> m.keySet().forEach(out::add));
    }
    return out;
  }

  private record Parsed(List<ReplSegment> segments, List<Diagnostic> diagnostics) {}

  private Parsed parse(String origin, String text) {
    Diagnostics diags = new Diagnostics();
    SourceFile src = new SourceFile(origin, text);
    Optional<Unit> unit = Parsing.parse(src, diags);
    if (unit.isEmpty() || diags.hasErrors()) {
      return new Parsed(null, diags.all());
    }
    List<ReplSegment> out = new ArrayList<>();
    int dataBlocks = (int) segments.stream().filter(s -> s.key().startsWith("data")).count();
    for (Decl d : unit.get().decls()) {
      String key;
      if (d instanceof Decl.Data) {
        key = "data " + (++dataBlocks);
      } else if (d instanceof Decl.Gen g) {
        key = g.name().text();
      } else if (d instanceof Decl.Fn f) {
        key = f.name().text();
      } else if (d instanceof Decl.Objective o) {
        key = o.name().text();
      } else {
        Decl.Fit f = (Decl.Fit) d;
        key = "fit " + f.label().orElse(f.model()).text();
      }
      int start = d.loc().start();
      int end = Math.min(text.length(), Math.max(start, d.loc().end()));
      out.add(
          new ReplSegment(
              key, text.substring(start, end), origin, d.loc().line(), d.loc().column()));
    }
    return new Parsed(out, diags.all());
  }
}
