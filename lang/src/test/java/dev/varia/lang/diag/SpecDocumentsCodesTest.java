package dev.varia.lang.diag;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Every diagnostic code is documented in spec/language.md. */
class SpecDocumentsCodesTest {
  @Test
  void everyCodeIsInTheReference() throws IOException {
    String spec = Files.readString(SharedFiles.root().resolve("spec").resolve("language.md"));
    for (Code c : Code.values()) {
      assertTrue(spec.contains("| " + c.id() + " |"), c.id() + " is not documented");
    }
  }

  @Test
  void renderingShowsTheLineAndACaret() {
    Diagnostics d = new Diagnostics();
    SourceFile f = new SourceFile("a.ppl", "model m {\n  y ~ normal(mu, 1)\n}\n");
    d.report(Code.E0200, f, 2, 14, 2, "unknown name 'mu'");
    String r = d.render();
    assertTrue(
        r.startsWith(
            "a.ppl:2:14: error[E0200]: unknown name 'mu'\n    y ~ normal(mu, 1)\n"
                + "               ^~"),
        r);
  }
}
