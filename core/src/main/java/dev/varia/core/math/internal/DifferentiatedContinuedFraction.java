package dev.varia.core.math.internal;

/**
 * Evaluates a continued fraction {@code f = a1 / (b1 + a2 / (b2 + a3 / (b3 + ...)))} together with
 * its derivative with respect to one parameter θ on which the partial numerators {@code a_n} and
 * denominators {@code b_n} depend.
 *
 * <p>Method: the convergents {@code f_n = A_n / B_n} follow the fundamental (Wallis) recurrences
 * {@code A_n = b_n A_{n-1} + a_n A_{n-2}} (and the same for {@code B_n}); differentiating them term
 * by term gives recurrences for {@code A_n'} and {@code B_n'}, and {@code f_n' = (A_n' - f_n B_n')
 * / B_n}. This is the scheme of Moore (1982, Applied Statistics 31, 330-335, Algorithm AS 187) for
 * the incomplete gamma function and of Boik and Robison-Cox (1998, Journal of Statistical Software
 * 3(1)) for the incomplete beta function. The recurrences are linear and homogeneous, so all eight
 * running quantities are rescaled by {@code 1 / |B_n|} at every step to avoid overflow; the
 * convergents and their derivatives are unchanged by the rescaling.
 */
public final class DifferentiatedContinuedFraction {
  private DifferentiatedContinuedFraction() {}

  /** The terms of a continued fraction and their derivatives. */
  @FunctionalInterface
  public interface Terms {
    /**
     * Writes term {@code n >= 1}: {@code out[0] = a_n}, {@code out[1] = da_n/dθ}, {@code out[2] =
     * b_n}, {@code out[3] = db_n/dθ}.
     */
    void term(int n, double[] out);
  }

  /**
   * The value {@code result[0] = f} and derivative {@code result[1] = df/dθ}, iterating until two
   * consecutive steps change f by at most {@code eps |f|} and df by at most {@code eps (|df| + |w
   * f|)}.
   *
   * <p>The weight {@code w} says what the derivative is added to: callers need {@code w f + df}
   * (the derivative of {@code K f} with {@code w = d log K / dθ}), so df need only be accurate
   * relative to that sum. Without it a derivative much smaller than {@code w f} would be chased to
   * full relative accuracy through rounding noise.
   *
   * @throws ArithmeticException when {@code maxTerms} terms do not reach convergence
   */
  public static void evaluate(Terms terms, double w, double eps, int maxTerms, double[] result) {
    double[] t = new double[4];
    // (A_{n-2}, A_{n-1}) and (B_{n-2}, B_{n-1}) start at A_{-1} = 1, A_0 = 0, B_{-1} = 0, B_0 = 1
    double a2 = 1;
    double a1 = 0;
    double b2 = 0;
    double b1 = 1;
    double da2 = 0;
    double da1 = 0;
    double db2 = 0;
    double db1 = 0;
    double f = 0;
    double df = 0;
    int quiet = 0;
    for (int n = 1; n <= maxTerms; n++) {
      terms.term(n, t);
      double an = t[0];
      double dan = t[1];
      double bn = t[2];
      double dbn = t[3];
      double a0 = bn * a1 + an * a2;
      double b0 = bn * b1 + an * b2;
      double da0 = dbn * a1 + bn * da1 + dan * a2 + an * da2;
      double db0 = dbn * b1 + bn * db1 + dan * b2 + an * db2;
      a2 = a1;
      b2 = b1;
      da2 = da1;
      db2 = db1;
      a1 = a0;
      b1 = b0;
      da1 = da0;
      db1 = db0;
      if (b1 != 0) {
        double s = 1 / Math.abs(b1);
        a1 *= s;
        a2 *= s;
        b1 *= s;
        b2 *= s;
        da1 *= s;
        da2 *= s;
        db1 *= s;
        db2 *= s;
        double fNew = a1 / b1;
        double dfNew = (da1 - fNew * db1) / b1;
        boolean still =
            Math.abs(fNew - f) <= eps * Math.abs(fNew)
                && Math.abs(dfNew - df) <= eps * (Math.abs(dfNew) + Math.abs(w * fNew));
        f = fNew;
        df = dfNew;
        quiet = still ? quiet + 1 : 0;
        if (quiet >= 2) {
          result[0] = f;
          result[1] = df;
          return;
        }
      }
    }
    throw new ArithmeticException(
        "continued fraction did not converge in " + maxTerms + " terms (value " + f + ")");
  }
}
