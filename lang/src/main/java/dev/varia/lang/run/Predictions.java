package dev.varia.lang.run;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
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
import dev.varia.inference.results.GuideApproximation;
import dev.varia.inference.results.PosteriorApproximation;
import dev.varia.inference.results.Predictive;
import dev.varia.lang.Compilation;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.run.internal.AutoGuideFit;
import java.util.Map;

/**
 * Prior and posterior predictive draws of a model's data ({@link Predictive}): replicates of every
 * observation, named after the observed data ({@code y[1]}, {@code y[2]}, ...). With fitted
 * parameters ({@code params.json}) the latents come from the fitted guide, rebuilt from the file
 * (posterior predictive); without, from the priors (prior predictive, whose rows also hold the
 * latents drawn).
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
   * @throws UserError for parameters that do not belong to the file, or a model that cannot be
   *     simulated (e.g. flat priors have no prior draws)
   */
  public static Draws draw(
      Compilation compilation, String model, ParamsFile params, int n, long seed) {
    Program program =
        compilation.program().orElseThrow(() -> new UserError("the file has not been compiled"));
    Map<String, Tensor> data = compilation.data().orElseThrow();
    if (program.get(model).isEmpty()) {
      throw new UserError("there is no model named " + model);
    }
    RandomStream rng = RandomStream.seeded(seed).fork(7L << 40);
    ParamStore store = new ParamStore();
    try {
      if (params == null) {
        return Predictive.prior(compile(program, model, data, store), n, rng);
      }
      if (!params.model().equals(model)) {
        throw new UserError(
            "the parameters were fitted for model " + params.model() + ", not for " + model);
      }
      int used = restore(program, params, store);
      GenerativeFunction m = compile(program, model, data, store);
      PosteriorApproximation approx;
      if (params.reference() != null) {
        AutoGuide guide = autoGuide(m, params);
        used += restore(Program.of(guide.function().ir()), params, guide.params());
        approx = guide;
      } else {
        if (program.get(params.guide()).isEmpty()) {
          throw new UserError("the parameters' guide " + params.guide() + " is not in the file");
        }
        approx = GuideApproximation.of(m, compile(program, params.guide(), data, store));
      }
      if (used < params.parameters().size()) {
        throw new UserError(
            "the parameters file has parameters this file does not declare (fitted with another"
                + " version of the file?)");
      }
      return Predictive.posterior(approx, n, rng);
    } catch (VariaException | IllegalArgumentException e) {
      throw new UserError("predictive draws failed: " + e.getMessage());
    }
  }

  /** An automatic guide rebuilt from its reference Gaussian and sizes (parameters not yet set). */
  private static AutoGuide autoGuide(GenerativeFunction model, ParamsFile params) {
    ParamsFile.Reference ref = params.reference();
    if (ref.cholesky() == null) {
      throw new UserError(
          "the parameters file does not hold its guide's full reference Gaussian (a low-rank"
              + " reference): posterior predictive draws from it are not available");
    }
    LatentLayout layout = LatentLayout.of(model);
    if (layout.dimension() != ref.mean().length) {
      throw new UserError(
          "the guide's reference has "
              + ref.mean().length
              + " coordinates; model "
              + model.name()
              + " has "
              + layout.dimension()
              + " unconstrained latents");
    }
    return AutoGuides.create(
        GuideKind.parse(ref.kind()),
        layout,
        GaussianApproximation.fromCholesky(ref.mean(), ref.cholesky()),
        AutoGuideFit.options(new FitSpec.GuideChoice.Auto(ref.kind(), ref.options())));
  }

  private static GenerativeFunction compile(
      Program p, String name, Map<String, Tensor> data, ParamStore store) {
    try {
      return GenerativeFunction.compile(p, name, data, Families.standard(), store);
    } catch (VariaException | IllegalArgumentException e) {
      throw new UserError(name + ": " + e.getMessage());
    }
  }

  /** Sets the parameters {@code program} declares from the file; returns how many were set. */
  private static int restore(Program program, ParamsFile params, ParamStore store) {
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
