package dev.varia.lang.check;

import static dev.varia.lang.check.DistSig.PKind.COUNT;
import static dev.varia.lang.check.DistSig.PKind.MATRIX;
import static dev.varia.lang.check.DistSig.PKind.POSITIVE;
import static dev.varia.lang.check.DistSig.PKind.POS_VECTOR;
import static dev.varia.lang.check.DistSig.PKind.PROB;
import static dev.varia.lang.check.DistSig.PKind.REAL;
import static dev.varia.lang.check.DistSig.PKind.SIMPLEX;
import static dev.varia.lang.check.DistSig.PKind.SIZE;
import static dev.varia.lang.check.DistSig.PKind.VECTOR;

import dev.varia.core.ir.Strategy.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The distributions of the language, by Stan name and parameterisation (spec/language.md,
 * "Distributions"). The runtime registry ({@code Families.standard()} in core) must accept each of
 * these names with the same number of arguments (a test checks this).
 */
public final class Distributions {
  private static final Map<String, DistSig> ALL = new LinkedHashMap<>();

  private static final Set<Kind> CONT = EnumSet.of(Kind.REPARAM, Kind.REINFORCE);
  private static final Set<Kind> CONT_MVD = EnumSet.of(Kind.REPARAM, Kind.REINFORCE, Kind.MVD);
  private static final Set<Kind> FINITE = EnumSet.of(Kind.ENUM, Kind.REINFORCE);
  private static final Set<Kind> FINITE_MVD = EnumSet.of(Kind.ENUM, Kind.REINFORCE, Kind.MVD);
  private static final Set<Kind> COUNTS = EnumSet.of(Kind.REINFORCE);
  private static final Set<Kind> COUNTS_MVD = EnumSet.of(Kind.REINFORCE, Kind.MVD);
  private static final Set<Kind> NONE = EnumSet.noneOf(Kind.class);

