package dev.varia.lang.lower;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Distribution;
import dev.varia.core.exec.DistributionFamilies;
import dev.varia.core.exec.LocatedException;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Trace;
import dev.varia.core.ir.Block;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Span;
import dev.varia.core.ir.Stmt;
import dev.varia.core.random.RandomStream;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.check.CheckedProgram;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.lower.internal.BodyLowerer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the data definitions of a program's data blocks once, in order (each block sees the
 * fields and the definitions before it), by running them as a small generative function without
 * random choices. The result is the complete data map the models are compiled with.
 */
public final class DataEvaluator {
  private DataEvaluator() {}

  private static final DistributionFamilies NONE =
      new DistributionFamilies() {
        @Override
        public Distribution create(String family, Node[] args) {
          throw new VariaException("no distributions in data definitions");
        }

        @Override
        public Optional<String> check(String family, int argCount) {
          return Optional.of("distributions cannot be used in data definitions");
        }
      };

  /** All data: the bound fields plus every definition; empty after a diagnostic. */
  public static Optional<Map<String, Tensor>> evaluate(
      CheckedProgram prog, List<List<String>> exportsPerBlock, Diagnostics diags) {
    Map<String, Tensor> data = new LinkedHashMap<>(prog.boundData());
    List<Decl.Data> blocks = prog.dataBlocks();
    Map<String, Integer> counters = new HashMap<>();
    for (int b = 0; b < blocks.size(); b++) {
      Decl.Data d = blocks.get(b);
      List<String> exports = exportsPerBlock.get(b);
      if (exports.isEmpty()) {
        continue;
      }
      Span sp = new Span(prog.file().name(), d.loc().line(), d.loc().column());
      List<Stmt> reports = new ArrayList<>();
      for (String n : exports) {
        reports.add(new Stmt.Report(n, List.of(), new Expr.Var(n, sp), sp));
      }
      Block body;
      try {
        body = new BodyLowerer(prog, data, counters).block(d.body(), reports);
      } catch (BodyLowerer.LoweringError e) {
        Lowering.report(prog, diags, e);
        return Optional.empty();
      }
      GenFn fn = new GenFn("__data", List.of(), body, sp);
      try {
        GenerativeFunction gf =
            GenerativeFunction.compile(Program.of(fn), "__data", data, NONE, new ParamStore());
        Trace t = gf.simulate(RandomStream.seeded(0));
        for (String n : exports) {
          data.put(n, t.reported(n).orElseThrow());
        }
      } catch (LocatedException e) {
        Span s = e.span();
        if (s != null && !s.isSynthetic()) {
          diags.report(
              Code.E0508, prog.file(), s.line(), s.column(), 1, "computing data: " + e.detail());
        } else {
          diags.report(
              Code.E0508,
              prog.file(),
              d.loc().line(),
              d.loc().column(),
              4,
              "computing data: " + e.detail());
        }
        return Optional.empty();
      } catch (VariaException | ArithmeticException | IndexOutOfBoundsException e) {
        diags.report(
            Code.E0508,
            prog.file(),
            d.loc().line(),
            d.loc().column(),
            4,
            "computing data: " + e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.of(data);
  }
}
