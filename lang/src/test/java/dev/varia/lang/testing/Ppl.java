package dev.varia.lang.testing;

import dev.varia.core.testing.SharedFiles;
import dev.varia.lang.Compilation;
import dev.varia.lang.Compiler;
import dev.varia.lang.data.DataFile;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** Helpers for tests: compile source text, with data as JSON text, or test resources. */
public final class Ppl {
  private Ppl() {}

  /** Compiles {@code text} without data. */
  public static Compilation compile(String text) {
    return Compiler.compile(new SourceFile("test.ppl", text), Optional.empty());
  }

  /** Compiles {@code text} with JSON data given as text. */
  public static Compilation compile(String text, String json) {
    Diagnostics d = new Diagnostics();
    Optional<DataFile> df = DataFile.parse("data.json", json, d);
    if (df.isEmpty()) {
      throw new AssertionError("bad test data: " + d.render());
    }
    return Compiler.compile(new SourceFile("test.ppl", text), df);
  }

  /** The text of a test resource. */
  public static String resource(String path) {
    try (InputStream in = Ppl.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A posteriordb case folder under ../shared (fails if missing). */
  public static Path posteriordb(String name) {
    return SharedFiles.shared("posteriordb/" + name);
  }

  /** Fails with the rendered diagnostics unless the compilation has no error. */
  public static Compilation ok(Compilation c) {
    if (!c.ok()) {
      throw new AssertionError("expected no errors, got:\n" + c.diagnostics().render());
    }
    return c;
  }
}
