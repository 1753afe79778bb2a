package dev.varia.lang.check;

import dev.varia.core.ir.PrimOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in functions of the language (spec/language.md, "Functions"): their arity, how they are
 * typed, and the IR operation they lower to (null when they are rewritten into several).
 */
public final class Builtins {
  /** How a built-in is typed. */
  public enum Rule {
    /** Elementwise on one argument; real result of the same shape. */
    UNARY,
    /** Elementwise on two arguments (broadcast). */
    BINARY,
    /** A reduction to a scalar. */
    REDUCE,
    /** One argument: a reduction; two: elementwise (max, min, log_sum_exp). */
    REDUCE_OR_BINARY,
    DOT,
    OUTER,
    TRANSPOSE,
    CHOLESKY,
    SOLVE,
    LOG_DET,
    SIZE,
    ROWS,
    COLS,
    WHERE,
    CONCAT,
    /** rep_vector(x, n), zeros(n), ones(n). */
    FILL_VECTOR,
    /** rep_matrix(x, m, n). */
    FILL_MATRIX,
    /** Objective constructs, checked separately. */
    OBJECTIVE
  }

  /** One built-in. */
  public record Builtin(String name, int minArgs, int maxArgs, Rule rule, PrimOp op) {}

  private static final Map<String, Builtin> ALL = new LinkedHashMap<>();

  static {
    unary("exp", PrimOp.EXP);
    unary("log", PrimOp.LOG);
    unary("log1p", PrimOp.LOG1P);
    unary("expm1", PrimOp.EXPM1);
    unary("sqrt", PrimOp.SQRT);
    unary("square", PrimOp.SQUARE);
    unary("abs", PrimOp.ABS);
    unary("fabs", PrimOp.ABS);
    unary("sin", PrimOp.SIN);
    unary("cos", PrimOp.COS);
    unary("tanh", PrimOp.TANH);
    unary("inv_logit", PrimOp.SIGMOID);
    unary("sigmoid", PrimOp.SIGMOID);
    unary("log_inv_logit", PrimOp.LOG_SIGMOID);
    unary("softplus", PrimOp.SOFTPLUS);
    unary("log1p_exp", PrimOp.SOFTPLUS);
    unary("relu", PrimOp.RELU);
    unary("lgamma", PrimOp.LGAMMA);
    unary("digamma", PrimOp.DIGAMMA);
    unary("Phi", PrimOp.NORMAL_CDF);
    unary("log_Phi", PrimOp.NORMAL_LOG_CDF);
    unary("stop_gradient", PrimOp.STOP_GRADIENT);
    unary("logit", null);
    unary("log1m", null);
    unary("inv", null);
    unary("log1m_inv_logit", null);
    put("pow", 2, 2, Rule.BINARY, PrimOp.POW);
    put("fmax", 2, 2, Rule.BINARY, PrimOp.MAXIMUM);
    put("fmin", 2, 2, Rule.BINARY, PrimOp.MINIMUM);
    put("lbeta", 2, 2, Rule.BINARY, null);
    put("sum", 1, 1, Rule.REDUCE, PrimOp.SUM);
    put("mean", 1, 1, Rule.REDUCE, PrimOp.MEAN);
    put("sd", 1, 1, Rule.REDUCE, null);
    put("variance", 1, 1, Rule.REDUCE, null);
    put("logmeanexp", 1, 1, Rule.REDUCE, null);
    put("log_mean_exp", 1, 1, Rule.REDUCE, null);
    put("max", 1, 2, Rule.REDUCE_OR_BINARY, PrimOp.MAX);
    put("min", 1, 2, Rule.REDUCE_OR_BINARY, PrimOp.MIN);
    put("log_sum_exp", 1, 2, Rule.REDUCE_OR_BINARY, PrimOp.LOG_SUM_EXP);
    put("logsumexp", 1, 2, Rule.REDUCE_OR_BINARY, PrimOp.LOG_SUM_EXP);
    put("dot_product", 2, 2, Rule.DOT, PrimOp.DOT);
    put("dot", 2, 2, Rule.DOT, PrimOp.DOT);
    put("outer", 2, 2, Rule.OUTER, PrimOp.OUTER);
    put("transpose", 1, 1, Rule.TRANSPOSE, PrimOp.TRANSPOSE);
    put("cholesky", 1, 1, Rule.CHOLESKY, PrimOp.CHOLESKY);
    put("cholesky_decompose", 1, 1, Rule.CHOLESKY, PrimOp.CHOLESKY);
    put("mdivide_left_tri_low", 2, 2, Rule.SOLVE, PrimOp.SOLVE_LOWER);
    put("solve_lower", 2, 2, Rule.SOLVE, PrimOp.SOLVE_LOWER);
    put("solve_lower_transpose", 2, 2, Rule.SOLVE, PrimOp.SOLVE_LOWER_TRANSPOSE);
    put("log_determinant_spd", 1, 1, Rule.LOG_DET, PrimOp.LOG_DET_SPD);
    put("size", 1, 1, Rule.SIZE, PrimOp.SIZE);
    put("num_elements", 1, 1, Rule.SIZE, PrimOp.SIZE);
    put("rows", 1, 1, Rule.ROWS, null);
    put("cols", 1, 1, Rule.COLS, null);
    put("where", 3, 3, Rule.WHERE, PrimOp.WHERE);
    put("ifelse", 3, 3, Rule.WHERE, PrimOp.WHERE);
    put("concat", 1, Integer.MAX_VALUE, Rule.CONCAT, PrimOp.CONCAT);
    put("append_row", 2, 2, Rule.CONCAT, PrimOp.CONCAT);
    put("rep_vector", 2, 2, Rule.FILL_VECTOR, null);
    put("zeros", 1, 1, Rule.FILL_VECTOR, null);
    put("ones", 1, 1, Rule.FILL_VECTOR, null);
    put("rep_matrix", 3, 3, Rule.FILL_MATRIX, null);
    put("sim", 1, 1, Rule.OBJECTIVE, null);
    put("density", 2, 2, Rule.OBJECTIVE, null);
    put("marginal", 1, 2, Rule.OBJECTIVE, null);
    put("normalize", 3, 3, Rule.OBJECTIVE, null);
    put("add_cost", 1, 1, Rule.OBJECTIVE, null);
  }

  private Builtins() {}

  private static void unary(String name, PrimOp op) {
    put(name, 1, 1, Rule.UNARY, op);
  }

  private static void put(String name, int min, int max, Rule rule, PrimOp op) {
    ALL.put(name, new Builtin(name, min, max, rule, op));
  }

  /** The built-in named {@code name}. */
  public static Optional<Builtin> get(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** All names. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }
}
