package dev.varia.core.dist;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.exec.DistributionFamilies;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The distributions by Stan's names, as the IR and the language refer to them: {@code normal(mu,
 * sigma)}, {@code gamma(alpha, beta)}, ... . {@link #standard()} knows every distribution of this
 * package.
 */
public final class Families implements DistributionFamilies {
  private record Family(int minArgs, int maxArgs, Function<Node[], Distribution> make) {}

  private static final Families STANDARD = buildStandard();

  private final Map<String, Family> families;

  private Families(Map<String, Family> families) {
    this.families = Collections.unmodifiableMap(families);
  }

  /** Every distribution of Varia by its Stan name. */
  public static Families standard() {
    return STANDARD;
  }

  /** The known names. */
  public Set<String> names() {
    java.util.Set<String> n = new java.util.LinkedHashSet<>(families.keySet());
    n.add("std_normal");
    return java.util.Collections.unmodifiableSet(n);
  }

  /**
   * Supports a distribution of one value per element can be restricted to, by prefix: {@code
   * ordered:normal(0, 2)}, {@code lower:normal(0, 1, L)} (the bound is the last argument).
   */
  private static final Map<String, Integer> RESTRICTIONS =
      Map.of(
          "ordered", 0,
          "positive_ordered", 0,
          "positive", 0,
          "lower", 1,
          "upper", 1,
          "interval", 2);

  @Override
  public Distribution create(String family, Node[] args) {
    int colon = family.indexOf(':');
    if (colon > 0) {
      return restricted(family.substring(0, colon), family.substring(colon + 1), args);
    }
    Family f = families.get(family);
    if (f == null || args.length < f.minArgs || args.length > f.maxArgs) {
      throw new VariaException(check(family, args.length).orElse("bad distribution " + family));
    }
    return f.make.apply(args);
  }

  private Distribution restricted(String restriction, String family, Node[] args) {
    int extra = RESTRICTIONS.get(restriction);
    Node[] baseArgs = java.util.Arrays.copyOf(args, args.length - extra);
    Distribution base = create(family, baseArgs);
    Constraint c;
    switch (restriction) {
      case "ordered":
        c = new Constraint.Ordered();
        break;
      case "positive_ordered":
        c = new Constraint.PositiveOrdered();
        break;
      case "positive":
        c = new Constraint.Positive();
        break;
      case "lower":
        c = new Constraint.GreaterThan(args[args.length - 1]);
        break;
      case "upper":
        c = new Constraint.LessThan(args[args.length - 1]);
        break;
      default:
        c = new Constraint.Interval(args[args.length - 2], args[args.length - 1]);
    }
    return Restricted.of(base, c);
  }

  @Override
  public Distribution create(String family, Node[] args, dev.varia.core.ad.Tape tape) {
    if (family.equals("std_normal")) {
      if (args.length != 0) {
        throw new VariaException("std_normal takes no arguments, got " + args.length);
      }
      return Normal.of(tape, 0, 1);
    }
    return create(family, args);
  }

  @Override
  public Optional<String> check(String family, int argCount) {
    if (family.equals("std_normal")) {
      return argCount == 0
          ? Optional.empty()
          : Optional.of("std_normal takes no arguments, got " + argCount);
    }
    int colon = family.indexOf(':');
    if (colon > 0) {
      String r = family.substring(0, colon);
      Integer extra = RESTRICTIONS.get(r);
      if (extra == null) {
        return Optional.of("unknown restriction " + r + " (known: " + RESTRICTIONS.keySet() + ")");
      }
      if (argCount < extra) {
        return Optional.of(r + " needs " + extra + " bound argument(s) after the distribution's");
      }
      return check(family.substring(colon + 1), argCount - extra);
    }
    Family f = families.get(family);
    if (f == null) {
      return Optional.of("unknown distribution " + family);
    }
    if (argCount < f.minArgs || argCount > f.maxArgs) {
      String expected =
          f.minArgs == f.maxArgs ? Integer.toString(f.minArgs) : f.minArgs + " or " + f.maxArgs;
      return Optional.of(
          family
              + " takes "
              + expected
              + " argument"
              + (f.maxArgs == 1 ? "" : "s")
              + ", got "
              + argCount);
    }
    return Optional.empty();
  }

  private static Families buildStandard() {
    Map<String, Family> m = new LinkedHashMap<>();
    put(m, "normal", 2, a -> Normal.of(a[0], a[1]));
    put(m, "lognormal", 2, a -> LogNormal.of(a[0], a[1]));
    m.put("half_normal", new Family(1, 2, a -> HalfNormal.of(scaleOfHalf("half_normal", a))));
    put(m, "cauchy", 2, a -> Cauchy.of(a[0], a[1]));
    m.put("half_cauchy", new Family(1, 2, a -> HalfCauchy.of(scaleOfHalf("half_cauchy", a))));
    put(m, "student_t", 3, a -> StudentT.of(a[0], a[1], a[2]));
    put(m, "double_exponential", 2, a -> Laplace.of(a[0], a[1]));
    put(m, "logistic", 2, a -> Logistic.of(a[0], a[1]));
    put(m, "uniform", 2, a -> Uniform.of(a[0], a[1]));
    put(m, "exponential", 1, a -> Exponential.of(a[0]));
    put(m, "gamma", 2, a -> Gamma.of(a[0], a[1]));
    put(m, "inv_gamma", 2, a -> InvGamma.of(a[0], a[1]));
    put(m, "beta", 2, a -> Beta.of(a[0], a[1]));
    put(m, "dirichlet", 1, a -> Dirichlet.of(a[0]));
    put(m, "multi_normal", 2, a -> MvNormal.of(a[0], a[1]));
    put(m, "multi_normal_cholesky", 2, a -> MvNormalCholesky.of(a[0], a[1]));
    put(m, "multi_normal_diag", 2, a -> MvNormalDiag.of(a[0], a[1]));
    put(m, "multi_normal_lowrank", 3, a -> MvNormalLowRank.of(a[0], a[1], a[2]));
    put(
        m,
        "lkj_corr_cholesky",
        2,
        a -> LkjCorrCholesky.of(intArg("lkj_corr_cholesky", "K", a[0]), a[1]));
    put(m, "bernoulli", 1, a -> Bernoulli.of(a[0]));
    put(m, "bernoulli_logit", 1, a -> BernoulliLogit.of(a[0]));
    put(m, "binomial", 2, a -> Binomial.of(a[0], a[1]));
    put(m, "binomial_logit", 2, a -> BinomialLogit.of(a[0], a[1]));
    put(m, "poisson", 1, a -> Poisson.of(a[0]));
    put(m, "poisson_log", 1, a -> PoissonLog.of(a[0]));
    put(m, "categorical", 1, a -> Categorical.of(a[0]));
    put(m, "categorical_logit", 1, a -> CategoricalLogit.of(a[0]));
    put(m, "neg_binomial_2", 2, a -> NegBinomial2.of(a[0], a[1]));
    put(m, "neg_binomial_2_log", 2, a -> NegBinomial2Log.of(a[0], a[1]));
    put(m, "geometric", 1, a -> Geometric.of(a[0]));
    put(m, "delta", 1, a -> Delta.of(a[0]));
    put(m, "flat", 0, a -> Flat.of(new Constraint.Real(), Shape.SCALAR));
    put(m, "flat_lower", 1, a -> Flat.of(new Constraint.GreaterThan(a[0]), a[0].shape()));
    put(m, "flat_upper", 1, a -> Flat.of(new Constraint.LessThan(a[0]), a[0].shape()));
    put(
        m,
        "flat_interval",
        2,
        a ->
            Flat.of(
                new Constraint.Interval(a[0], a[1]),
                Shape.broadcast("flat_interval", a[0].shape(), a[1].shape())));
    return new Families(m);
  }

  private static void put(
      Map<String, Family> m, String name, int args, Function<Node[], Distribution> make) {
    m.put(name, new Family(args, args, make));
  }

  /** half_normal(sigma) or half_normal(0, sigma): the location of a half distribution is 0. */
  private static Node scaleOfHalf(String name, Node[] a) {
    if (a.length == 2) {
      for (int i = 0; i < a[0].size(); i++) {
        if (a[0].get(i) != 0) {
          throw new InvalidParameterException(
              name, "mu", a[0].get(i), "a half distribution has location 0");
        }
      }
      return a[1];
    }
    return a[0];
  }

  private static int intArg(String name, String param, Node n) {
    double v = n.item();
    if (v != Math.rint(v) || v < 1) {
      throw new InvalidParameterException(name, param, v, "a positive whole number is needed");
    }
    return (int) v;
  }
}
