package dev.varia.core.gen;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.exec.CompiledFunction;
import dev.varia.core.exec.CompiledProgram;
import dev.varia.core.exec.DistributionFamilies;
import dev.varia.core.exec.Machine;
import dev.varia.core.gen.internal.GfiHandler;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.random.RandomStream;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled generative function with the Generative Function Interface: {@link #simulate}, {@link
 * #generate}, {@link #assess} and {@link #project}. Its parameters (if it declares any) are read
 * from its {@link ParamStore}.
 */
public final class GenerativeFunction {
  private final GenFn ir;
  private final CompiledFunction compiled;
  private final ParamStore params;

  private GenerativeFunction(GenFn ir, CompiledFunction compiled, ParamStore params) {
    this.ir = ir;
    this.compiled = compiled;
    this.params = params;
  }

  /**
   * Compiles function {@code name} of {@code program} with the given data and distribution
   * families; parameters are read from {@code params}.
   */
  public static GenerativeFunction compile(
      Program program,
      String name,
      Map<String, Tensor> data,
      DistributionFamilies families,
      ParamStore params) {
    GenFn fn =
        program
            .get(name)
            .orElseThrow(() -> new IllegalArgumentException("no generative function " + name));
    CompiledProgram cp = CompiledProgram.compile(program, data, families);
    return new GenerativeFunction(fn, cp.function(name), params);
  }

  /** The result of {@link #generate}: a trace and its log importance weight. */
  public record Generated(Trace trace, double weight) {}

  /** The result of {@link #assess}: the log density of the choices and the return value. */
  public record Assessed(double logDensity, Optional<Tensor> returnValue) {}

  /** The function's name. */
  public String name() {
    return ir.name();
  }

  /** The IR it was compiled from. */
  public GenFn ir() {
    return ir;
  }

  /** The compiled form, for handlers of other layers (the variational estimators). */
  public CompiledFunction compiled() {
    return compiled;
  }

  /** The parameter store its parameters are read from. */
  public ParamStore params() {
    return params;
  }

  /** Runs the function, drawing every random choice; returns the trace. */
  public Trace simulate(RandomStream rng, Tensor... args) {
    GfiHandler h = new GfiHandler(GfiHandler.Mode.SIMULATE, ChoiceMap.empty(), params);
    Node ret = run(h, rng, args);
    return h.trace(name(), args, ret);
  }

  /**
   * Runs the function with the choices in {@code constraints} fixed and the others drawn; the
   * weight is the log density of the constrained choices plus observations and factors (log p / q
   * for the prior as proposal). A constraint the program never uses is an error.
   */
  public Generated generate(RandomStream rng, ChoiceMap constraints, Tensor... args) {
    GfiHandler h = new GfiHandler(GfiHandler.Mode.GENERATE, constraints, params);
    Node ret = run(h, rng, args);
    h.checkAllConstraintsVisited(name(), ir.span());
    return new Generated(h.trace(name(), args, ret), h.weight());
  }

  /**
   * The log density of a complete set of choices (with observations and factors) and the return
   * value; a missing choice is an error naming its address.
   */
  public Assessed assess(ChoiceMap choices, Tensor... args) {
    GfiHandler h = new GfiHandler(GfiHandler.Mode.ASSESS, choices, params);
    Node ret = run(h, RandomStream.seeded(0), args);
    h.checkAllConstraintsVisited(name(), ir.span());
    return new Assessed(h.score(), Optional.ofNullable(ret == null ? null : ret.detach()));
  }

  /**
   * The log density of the selected choices of {@code trace} plus its observations and factors: the
   * weight {@link #generate} would give with those choices constrained.
   */
  public double project(Trace trace, Selection selection) {
    double all = 0;
    double selected = 0;
    for (Map.Entry<Address, Double> e : trace.logDensities().entrySet()) {
      all += e.getValue();
      if (selection.contains(e.getKey())) {
        selected += e.getValue();
      }
    }
    return trace.score() - all + selected;
  }

  private Node run(GfiHandler h, RandomStream rng, Tensor[] args) {
    Tape tape = new Tape();
    try (Tape.ValueOnly v = tape.valueOnly()) {
      Node[] a = new Node[args.length];
      for (int i = 0; i < a.length; i++) {
        a[i] = tape.constant(args[i]);
      }
      return Machine.run(compiled, a, h, Address.root(), tape, rng);
    }
  }
}
