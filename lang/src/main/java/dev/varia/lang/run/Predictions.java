package dev.varia.lang.run;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Selection;
import dev.varia.core.gen.Trace;
import dev.varia.core.ir.Block;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Stmt;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.guide.AutoGuide;
import dev.varia.inference.guide.AutoGuides;
import dev.varia.inference.guide.GuideKind;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;
import dev.varia.inference.results.Draws;
import dev.varia.inference.results.WeightedDraw;
import dev.varia.lang.Compilation;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.run.internal.AutoGuideFit;
import dev.varia.lang.run.internal.PredictiveProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prior and posterior predictive draws of a model's data. Every observation of a data field becomes
 * a draw at the field's name ({@code y[1]}, {@code y[2]}, ...); with fitted parameters ({@code
 * params.json}) the latents come from the fitted guide (posterior predictive), without them from
 * the prior (prior predictive). Each row also holds the latents and reported quantities it was
 * drawn with.
 */
public final class Predictions {
  private Predictions() {}

  /**
   * {@code n} predictive draws of {@code model} (draw i from a stream derived from {@code seed} and
   * i).
   *
   * @param compilation the compiled file with its data
   * @param model the model
   * @param params fitted parameters, or null for prior predictive draws
   * @param notes receives what was decided
   * @throws UserError for parameters that do not belong to the file, or a model that cannot be
   *     simulated
   */
  public static Draws draw(
      Compilation compilation,
      String model,
      ParamsFile params,
      int n,
      long seed,
      List<String> notes) {
    Program program =
        compilation.program().orElseThrow(() -> new UserError("the file has not been compiled"));
    Map<String, Tensor> data = compilation.data().orElseThrow();
    if (program.get(model).isEmpty()) {
      throw new UserError("there is no model named " + model);
    }
    PredictiveProgram.Result pp = PredictiveProgram.of(program, data);
    notes.addAll(pp.notes());
    if (pp.predicted().isEmpty()) {
      notes.add("the model observes no data field, so there is nothing to predict");
    }
    ParamStore store = new ParamStore();
    GenerativeFunction guide = null;
    if (params != null) {
      if (!params.model().equals(model)) {
        throw new UserError(
            "the parameters were fitted for model " + params.model() + ", not for " + model);
      }
      if (params.reference() != null) {
        return fromAutoGuide(program, pp, model, data, params, n, seed);
      }
      if (program.get(params.guide()).isEmpty()) {
        throw new UserError("the parameters' guide " + params.guide() + " is not in the file");
      }
      restore(program, params, store);
      guide = compile(program, params.guide(), data, store);
    }
    GenerativeFunction predictive = compile(pp.program(), model, data, store);
    Selection keep = latents(compilation, model);
    RandomStream root = RandomStream.seeded(seed).fork(7L << 40);
    List<WeightedDraw> out = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        RandomStream r = root.fork(i);
        if (guide != null) {
          Trace q = guide.simulate(r);
          GenerativeFunction.Generated g = predictive.generate(r, q.choices().filter(keep));
          out.add(new WeightedDraw(g.trace(), g.weight() - q.score()));
        } else {
          out.add(new WeightedDraw(predictive.simulate(r), 0));
        }
      }
      return Draws.of(out);
    } catch (VariaException e) {
      throw new UserError("predictive draws failed: " + e.getMessage());
    }
  }

  /** Posterior predictive draws from an automatic guide rebuilt from its reference Gaussian. */
  private static Draws fromAutoGuide(
      Program program,
      PredictiveProgram.Result pp,
      String model,
      Map<String, Tensor> data,
      ParamsFile params,
      int n,
      long seed) {
    ParamsFile.Reference ref = params.reference();
    if (ref.cholesky() == null) {
      throw new UserError(
          "the parameters file does not hold its guide's full reference Gaussian (a low-rank"
              + " reference): posterior predictive draws from it are not available");
    }
    ParamStore store = new ParamStore();
    int used = restoreAll(program, params, store);
    GenerativeFunction m = compile(program, model, data, store);
    GenerativeFunction predictive = compile(pp.program(), model, data, store);
    AutoGuide guide;
    try {
      LatentLayout layout = LatentLayout.of(m);
      if (layout.dimension() != ref.mean().length) {
        throw new UserError(
            "the guide's reference has "
                + ref.mean().length
                + " coordinates; model "
                + model
                + " has "
                + layout.dimension()
                + " unconstrained latents");
      }
      guide =
          AutoGuides.create(
              GuideKind.parse(ref.kind()),
              layout,
              GaussianApproximation.fromCholesky(ref.mean(), ref.cholesky()),
              AutoGuideFit.options(new FitSpec.GuideChoice.Auto(ref.kind(), ref.options())));
    } catch (VariaException | IllegalArgumentException e) {
      throw new UserError("cannot rebuild the guide " + params.guide() + ": " + e.getMessage());
    }
    used += restoreAll(Program.of(guide.function().ir()), params, guide.params());
    if (used < params.parameters().size()) {
      throw new UserError(
          "the parameters file has parameters this file does not declare (fitted with another"
              + " version of the file?)");
    }
    RandomStream root = RandomStream.seeded(seed).fork(7L << 40);
    List<WeightedDraw> out = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        RandomStream r = root.fork(i);
        WeightedDraw w = guide.draw(r);
        GenerativeFunction.Generated g = predictive.generate(r, w.trace().choices());
        out.add(new WeightedDraw(g.trace(), w.logWeight()));
      }
      return Draws.of(out);
    } catch (VariaException e) {
      throw new UserError("predictive draws failed: " + e.getMessage());
    }
  }

  private static GenerativeFunction compile(
      Program p, String name, Map<String, Tensor> data, ParamStore store) {
    try {
      return GenerativeFunction.compile(p, name, data, Families.standard(), store);
    } catch (VariaException | IllegalArgumentException e) {
      throw new UserError(name + ": " + e.getMessage());
    }
  }

  private static Selection latents(Compilation c, String model) {
    var sites = c.checked().orElseThrow().sites().get(model);
    if (sites == null || sites.isEmpty()) {
      return Selection.none();
    }
    return Selection.of(sites.keySet().stream().map(Address::of).toArray(Address[]::new));
  }

  /** Sets every parameter the file declares from the params file (checking shapes). */
  static void restore(Program program, ParamsFile params, ParamStore store) {
    if (restoreAll(program, params, store) < params.parameters().size()) {
      throw new UserError(
          "the parameters file has parameters this file does not declare (fitted with another"
              + " version of the file?)");
    }
  }

  /** Sets the parameters {@code program} declares; returns how many were set. */
  private static int restoreAll(Program program, ParamsFile params, ParamStore store) {
    int used = 0;
    for (GenFn f : program.functions().values()) {
      used += restore(f.name(), f.body(), params, store);
    }
    return used;
  }

  private static int restore(String owner, Block b, ParamsFile params, ParamStore store) {
    int used = 0;
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Param p) {
        String key = owner + "." + p.name();
        Tensor v = params.parameters().get(key);
        if (v != null) {
          if (v.size() != p.shape().size()) {
            throw new UserError(
                "parameter "
                    + key
                    + " has "
                    + v.size()
                    + " values; the file declares "
                    + p.shape());
          }
          store.set(
              new ParamSite(owner, p.name(), p.shape(), p.domain(), p.init(), p.span()),
              Tensor.wrap(v.toArray(), p.shape()));
          used++;
        }
      } else if (s instanceof Stmt.If i) {
        used +=
            restore(owner, i.then(), params, store) + restore(owner, i.otherwise(), params, store);
      } else if (s instanceof Stmt.For f) {
        used += restore(owner, f.body(), params, store);
      } else if (s instanceof Stmt.Plate p) {
        used += restore(owner, p.body(), params, store);
      }
    }
    return used;
  }
}
