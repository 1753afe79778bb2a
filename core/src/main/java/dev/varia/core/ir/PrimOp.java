package dev.varia.core.ir;

/**
 * The primitive operations of the IR: the AD engine's operations, plus comparisons and logic (which
 * give 0/1 values and carry no gradient). Axis arguments of reductions and the slope of leaky ReLU
 * are constant expressions.
 */
public enum PrimOp {
  ADD(2),
  SUB(2),
  MUL(2),
  DIV(2),
  POW(2),
  MAXIMUM(2),
  MINIMUM(2),
  NEG(1),
  SQUARE(1),
  SQRT(1),
  EXP(1),
  LOG(1),
  LOG1P(1),
  EXPM1(1),
  ABS(1),
  SIN(1),
  COS(1),
  TANH(1),
  SIGMOID(1),
  LOG_SIGMOID(1),
  SOFTPLUS(1),
  RELU(1),
  /** leaky_relu(x, slope) with a constant slope. */
  LEAKY_RELU(2),
  LGAMMA(1),
  DIGAMMA(1),
  NORMAL_CDF(1),
  NORMAL_LOG_CDF(1),
  /** sum(x) or sum(x, axis) with a constant axis. */
  SUM(1, 2),
  MEAN(1, 2),
  MAX(1, 2),
  MIN(1, 2),
  LOG_SUM_EXP(1, 2),
  MATMUL(2),
  DOT(2),
  OUTER(2),
  TRANSPOSE(1),
  CHOLESKY(1),
  /** solve_lower(L, b): L^-1 b for a lower-triangular L. */
  SOLVE_LOWER(2),
  /** solve_lower_transpose(L, b): L^-T b. */
  SOLVE_LOWER_TRANSPOSE(2),
  LOG_DET_SPD(1),
  /** Joins scalars and vectors into a vector, or matrices by rows. */
  CONCAT(1, Integer.MAX_VALUE),
  /** where(cond, a, b): a where cond is non-zero, else b. */
  WHERE(3),
  STOP_GRADIENT(1),
  LT(2),
  LE(2),
  GT(2),
  GE(2),
  EQ(2),
  NE(2),
  AND(2),
  OR(2),
  NOT(1),
  /** size(x): the number of elements, as a constant. */
  SIZE(1);

  private final int minArity;
  private final int maxArity;

  PrimOp(int arity) {
    this(arity, arity);
  }

  PrimOp(int minArity, int maxArity) {
    this.minArity = minArity;
    this.maxArity = maxArity;
  }

  /** Whether {@code n} arguments are allowed. */
  public boolean acceptsArity(int n) {
    return n >= minArity && n <= maxArity;
  }

  /** e.g. {@code "1 or 2"}. */
  public String arityDescription() {
    if (minArity == maxArity) {
      return Integer.toString(minArity);
    }
    return maxArity == Integer.MAX_VALUE ? minArity + " or more" : minArity + " or " + maxArity;
  }

  /** True for comparisons and logic, whose results carry no gradient. */
  public boolean isLogical() {
    return compareTo(LT) >= 0 && compareTo(NOT) <= 0;
  }
}
