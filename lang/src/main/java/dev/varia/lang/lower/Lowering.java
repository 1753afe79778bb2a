package dev.varia.lang.lower;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Block;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Span;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.check.CheckedProgram;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.lower.internal.BodyLowerer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a checked program's models and guides to one core IR {@link Program} (one {@link GenFn}
 * per model or guide, with the same names). Needs the data values for the sizes of params.
 */
public final class Lowering {
  private Lowering() {}

  /** The IR program, or empty (with a diagnostic) if something cannot be lowered. */
  public static Optional<Program> lower(
      CheckedProgram prog, Map<String, Tensor> data, Diagnostics diags) {
    List<GenFn> fns = new ArrayList<>();
    Map<String, Integer> counters = new HashMap<>();
    try {
      for (Decl.Gen g : prog.generativeFunctions().values()) {
        BodyLowerer bl = new BodyLowerer(prog, data, counters);
        Block body = bl.block(g.body());
        List<String> args = g.params().stream().map(p -> p.name().text()).toList();
        Span sp = new Span(prog.file().name(), g.loc().line(), g.loc().column());
        fns.add(new GenFn(g.name().text(), args, body, sp));
      }
    } catch (BodyLowerer.LoweringError e) {
      report(prog, diags, e);
      return Optional.empty();
    }
    return Optional.of(Program.of(fns));
  }

  static void report(CheckedProgram prog, Diagnostics diags, BodyLowerer.LoweringError e) {
    Code code = e.tooLarge() ? Code.E0711 : Code.E0800;
    if (e.loc().line() > 0) {
      diags.report(
          code, prog.file(), e.loc().line(), e.loc().column(), e.loc().length(), e.getMessage());
    } else {
      diags.reportFile(code, prog.file().name(), e.getMessage());
    }
  }
}
