package dev.varia.lang.cli;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.lang.Compilation;
import dev.varia.lang.diag.Diagnostic;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.FitPlan;
import dev.varia.lang.run.FitPlanner;
import dev.varia.lang.run.FitRunner;
import dev.varia.lang.run.ResultFiles;
import dev.varia.lang.run.SummaryTable;
import dev.varia.lang.run.UserError;
import dev.varia.lang.run.internal.ObjectivePlot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import picocli.CommandLine;

/**
 * The Varia REPL (JLine 3): definitions typed at the prompt join the session (a definition that
 * does not compile is refused with its diagnostics, and the session carries on), {@code :load} and
 * {@code :data} read files, {@code :fit} runs a fit with the same flags as {@code varia fit}, and
 * {@code :params}, {@code :summary}, {@code :plot} and {@code :save} show or write its results.
 * Ctrl-C during a fit stops it and keeps the parameters it reached; Ctrl-D or {@code :quit} leaves.
 */
final class Repl {
  static final List<String> COMMANDS =
      List.of(
          ":load",
          ":data",
          ":fit",
          ":params",
          ":summary",
          ":plot",
          ":save",
          ":list",
          ":reset",
          ":help",
          ":quit");
  static final Set<String> FILE_COMMANDS = Set.of(":load", ":data", ":save", ":plot");
  static final List<String> FIT_FLAGS =
      List.of(
          "--model",
          "--guide",
          "--objective",
          "--optimizer",
          "--lr",
          "--steps",
          "--particles",
          "--seed",
          "--draws",
          "--checkpoint",
          "--resume",
          "--progress");
  private static final Set<String> DEFINITION_WORDS =
      Set.of("data", "model", "guide", "fn", "objective", "fit");

  private final Terminal terminal;
  private final LineReader reader;
  private final PrintWriter out;
  private final ReplSession session = new ReplSession();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ProgressReporter.Mode progress;

  static {
    // JLine reports a closed terminal's pump on java.util.logging; the REPL says what matters
    // itself
    java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
  }

