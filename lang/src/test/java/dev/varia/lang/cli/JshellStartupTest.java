package dev.varia.lang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * The imports {@code varia jshell} starts with compile, and the fluent API is usable after them.
 */
class JshellStartupTest {
  @Test
  void startupImportsCompileAndTheApiIsUsable() {
    try (JShell js = JShell.builder().executionEngine("local").build()) {
      js.addToClasspath(System.getProperty("java.class.path"));
      for (String imp : JshellStartup.IMPORTS) {
        assertValid(js, imp);
      }
      assertValid(
          js,
          "GenFn m = Model.define(\"m\", b -> { Val mu = b.sample(\"mu\", Dist.normal(0, 1)); });");
      assertValid(
          js,
          "GenerativeFunction g = GenerativeFunction.compile(Program.of(m), \"m\", java.util.Map.of(),"
              + " Families.standard(), new ParamStore());");
      List<SnippetEvent> ev = js.eval("g.simulate(RandomStream.seeded(1)).choices().size()");
      assertEquals("1", ev.get(0).value(), ev.toString());
    }
  }

  private static void assertValid(JShell js, String code) {
    for (SnippetEvent e : js.eval(code)) {
      assertTrue(
          e.status() == Snippet.Status.VALID,
          code
              + " -> "
              + e.status()
              + " "
              + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
      assertTrue(e.exception() == null, code + " threw " + e.exception());
    }
  }
}