  static {
    add("normal", Support.REAL, CONT_MVD, p("mu", REAL), p("sigma", POSITIVE));
    add("std_normal", Support.REAL, CONT_MVD);
    add("lognormal", Support.POSITIVE, CONT, p("mu", REAL), p("sigma", POSITIVE));
    add("cauchy", Support.REAL, CONT, p("mu", REAL), p("sigma", POSITIVE));
    add("student_t", Support.REAL, CONT, p("nu", POSITIVE), p("mu", REAL), p("sigma", POSITIVE));
    add("double_exponential", Support.REAL, CONT, p("mu", REAL), p("sigma", POSITIVE));
    add("logistic", Support.REAL, CONT, p("mu", REAL), p("sigma", POSITIVE));
    bounded(
        "uniform",
        Support.Kind.INTERVAL,
        "interval",
        CONT,
        true,
        p("alpha", REAL),
        p("beta", REAL));
    add("exponential", Support.POSITIVE, CONT, p("beta", POSITIVE));
    add("gamma", Support.POSITIVE, CONT, p("alpha", POSITIVE), p("beta", POSITIVE));
    add("inv_gamma", Support.POSITIVE, CONT, p("alpha", POSITIVE), p("beta", POSITIVE));
    add("beta", Support.UNIT, CONT, p("alpha", POSITIVE), p("beta", POSITIVE));
    ALL.put(
        "half_normal",
        new DistSig(
            "half_normal",
            List.of(p("sigma", POSITIVE)),
            Support.POSITIVE,
            "",
            0,
            CONT,
            true,
            true));
    ALL.put(
        "half_cauchy",
        new DistSig(
            "half_cauchy",
            List.of(p("sigma", POSITIVE)),
            Support.POSITIVE,
            "",
            0,
            CONT,
            true,
            true));
    event("dirichlet", Support.of(Support.Kind.SIMPLEX), 1, CONT, p("alpha", POS_VECTOR));
    event("multi_normal", Support.REAL, 1, CONT, p("mu", VECTOR), p("Sigma", MATRIX));
    event("multi_normal_cholesky", Support.REAL, 1, CONT, p("mu", VECTOR), p("L", MATRIX));
    event("multi_normal_diag", Support.REAL, 1, CONT, p("mu", VECTOR), p("sigma", POS_VECTOR));
    event(
        "multi_normal_lowrank",
        Support.REAL,
        1,
        CONT,
        p("mu", VECTOR),
        p("W", MATRIX),
        p("d", POS_VECTOR));
    event(
        "lkj_corr_cholesky",
        Support.of(Support.Kind.CORR_CHOLESKY),
        2,
        CONT,
        p("K", SIZE),
        p("eta", POSITIVE));
    add("bernoulli", Support.of(Support.Kind.BINARY), FINITE_MVD, p("theta", PROB));
    add("bernoulli_logit", Support.of(Support.Kind.BINARY), FINITE, p("alpha", REAL));
    add("binomial", Support.of(Support.Kind.INT_RANGE), FINITE, p("n", COUNT), p("theta", PROB));
    add(
        "binomial_logit",
        Support.of(Support.Kind.INT_RANGE),
        FINITE,
        p("n", COUNT),
        p("alpha", REAL));
    add("poisson", Support.of(Support.Kind.NONNEG_INT), COUNTS_MVD, p("lambda", POSITIVE));
    add("poisson_log", Support.of(Support.Kind.NONNEG_INT), COUNTS, p("alpha", REAL));
    add("categorical", Support.of(Support.Kind.CATEGORY), FINITE, p("theta", SIMPLEX));
    add("categorical_logit", Support.of(Support.Kind.CATEGORY), FINITE, p("beta", VECTOR));
    add(
        "neg_binomial_2",
        Support.of(Support.Kind.NONNEG_INT),
        COUNTS,
        p("mu", POSITIVE),
        p("phi", POSITIVE));
    add(
        "neg_binomial_2_log",
        Support.of(Support.Kind.NONNEG_INT),
        COUNTS,
        p("eta", REAL),
        p("phi", POSITIVE));
    add("geometric", Support.of(Support.Kind.NONNEG_INT), COUNTS, p("theta", PROB));
    add("delta", Support.of(Support.Kind.ANY), EnumSet.of(Kind.REPARAM), p("value", REAL));
    ALL.put("flat", new DistSig("flat", List.of(), Support.REAL, "", 0, NONE, false, false));
    bounded("flat_lower", Support.Kind.LOWER, "lower", NONE, false, p("lower", REAL));
    bounded("flat_upper", Support.Kind.UPPER, "upper", NONE, false, p("upper", REAL));
    bounded(
        "flat_interval",
        Support.Kind.INTERVAL,
        "interval",
        NONE,
        false,
        p("lower", REAL),
        p("upper", REAL));
  }

  private Distributions() {}

  private static DistSig.ParamSig p(String name, DistSig.PKind kind) {
    return new DistSig.ParamSig(name, kind);
  }

  private static void add(String name, Support s, Set<Kind> strategies, DistSig.ParamSig... ps) {
    ALL.put(name, new DistSig(name, List.of(ps), s, "", 0, strategies, true, false));
  }

  private static void event(
      String name, Support s, int rank, Set<Kind> strategies, DistSig.ParamSig... ps) {
    ALL.put(name, new DistSig(name, List.of(ps), s, "", rank, strategies, true, false));
  }

  private static void bounded(
      String name,
      Support.Kind k,
      String from,
      Set<Kind> strategies,
      boolean sampler,
      DistSig.ParamSig... ps) {
    ALL.put(
        name, new DistSig(name, List.of(ps), Support.of(k), from, 0, strategies, sampler, false));
  }

  /** The distribution named {@code name}. */
  public static Optional<DistSig> get(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** All distributions, in the order of the reference. */
  public static List<DistSig> all() {
    return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
  }

  /** All names (for suggestions). */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }
}
