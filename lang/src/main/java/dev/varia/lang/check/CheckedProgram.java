package dev.varia.lang.check;

import dev.varia.core.ad.Tensor;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.Unit;
import dev.varia.lang.diag.SourceFile;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.objective.ObjectiveDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked program: its syntax, what the checker resolved, the data fields bound from the data
 * file (before data definitions are computed), and the checked fits and objectives.
 */
public final class CheckedProgram {
  final Unit unit;
  final SourceFile file;
  final Resolution res;
  final Map<String, Tensor> boundData = new LinkedHashMap<>();
  final Map<String, Decl.Gen> gens = new LinkedHashMap<>();
  final Map<String, Decl.Fn> fns = new LinkedHashMap<>();
  final Map<String, Decl.Objective> objectives = new LinkedHashMap<>();
  final Map<String, Map<String, SiteInfo>> sites = new LinkedHashMap<>();
  final Map<String, ObjectiveDef> objectiveDefs = new LinkedHashMap<>();
  final List<FitSpec> fits = new java.util.ArrayList<>();
  final Map<Decl.Data, List<String>> dataExports = new LinkedHashMap<>();
  boolean dataDeclared;
  boolean dataBound;

  CheckedProgram(Unit unit, SourceFile file, Resolution res) {
    this.unit = unit;
    this.file = file;
    this.res = res;
  }

  /** The syntax. */
  public Unit unit() {
    return unit;
  }

  /** The source file. */
  public SourceFile file() {
    return file;
  }

  /** What the checker resolved. */
  public Resolution resolution() {
    return res;
  }

  /** Data fields bound from the data file (no data definitions yet). */
  public Map<String, Tensor> boundData() {
    return Collections.unmodifiableMap(boundData);
  }

  /** True if the program declares data fields to be read from a file. */
  public boolean declaresData() {
    return dataDeclared;
  }

  /** True if every declared field was bound from a data file. */
  public boolean dataBound() {
    return dataBound;
  }

  /** The models and guides by name, in file order. */
  public Map<String, Decl.Gen> generativeFunctions() {
    return Collections.unmodifiableMap(gens);
  }

  /** The pure functions by name. */
  public Map<String, Decl.Fn> functions() {
    return Collections.unmodifiableMap(fns);
  }

  /** The latent sites of each model and guide. */
  public Map<String, Map<String, SiteInfo>> sites() {
    return Collections.unmodifiableMap(sites);
  }

  /** The user-written objectives in intermediate form. */
  public Map<String, ObjectiveDef> objectives() {
    return Collections.unmodifiableMap(objectiveDefs);
  }

  /** The checked fit declarations, in file order. */
  public List<FitSpec> fits() {
    return Collections.unmodifiableList(fits);
  }

  /** For each data block in order, the names of the data it defines (computed, not read). */
  public List<List<String>> dataExports() {
    return dataBlocks().stream().map(d -> dataExports.getOrDefault(d, List.of())).toList();
  }

  /** The data blocks, in file order. */
  public List<Decl.Data> dataBlocks() {
    return unit.decls().stream()
        .filter(d -> d instanceof Decl.Data)
        .map(d -> (Decl.Data) d)
        .toList();
  }
}
