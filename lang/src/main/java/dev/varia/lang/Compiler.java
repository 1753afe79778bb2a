package dev.varia.lang;

import dev.varia.lang.ast.Unit;
import dev.varia.lang.check.CheckedProgram;
import dev.varia.lang.check.Checker;
import dev.varia.lang.data.DataFile;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.lower.DataEvaluator;
import dev.varia.lang.lower.Lowering;
import dev.varia.lang.syntax.Parsing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compiles .ppl programs: parse, check (with the data file when given), compute the data
 * definitions, lower to the IR. Runs on a thread with a large stack, and turns anything unexpected
 * into a diagnostic: a mistake in a .ppl or data file never surfaces as a Java stack trace.
 */
public final class Compiler {
  private static final long STACK_BYTES = 256L << 20;
  private static final long TIME_LIMIT_MS = 120_000;

  private Compiler() {}

  /** Compiles the file at {@code ppl} with an optional data file. */
  public static Compilation compileFile(Path ppl, Optional<Path> data) {
    Diagnostics diags = new Diagnostics();
    String name = ppl.toString();
    String text;
    try {
      if (Files.size(ppl) > 4L * dev.varia.lang.syntax.Limits.MAX_SOURCE_CHARS) {
        diags.reportFile(Code.E0004, name, "the file is too large to be a program");
        return new Compilation(new SourceFile(name, ""), diags);
      }
      byte[] bytes = Files.readAllBytes(ppl);
      text = decode(bytes);
      if (text == null) {
        diags.reportFile(Code.E0001, name, "the file is not valid UTF-8 text");
        return new Compilation(new SourceFile(name, ""), diags);
      }
    } catch (IOException | RuntimeException e) {
      diags.reportFile(Code.E0006, name, "cannot read the file: " + e.getMessage());
      return new Compilation(new SourceFile(name, ""), diags);
    }
    Optional<DataFile> df = Optional.empty();
    if (data.isPresent()) {
      df = DataFile.read(data.get(), diags);
      if (df.isEmpty()) {
        Compilation c = new Compilation(new SourceFile(name, text), diags);
        return c;
      }
    }
    return compile(new SourceFile(name, text), df, diags);
  }

  /** Compiles source text with optional data. */
  public static Compilation compile(SourceFile src, Optional<DataFile> data) {
    return compile(src, data, new Diagnostics());
  }

  private static Compilation compile(SourceFile src, Optional<DataFile> data, Diagnostics diags) {
    Compilation c = new Compilation(src, diags);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                run(c, data);
              } catch (StackOverflowError e) {
                diags.reportFile(
                    Code.E0005,
                    src.name(),
                    "the program is nested too deeply to compile (see the limits in the reference)");
              } catch (RuntimeException | Error e) {
                failure.set(e);
              }
            },
            "varia-compile",
            STACK_BYTES);
    t.setDaemon(true);
    t.start();
    try {
      t.join(TIME_LIMIT_MS);
      if (t.isAlive()) {
        t.interrupt();
        diags.reportFile(
            Code.E0801,
            src.name(),
            "compilation took longer than " + TIME_LIMIT_MS / 1000 + " s and was abandoned");
        return c;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      diags.reportFile(Code.E0801, src.name(), "compilation was interrupted");
    }
    Throwable f = failure.get();
    if (f != null) {
      if (f instanceof OutOfMemoryError) {
        diags.reportFile(Code.E0004, src.name(), "the program is too large to compile");
      } else {
        diags.reportFile(
            Code.E0801,
            src.name(),
            "internal compiler error ("
                + f.getClass().getSimpleName()
                + (f.getMessage() == null ? "" : ": " + f.getMessage())
                + "); please report it with the file");
      }
    }
    return c;
  }

  private static void run(Compilation c, Optional<DataFile> data) {
    Diagnostics diags = c.diagnostics();
    Optional<Unit> unit = Parsing.parse(c.source(), diags);
    if (unit.isEmpty()) {
      return;
    }
    c.unit = unit.get();
    CheckedProgram checked = Checker.check(unit.get(), c.source(), data, diags);
    c.checked = checked;
    if (diags.hasErrors() || (checked.declaresData() && !checked.dataBound())) {
      return;
    }
    Optional<java.util.Map<String, dev.varia.core.ad.Tensor>> all =
        DataEvaluator.evaluate(checked, checked.dataExports(), diags);
    if (all.isEmpty()) {
      return;
    }
    c.data = all.get();
    Lowering.lower(checked, all.get(), diags).ifPresent(p -> c.program = p);
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