  /** A REPL on {@code terminal}, keeping its history in {@code history} (null: none). */
  Repl(Terminal terminal, Path history) {
    this.terminal = terminal;
    LineReaderBuilder b =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("varia")
            .parser(new ReplInputParser())
            .completer(new ReplCompleter(session::names))
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P  ... ")
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    if (history != null) {
      b.variable(LineReader.HISTORY_FILE, history);
    }
    this.reader = b.build();
    this.out = terminal.writer();
    this.progress =
        Terminal.TYPE_DUMB.equals(terminal.getType())
                || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())
            ? ProgressReporter.Mode.LINES
            : ProgressReporter.Mode.BAR;
  }

  /** Runs until {@code :quit} or end of input; returns the exit status (0). */
  int run() {
    out.println(
        "Varia REPL. Type definitions (model, guide, data, fit, ...) or :help; :quit leaves.");
    out.flush();
    while (true) {
      String line;
      try {
        line = reader.readLine("varia> ");
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      if (!handle(line)) {
        break;
      }
    }
    out.flush();
    return 0;
  }

  /** Handles one input; false to leave. */
  boolean handle(String input) {
    String text = input.strip();
    if (text.isEmpty()) {
      return true;
    }
    try {
      if (text.startsWith(":")) {
        return command(text);
      }
      String first = text.split("[^A-Za-z0-9_]", 2)[0];
      if (DEFINITION_WORDS.contains(first)) {
        show(session.define(input), "defined");
      } else {
        out.println(
            "not a definition or a command: definitions start with data, model, guide, fn,"
                + " objective or fit; :help lists the commands");
      }
    } catch (UserError e) {
      out.println(
          e.diagnostics().isEmpty()
              ? "error: " + e.getMessage()
              : renderAll(e.diagnostics()) + e.getMessage());
    } catch (VariaException e) {
      out.println("error: " + session.remapMessage(e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      out.println("internal error: " + e + " (a bug in Varia; the session carries on)");
    }
    out.flush();
    return true;
  }

  private boolean command(String text) {
    String[] parts = text.split("\\s+", 2);
    String cmd = parts[0];
    String rest = parts.length > 1 ? parts[1].strip() : "";
    switch (cmd) {
      case ":quit", ":q", ":exit" -> {
        return false;
      }
      case ":help", ":h", ":?" -> out.print(help());
      case ":load", ":l" -> load(rest);
      case ":data", ":d" -> {
        require(rest, ":data FILE");
        show(session.data(Path.of(rest)), "data bound from " + rest + ";");
      }
      case ":fit" -> fit(rest);
      case ":params", ":p" -> params();
      case ":summary", ":s" -> out.print(SummaryTable.render(lastFit()));
      case ":plot" -> plot(rest);
      case ":save" -> save(rest);
      case ":list" -> list();
      case ":reset" -> {
        session.reset();
        out.println("the session is empty");
      }
      default ->
          out.println(
              "unknown command " + cmd + "; the commands are " + String.join(" ", COMMANDS));
    }
    return true;
  }

  private void load(String file) {
    require(file, ":load FILE.ppl");
    Path p = Path.of(file);
    ReplSession.Change c = session.load(p);
    if (c.accepted() && session.dataFile().isEmpty()) {
      java.util.Optional<Path> beside = Loader.beside(p);
      boolean needs =
          session
              .compilation()
              .flatMap(Compilation::checked)
              .map(x -> x.declaresData())
              .orElse(false);
      if (beside.isPresent() && needs) {
        show(c, "loaded " + file + ":");
        show(session.data(beside.get()), "data bound from " + beside.get() + ";");
        return;
      }
    }
    show(c, "loaded " + file + ":");
  }

  private void fit(String args) {
    Compilation c =
        session
            .compilation()
            .orElseThrow(() -> new UserError("nothing to fit yet: :load a file or type a model"));
    if (c.program().isEmpty()) {
      throw new UserError("the session declares data: bind it first with :data FILE");
    }
    ReplFitArgs a = new ReplFitArgs();
    CommandLine cl = new CommandLine(a);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      cl.parseArgs(words(args));
    } catch (CommandLine.ParameterException e) {
      throw new UserError(
          e.getMessage() + " (:fit [LABEL] [--guide G] [--steps N] ...; see varia fit --help)");
    }
    FitPlan plan = FitPlanner.plan(c, a.flags.options().withFit(a.fit));
    out.println(plan.describe());
    out.println("(Ctrl-C stops the fit and keeps the parameters it reached)");
    out.flush();
    stop.set(false);
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> stop.set(true));
    FitOutcome o;
    try {
      ProgressReporter r =
          new ProgressReporter(
              a.progress != null ? a.progress : progress,
              out,
              new PrintStream(terminal.output(), true),
              stop::get);
      o = FitRunner.run(c, plan, r);
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
    }
    session.last(o);
    out.print(SummaryTable.render(o));
    if (!o.ok()) {
      out.println("the fit failed: " + session.remapMessage(o.message()));
      out.println("the last good parameters are kept (:params shows them)");
    } else if (o.status() == FitOutcome.Status.STOPPED) {
      out.println("stopped: the summaries are those of the parameters reached");
    }
    if (a.out != null) {
      save(a.out.toString());
    }
  }

  private void params() {
    FitOutcome o = lastFit();
    if (o.params().isEmpty()) {
      out.println("the fit has no parameters (" + o.guide() + " keeps its own)");
    }
    for (Map.Entry<String, Tensor> e : o.params().entrySet()) {
      Tensor t = e.getValue();
      if (t.shape().isScalar()) {
        out.println(e.getKey() + " = " + String.format(Locale.ROOT, "%.6g", t.get(0)));
      } else if (t.shape().isMatrix()) {
        out.println(e.getKey() + " " + t.shape() + " =");
        double[] v = t.toArray();
        int cols = t.shape().cols();
        for (int i = 0; i < t.shape().rows(); i++) {
          out.println("  " + numbers(Arrays.copyOfRange(v, i * cols, (i + 1) * cols)));
        }
      } else {
        out.println(e.getKey() + " " + t.shape() + " = " + numbers(t.toArray()));
      }
    }
  }

  private static String numbers(double[] v) {
    return Arrays.toString(
        Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.4g", x)).toArray());
  }

  private void plot(String file) {
    FitOutcome o = lastFit();
    double[] trace = o.objectiveTrace();
    if (trace.length == 0) {
      out.println("the fit has no objective trace");
      return;
    }
    out.println(sparkline(trace, Math.max(20, Math.min(terminal.getWidth() - 10, 100))));
    if (!file.isEmpty()) {
      try {
        Path p = Path.of(file);
        String title = "objective " + o.objective() + " of fit " + o.plan().name();
        if (file.endsWith(".svg")) {
          ObjectivePlot.svg(p, trace, title);
        } else {
          ObjectivePlot.png(p, trace, title);
        }
        out.println("wrote " + p);
      } catch (IOException e) {
        throw new UserError("cannot write " + file + ": " + e.getMessage());
      }
    } else {
      out.println("(:plot FILE.png or FILE.svg writes the chart)");
    }
  }

  private void save(String dir) {
    require(dir, ":save DIR");
    List<Path> files = ResultFiles.write(Path.of(dir), lastFit());
    out.println(
        "wrote "
            + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList())
            + " to "
            + dir);
  }

  private void list() {
    if (session.segments().isEmpty()) {
      out.println("the session is empty");
    }
    for (ReplSegment s : session.segments()) {
      out.println("// " + s.origin() + ":" + s.line());
      out.println(" ".repeat(Math.max(0, s.column() - 1)) + s.text());
    }
    session.dataFile().ifPresent(d -> out.println("// data: " + d));
  }

  private FitOutcome lastFit() {
    return session.last().orElseThrow(() -> new UserError("no fit yet: run one with :fit"));
  }

  private void show(ReplSession.Change c, String what) {
    if (!c.diagnostics().isEmpty()) {
      out.print(renderAll(c.diagnostics()));
    }
    if (c.accepted()) {
      out.println(what + (c.declared().isEmpty() ? "" : " " + String.join(", ", c.declared())));
    } else {
      out.println("not accepted: the session is unchanged");
    }
  }

  private static String renderAll(List<Diagnostic> ds) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic d : ds) {
      b.append(d.render()).append(System.lineSeparator());
    }
    return b.toString();
  }

  private static void require(String arg, String usage) {
    if (arg.isEmpty()) {
      throw new UserError("usage: " + usage);
    }
  }

  static String[] words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          out.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(w.toString());
    }
    return out.toArray(String[]::new);
  }

  static String sparkline(double[] trace, int width) {
    String bars = "▁▂▃▄▅▆▇█";
    int n = trace.length;
    int w = Math.min(width, n);
    double[] m = new double[w];
    for (int i = 0; i < w; i++) {
      int from = (int) ((long) i * n / w);
      int to = (int) ((long) (i + 1) * n / w);
      double s = 0;
      int k = 0;
      for (int j = from; j < to; j++) {
        if (Double.isFinite(trace[j])) {
          s += trace[j];
          k++;
        }
      }
      m[i] = k == 0 ? Double.NaN : s / k;
    }
    double[] sorted = Arrays.stream(m).filter(Double::isFinite).sorted().toArray();
    if (sorted.length == 0) {
      return "(no finite values)";
    }
    double lo = sorted[(int) (0.05 * (sorted.length - 1))];
    double hi = sorted[sorted.length - 1];
    StringBuilder b = new StringBuilder();
    for (double v : m) {
      if (!Double.isFinite(v)) {
        b.append(' ');
        continue;
      }
      double f = hi > lo ? (Math.max(v, lo) - lo) / (hi - lo) : 1;
      b.append(bars.charAt((int) Math.min(7, Math.floor(f * 8))));
    }
    return String.format(
        Locale.ROOT, "objective over %d steps (block means, %.4g .. %.4g):%n%s", n, lo, hi, b);
  }

  private static String help() {
    return String.join(
        System.lineSeparator(),
        "Definitions: type data { }, model NAME { }, guide NAME for MODEL { }, fn, objective or fit",
        "  declarations; unfinished braces continue on the next line. A definition with a name",
        "  already in the session replaces it; one that does not compile is refused.",
        "Commands:",
        "  :load FILE.ppl     replace the session by a file's declarations (its FILE.json is bound)",
        "  :data FILE         bind a data file (JSON or CSV)",
        "  :fit [LABEL] [--guide G] [--objective O] [--steps N] [--lr X] [--seed S] ...",
        "                     run a fit (same flags as 'varia fit'); Ctrl-C stops it",
        "  :params            the last fit's parameters",
        "  :summary           the last fit's summaries and diagnostics",
        "  :plot [FILE]       the objective trace (FILE.png or FILE.svg writes the chart)",
        "  :save DIR          write summary.json, draws.csv, params.json and the plots to DIR",
        "  :list              the session's declarations",
        "  :reset             forget everything",
        "  :help, :quit",
        "");
  }

  /** The arguments of {@code :fit}. */
  @CommandLine.Command(name = ":fit")
  static final class ReplFitArgs {
    @CommandLine.Parameters(arity = "0..1", paramLabel = "LABEL")
    String fit;

    @CommandLine.Mixin FitFlags flags = new FitFlags();

    @CommandLine.Option(names = "--progress")
    ProgressReporter.Mode progress;

    @CommandLine.Option(names = {"--out", "-o"})
    Path out;
  }
}
