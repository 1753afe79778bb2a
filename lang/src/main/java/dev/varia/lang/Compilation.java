package dev.varia.lang;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Program;
import dev.varia.lang.ast.Unit;
import dev.varia.lang.check.CheckedProgram;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.objective.FitSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of compiling a .ppl file: the diagnostics, and as far as compilation got, the syntax,
 * the checked program, the complete data (fields and definitions) and the IR program.
 */
public final class Compilation {
  private final SourceFile source;
  private final Diagnostics diagnostics;
  Unit unit;
  CheckedProgram checked;
  Map<String, Tensor> data;
  Program program;

  Compilation(SourceFile source, Diagnostics diagnostics) {
    this.source = source;
    this.diagnostics = diagnostics;
  }

  /** The source file. */
  public SourceFile source() {
    return source;
  }

  /** Every diagnostic (errors, warnings, notes). */
  public Diagnostics diagnostics() {
    return diagnostics;
  }

  /** True if there is no error. */
  public boolean ok() {
    return !diagnostics.hasErrors();
  }

  /** The syntax, if the file parsed. */
  public Optional<Unit> unit() {
    return Optional.ofNullable(unit);
  }

  /** The checked program, if the file parsed. */
  public Optional<CheckedProgram> checked() {
    return Optional.ofNullable(checked);
  }

  /** The complete data map (bound fields and computed definitions), once computed. */
  public Optional<Map<String, Tensor>> data() {
    return Optional.ofNullable(data);
  }

  /** The IR program of the models and guides, once lowered. */
  public Optional<Program> program() {
    return Optional.ofNullable(program);
  }

  /** The checked fit declarations. */
  public List<FitSpec> fits() {
    return checked == null ? List.of() : checked.fits();
  }
}
