package dev.varia.core.gen;

import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Builder;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded random generative programs for property tests: latent draws from several families (scalar,
 * vector and element by element in loops), deterministic lets, branches, observations, factors,
 * reported values and calls of a sub-function under a namespace.
 */
final class RandomPrograms {
  /** A program with its main function's name and whether it observes or factors anything. */
  record Case(Program program, String main, boolean scored, String description) {
    @Override
    public String toString() {
      return description;
    }
  }

  private RandomPrograms() {}

  static Case generate(RandomStream rng) {
    StringBuilder desc = new StringBuilder();
    boolean[] scored = {false};
    int statements = 2 + rng.nextInt(6);
    GenFn sub =
        Model.define(
            "sub",
            (b, args) -> {
              Val z = b.sample("z", Dist.normal(args[0].tanh(), 1.5));
              b.ret(z.mul(0.5));
            },
            "m");
    GenFn main =
        Model.define(
            "main",
            b -> {
              List<Val> reals = new ArrayList<>();
              reals.add(Val.of(0.3));
              for (int s = 0; s < statements; s++) {
                statement(b, rng, s, reals, scored, desc);
              }
              b.ret(reals.get(reals.size() - 1));
            });
    return new Case(Program.of(List.of(main, sub)), "main", scored[0], desc.toString());
  }

  private static Val pick(RandomStream rng, List<Val> reals) {
    return reals.get(rng.nextInt(reals.size()));
  }

  private static void statement(
      Builder b, RandomStream rng, int s, List<Val> reals, boolean[] scored, StringBuilder desc) {
    String n = "v" + s;
    Val mean = pick(rng, reals).tanh();
    switch (rng.nextInt(10)) {
      case 0:
        desc.append(n).append("~normal; ");
        reals.add(b.sample(n, Dist.normal(mean, 1.2)));
        break;
      case 1:
        desc.append(n).append("~gamma; ");
        reals.add(b.sample(n, Dist.gamma(mean.exp(), 2.0)));
        break;
      case 2:
        desc.append(n).append("~beta; ");
        reals.add(b.sample(n, Dist.beta(mean.exp(), 1.5)));
        break;
      case 3:
        desc.append(n).append("~bernoulli; ");
        reals.add(b.sample(n, Dist.bernoulli(mean.sigmoid())));
        break;
      case 4:
        desc.append(n).append("~normal[3]; ");
        Val v = b.sample(n, Dist.normal(mean, 0.7), 3);
        reals.add(v.sum());
        break;
      case 5:
        desc.append("for t: ").append(n).append("[t]~normal; ");
        b.forRange(
            "t" + s,
            0,
            1 + rng.nextInt(3),
            (lb, t) -> lb.sampleAt(n, t, Dist.normal(mean.add(t), 1.0)));
        reals.add(b.var(n).sum());
        break;
      case 6:
        desc.append("observe; ");
        b.observe(0.4 + rng.uniform(), Dist.normal(mean, 1.0));
        scored[0] = true;
        break;
      case 7:
        desc.append("factor; ");
        b.factor(mean.square().neg());
        scored[0] = true;
        break;
      case 8:
        desc.append("if: ").append(n).append("a|b; ");
        Val c = pick(rng, reals);
        b.ifElse(
            c.gt(0.0),
            tb -> tb.sample(n + "a", Dist.normal(0, 1)),
            eb -> eb.sample(n + "b", Dist.exponential(1.0)));
        reportOf(b, n, mean);
        break;
      default:
        desc.append("call ").append(n).append("; ");
        reals.add(b.call(n, "sub", mean));
        break;
    }
  }

  private static void reportOf(Builder b, String n, Val v) {
    b.report("r_" + n, v.mul(2.0));
  }
}
