package dev.varia.examples.cone;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Selection;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.fit.Fit;
import dev.varia.inference.fit.FitResult;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The noisy cone, the PLDI 2024 paper's own case: x, y ~ N(0, 10); z ~ N(x^2 + y^2, 0.1 + (x^2 +
 * y^2)/100); z = 5 observed, so the posterior is a ring of radius sqrt 5. Fits (a) a mean-field
 * Normal guide with ELBO and IWELBO(5), and (b) an expressive family with an auxiliary angle,
 * marginalised over it, with HVI, IWHVI(5) and DIWHVI(5, 5); prints each final objective (the mean
 * of 5,000 fresh estimates at the trained parameters) with its standard error.
 */
public final class NoisyCone {
  /** One row of the table. */
  public record Row(String family, String objective, double value, double se, int steps) {}

  private NoisyCone() {}

  /** The model. */
  public static GenFn model() {
    return Model.define(
        "cone",
        m -> {
          Val x = m.sample("x", Dist.normal(0, 10));
          Val y = m.sample("y", Dist.normal(0, 10));
          Val r2 = m.let(x.square().add(y.square()));
          m.observe(5.0, Dist.normal(r2, r2.div(100.0).add(0.1)));
        });
  }

  /** The mean-field Normal guide. */
  public static GenFn meanField() {
    return Model.define(
        "mean_field",
        m -> {
          Val mx = m.param("mx", Shape.SCALAR, Domain.real(), Tensor.scalar(1.0));
          Val my = m.param("my", Shape.SCALAR, Domain.real(), Tensor.scalar(1.0));
          Val sx = m.param("sx", Shape.SCALAR, Domain.positive(), Tensor.scalar(1.0));
          Val sy = m.param("sy", Shape.SCALAR, Domain.positive(), Tensor.scalar(1.0));
          m.sample("x", Dist.normal(mx, sx), Strategy.REPARAM);
          m.sample("y", Dist.normal(my, sy), Strategy.REPARAM);
        });
  }

  /**
   * The expressive family: u ~ U(0, 1), angle = 2 pi u, x ~ N(sqrt5 cos(angle), s1), y ~ N(sqrt5
   * sin(angle), s2); u is auxiliary.
   */
  public static GenFn ring() {
    return Model.define(
        "ring",
        m -> {
          Val s1 = m.param("s1", Shape.SCALAR, Domain.positive(), Tensor.scalar(1.0));
          Val s2 = m.param("s2", Shape.SCALAR, Domain.positive(), Tensor.scalar(1.0));
          Val u = m.sample("u", Dist.uniform(0, 1), Strategy.REPARAM);
          Val angle = m.let(u.mul(2 * Math.PI));
          double r = Math.sqrt(5);
          m.sample("x", Dist.normal(angle.cos().mul(r), s1), Strategy.REPARAM);
          m.sample("y", Dist.normal(angle.sin().mul(r), s2), Strategy.REPARAM);
        });
  }

  private static Map<String, GenerativeFunction> bind(GenFn guide, ParamStore store) {
    GenFn p = model();
    return Map.of(
        "p",
        GenerativeFunction.compile(Program.of(p), "cone", Map.of(), Families.standard(), store),
        "q",
        GenerativeFunction.compile(
            Program.of(guide), guide.name(), Map.of(), Families.standard(), store));
  }

  private static Row fitAndEvaluate(
      String family, GenFn guide, Objective objective, int steps, long seed, int evaluations) {
    ParamStore store = new ParamStore();
    Estimator est = Estimator.of(objective, bind(guide, store));
    FitResult r = Fit.of(est).optimizer(Adam.of(0.01)).steps(steps).seed(seed).run();
    if (!r.ok()) {
      throw new IllegalStateException(family + " / " + objective.name() + ": " + r.message());
    }
    RandomStream rng = RandomStream.seeded(seed + 1000);
    double s = 0;
    double ss = 0;
    for (int i = 0; i < evaluations; i++) {
      double v = est.value(rng.split());
      s += v;
      ss += v * v;
    }
    double mean = s / evaluations;
    double se = Math.sqrt((ss / evaluations - mean * mean) / (evaluations - 1));
    return new Row(family, objective.name(), mean, se, steps);
  }

  /** Fits every (family, objective) pair and returns the table. */
  public static List<Row> run(int steps, int evaluations, long seed) {
    Selection keep = Selection.of("x", "y");
    List<Row> rows = new ArrayList<>();
    Function<Objective, Row> mf =
        o -> fitAndEvaluate("mean-field normal", meanField(), o, steps, seed, evaluations);
    Function<Objective, Row> ring =
        o -> fitAndEvaluate("ring (u marginalised)", ring(), o, steps, seed, evaluations);
    rows.add(mf.apply(Objectives.elbo()));
    rows.add(mf.apply(Objectives.iwelbo(5)));
    rows.add(ring.apply(Objectives.hvi(keep)));
    rows.add(ring.apply(Objectives.iwhvi(keep, 5)));
    rows.add(ring.apply(Objectives.diwhvi(keep, 5, 5)));
    return rows;
  }

  /** Prints the table: {@code NoisyCone [steps] [evaluations] [seed]}. */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int evals = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    System.out.printf(
        Locale.ROOT,
        "noisy cone: Adam(lr 0.01), %d steps per fit, objective = mean of %d fresh estimates%n",
        steps,
        evals);
    System.out.printf(Locale.ROOT, "%-24s %-8s %12s %10s%n", "family", "objective", "final", "se");
    for (Row r : run(steps, evals, seed)) {
      System.out.printf(
          Locale.ROOT, "%-24s %-8s %12.4f %10.4f%n", r.family(), r.objective(), r.value(), r.se());
    }
  }
}
