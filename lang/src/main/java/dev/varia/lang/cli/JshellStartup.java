package dev.varia.lang.cli;

import java.util.List;

/** The imports a {@code varia jshell} session starts with: Varia's fluent Java API. */
final class JshellStartup {
  private JshellStartup() {}

  /** One import statement per entry. */
  static final List<String> IMPORTS =
      List.of(
          "import dev.varia.core.ad.*;",
          "import dev.varia.core.dist.Families;",
          "import dev.varia.core.gen.*;",
          "import dev.varia.core.ir.GenFn;",
          "import dev.varia.core.ir.Program;",
          "import dev.varia.core.model.*;",
          "import dev.varia.core.random.RandomStream;",
          "import dev.varia.inference.adev.Estimator;",
          "import dev.varia.inference.objective.*;",
          "import dev.varia.inference.fit.*;",
          "import dev.varia.inference.optim.*;",
          "import dev.varia.inference.diagnostics.*;",
          "import dev.varia.inference.guide.*;",
          "import dev.varia.inference.results.*;",
          "import dev.varia.lang.Compilation;",
          "import dev.varia.lang.run.*;");

  /** The startup script: the imports and a greeting. */
  static String script() {
    return String.join("\n", IMPORTS)
        + "\nSystem.out.println(\"Varia's Java API is imported (Model, Dist, Val, GenerativeFunction,"
        + " Objectives, Estimator, Fit, Adam, AutoFit, FitReport, ...); /imports lists them.\");\n";
  }
}
