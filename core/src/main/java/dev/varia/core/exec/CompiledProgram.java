package dev.varia.core.exec;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Program} compiled once, with its data bound: the functions as instructions, the
 * constants and the data tensors. Compile errors (unknown names, unknown distributions, bad
 * argument counts) are {@link LocatedException}s with the source span.
 */
public final class CompiledProgram {
  private final Map<String, CompiledFunction> functions = new LinkedHashMap<>();
  private final List<Tensor> consts = new ArrayList<>();
  private final Map<String, Integer> dataIndex = new HashMap<>();
  private final List<Tensor> dataValues = new ArrayList<>();
  private final Map<String, Tensor> data;
  private final DistributionFamilies families;

  private CompiledProgram(Map<String, Tensor> data, DistributionFamilies families) {
    this.data = Collections.unmodifiableMap(new HashMap<>(data));
    this.families = families;
  }

  /** Compiles every function of {@code program} with the given data and distribution names. */
  public static CompiledProgram compile(
      Program program, Map<String, Tensor> data, DistributionFamilies families) {
    CompiledProgram cp = new CompiledProgram(data, families);
    for (GenFn fn : program.functions().values()) {
      cp.functions.put(fn.name(), new CompiledFunction(fn.name(), cp, fn.args().size()));
    }
    for (GenFn fn : program.functions().values()) {
      new StmtCompiler(cp, fn).compile();
    }
    return cp;
  }

  /**
   * A program without functions, holding the constants and data of expressions compiled by another
   * layer (the objective language).
   */
  public static CompiledProgram standalone(
      Map<String, Tensor> data, DistributionFamilies families) {
    return new CompiledProgram(data, families);
  }

  /** The compiled function named {@code name}. */
  public CompiledFunction function(String name) {
    CompiledFunction f = functions.get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "no generative function named " + name + " (known: " + functions.keySet() + ")");
    }
    return f;
  }

  CompiledFunction function(String name, Span span) {
    CompiledFunction f = functions.get(name);
    if (f == null) {
      throw new LocatedException(span, "unknown generative function " + name);
    }
    return f;
  }

  boolean hasFunction(String name) {
    return functions.containsKey(name);
  }

  /** The distribution registry. */
  public DistributionFamilies families() {
    return families;
  }

  int addConst(Tensor t) {
    consts.add(t);
    return consts.size() - 1;
  }

  int constCount() {
    return consts.size();
  }

  Tensor constValue(int i) {
    return consts.get(i);
  }

  int dataIndex(String name, Span span) {
    Integer i = dataIndex.get(name);
    if (i != null) {
      return i;
    }
    Tensor t = data.get(name);
    if (t == null) {
      throw new LocatedException(span, "no data named " + name + " was given");
    }
    dataValues.add(t);
    dataIndex.put(name, dataValues.size() - 1);
    return dataValues.size() - 1;
  }

  int dataCount() {
    return dataValues.size();
  }

  Tensor dataValue(int i) {
    return dataValues.get(i);
  }
}
