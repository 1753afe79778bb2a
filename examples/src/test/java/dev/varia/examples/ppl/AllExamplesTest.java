package dev.varia.examples.ppl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.testing.SharedFiles;
import dev.varia.examples.testing.Examples;
import dev.varia.examples.vae.Digits;
import dev.varia.examples.vae.DigitsVae;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code examples/*.ppl} compiles with its data and declares a fit (the VAE's data come from
 * its driver); every name in the {@code examples/run} launcher's table names a class with a main
 * method.
 */
class AllExamplesTest {
  @Test
  void everyPplExampleCompilesAndDeclaresAFit() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Examples.file("."))) {
      files = s.filter(p -> p.toString().endsWith(".ppl")).sorted().toList();
    }
    assertTrue(files.size() >= 8, "examples found: " + files);
    for (Path f : files) {
      String name = f.getFileName().toString().replace(".ppl", "");
      if (name.equals("vae")) {
        // its data (the digits and the initial weights) come from its driver
        Digits digits = Digits.read(SharedFiles.shared("data/digits.csv"));
        assertDoesNotThrow(() -> DigitsVae.declaredFit(f, digits, DigitsVae.Settings.small()));
        continue;
      }
      PplProgram p = Examples.program(name);
      assertFalse(p.fits().isEmpty(), name + " declares no fit");
    }
  }

  @Test
  void everyLauncherNameHasAMainClass() throws IOException {
    String script = Files.readString(Examples.file("run"));
    Matcher m = Pattern.compile("\\[([a-z-]+)]=([\\w.]+)").matcher(script);
    int n = 0;
    while (m.find()) {
      String cls = m.group(2);
      assertDoesNotThrow(
          () -> Class.forName(cls).getMethod("main", String[].class), m.group(1) + " -> " + cls);
      n++;
    }
    assertTrue(n >= 7, "launcher entries: " + n);
  }
}
