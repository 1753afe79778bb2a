package dev.varia.core.dist;

import static dev.varia.core.dist.Cases.T.m;
import static dev.varia.core.dist.Cases.T.s;
import static dev.varia.core.dist.Cases.T.v;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** Multivariate cases of the contract test: references, marginals and 1-D projections. */
final class MultivariateCases {
  private MultivariateCases() {}

  static List<Case> all() {
    List<Case> c = new ArrayList<>();
    c.add(dirichlet());
    c.add(dirichletBatched());
    c.add(diagonalNormal());
    double[][] l = {{1.2, 0, 0}, {0.3, 0.8, 0}, {-0.5, 0.4, 0.6}};
    double[] mu = {1, -1, 0.5};
    c.add(
        gaussian(
                "multi_normal_cholesky",
                "multi_normal_cholesky",
                p -> MvNormalCholesky.of(p[0], tril(p[1])),
                mu,
                DenseGaussian.outer(l),
                v(mu),
                m(l))
            .bad(
                "L",
                0.1,
                t ->
                    MvNormalCholesky.of(
                        t.constant(v(0, 0)),
                        t.constant(m(new double[] {1, 0.1}, new double[] {0, 1}))))
            .bad(
                "L",
                -1,
                t ->
                    MvNormalCholesky.of(
                        t.constant(v(0, 0)),
                        t.constant(m(new double[] {1, 0}, new double[] {0.5, -1}))))
            .bad(
                "mu",
                Double.NaN,
                t ->
                    MvNormalCholesky.of(
                        t.constant(v(0, Double.NaN)),
                        t.constant(m(new double[] {1, 0}, new double[] {0, 1})))));
    double[][] sigma = {{2.0, 0.6, -0.3}, {0.6, 1.0, 0.2}, {-0.3, 0.2, 0.5}};
    c.add(
        gaussian(
                "multi_normal",
                "multi_normal",
                // Sigma = A A^T + 0.1 I keeps finite-difference perturbations symmetric and SPD
                p -> MvNormal.of(p[0], spd(p[1])),
                mu,
                spdValue(sigma),
                v(mu),
                m(sigma))
            .bad(
                "Sigma",
                -3,
                t ->
                    MvNormal.of(
                        t.constant(v(0, 0)),
                        t.constant(m(new double[] {1, 2}, new double[] {2, 1}))))
            .bad(
                "Sigma",
                0.5,
                t ->
                    MvNormal.of(
                        t.constant(v(0, 0)),
                        t.constant(m(new double[] {1, 0.4}, new double[] {0.5, 1})))));
    c.add(batchedCholesky(l));
    c.add(lowRank());
    c.add(lkj2());
    return c;
  }

  /**
   * The lower triangle of a square matrix on the tape (finite-difference perturbations of the zeros
   * above the diagonal then change nothing).
   */
  static Node tril(Node a) {
    int k = a.shape().rows();
    double[] mask = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        mask[i * k + j] = 1;
      }
    }
    return a.mul(a.tape().constant(Tensor.wrap(mask, a.shape())));
  }

  /** A A^T + 0.1 I on the tape: symmetric and positive definite for any A. */
  static Node spd(Node a) {
    int k = a.shape().rows();
    double[] eye = new double[k * k];
    for (int i = 0; i < k; i++) {
      eye[i * k + i] = 0.1;
    }
    return a.matmul(a.transpose()).add(a.tape().constant(Tensor.wrap(eye, a.shape())));
  }

  static double[][] spdValue(double[][] a) {
    double[][] s = DenseGaussian.outer(a);
    for (int i = 0; i < s.length; i++) {
      s[i][i] += 0.1;
    }
    return s;
  }

  /**
   * A Gaussian case with scalar batch: points around mu, marginals per component and one
   * projection.
   */
  static Case gaussian(
      String label,
      String name,
      Function<Node[], Distribution> build,
      double[] mu,
      double[][] cov,
      Tensor... params) {
    Case c = new Case(label, name, build, params);
    int k = mu.length;
    double[][] offsets = {{0, 0, 0, 0}, {0.5, -1, 0.3, 1}, {-2, 0.7, 1.5, -0.4}, {1, 1, -1, 0.2}};
    double[] pts = new double[offsets.length * k];
    double[] lp = new double[offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      double[] x = new double[k];
      for (int j = 0; j < k; j++) {
        x[j] = mu[j] + offsets[i][j];
        pts[i * k + j] = x[j];
      }
      lp[i] = DenseGaussian.logPdf(x, mu, cov);
    }
    Tensor points = Tensor.wrap(pts, Shape.matrix(offsets.length, k));
    c.score(points, lp).gradientInX(points, x -> x).enumerable(false);
    for (int j = 0; j < k; j++) {
      int jj = j;
      c.marginal(
          name + "[" + j + "]",
          d -> d[jj],
          Ref1D.of(NormalDistribution.of(mu[j], Math.sqrt(cov[j][j]))));
    }
    double[] a = new double[k];
    for (int j = 0; j < k; j++) {
      a[j] = j % 2 == 0 ? 1 + 0.5 * j : -2 + 0.25 * j;
    }
    double am = 0;
    for (int j = 0; j < k; j++) {
      am += a[j] * mu[j];
    }
    c.marginal(
        name + " projection",
        d -> {
          double s = 0;
          for (int j = 0; j < k; j++) {
            s += a[j] * d[j];
          }
          return s;
        },
        Ref1D.of(NormalDistribution.of(am, Math.sqrt(DenseGaussian.quadratic(a, cov)))));
    return c;
  }

  static Case diagonalNormal() {
    double[] mu = {0, 1, -1};
    double[] sd = {1, 0.5, 2};
    double[][] cov = new double[3][3];
    for (int i = 0; i < 3; i++) {
      cov[i][i] = sd[i] * sd[i];
    }
    return gaussian(
            "multi_normal_diag",
            "multi_normal_diag",
            p -> MvNormalDiag.of(p[0], p[1]),
            mu,
            cov,
            v(mu),
            v(sd))
        .bad("sigma", -0.5, t -> MvNormalDiag.of(t.constant(v(0, 0)), t.constant(v(1, -0.5))));
  }

  static Case lowRank() {
    double[] mu = {0.5, -1, 2, 0};
    double[][] w = {{1, 0.2}, {-0.5, 0.8}, {0.3, -0.6}, {0.9, 0.4}};
    double[] d = {0.5, 1, 0.3, 0.8};
    double[][] cov = DenseGaussian.outer(w);
    for (int i = 0; i < 4; i++) {
      cov[i][i] += d[i];
    }
    return gaussian(
            "multi_normal_lowrank",
            "multi_normal_lowrank",
            p -> MvNormalLowRank.of(p[0], p[1], p[2]),
            mu,
            cov,
            v(mu),
            m(w),
            v(d))
        .bad(
            "d",
            0,
            t ->
                MvNormalLowRank.of(
                    t.constant(v(0, 0)),
                    t.constant(m(new double[] {1}, new double[] {1})),
                    t.constant(v(1, 0))));
  }

  static Case batchedCholesky(double[][] l) {
    double[][] mus = {{1, -1, 0.5}, {-2, 0, 3}};
    double[][] cov = DenseGaussian.outer(l);
    double[][] pts = {{1.5, -0.2, 0}, {-1, 1, 2}};
    double[] lp = new double[2];
    for (int b = 0; b < 2; b++) {
      lp[b] = DenseGaussian.logPdf(pts[b], mus[b], cov);
    }
    Case c =
        new Case(
                "multi_normal_cholesky batched mu",
                "multi_normal_cholesky",
                p -> MvNormalCholesky.of(p[0], tril(p[1])),
                m(mus),
                m(l))
            .score(m(pts), lp)
            .gradientInX(m(pts), x -> x)
            .draws(5000);
    for (int b = 0; b < 2; b++) {
      for (int j = 0; j < 3; j++) {
        int at = b * 3 + j;
        c.marginal(
            "row " + b + " [" + j + "]",
            d -> d[at],
            Ref1D.of(NormalDistribution.of(mus[b][j], Math.sqrt(cov[j][j]))));
      }
    }
    return c;
  }

  static double dirichletLogPdf(double[] x, double[] a) {
    double a0 = 0;
    double lp = 0;
    for (int j = 0; j < a.length; j++) {
      a0 += a[j];
      lp += (a[j] - 1) * Math.log(x[j]) - LogGamma.value(a[j]);
    }
    return lp + LogGamma.value(a0);
  }

  /** Rows of softmax(z) on the tape: the map used to check x-gradients on the simplex. */
  static Node softmaxRows(Node z) {
    Node e = z.exp();
    if (z.shape().isVector()) {
      return e.div(e.sum());
    }
    return e.div(e.sum(1).reshape(Shape.matrix(z.shape().rows(), 1)));
  }

  static double[] logs(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.log(x[i]);
    }
    return y;
  }

  static void dirichletMarginals(Case c, double[] a, int offset, String prefix) {
    double a0 = 0;
    for (double x : a) {
      a0 += x;
    }
    for (int j = 0; j < a.length; j++) {
      int at = offset + j;
      c.marginal(
          prefix + "[" + j + "]", d -> d[at], Ref1D.of(BetaDistribution.of(a[j], a0 - a[j])));
    }
  }

  static Case dirichlet() {
    double[] alpha = {0.8, 2, 3.5};
    double[][] pts = {{0.2, 0.3, 0.5}, {0.6, 0.1, 0.3}, {0.05, 0.9, 0.05}};
    double[] lp = new double[3];
    double[][] z = new double[3][];
    for (int i = 0; i < 3; i++) {
      lp[i] = dirichletLogPdf(pts[i], alpha);
      z[i] = logs(pts[i]);
    }
    Case c =
        new Case("dirichlet", "dirichlet", p -> Dirichlet.of(p[0]), v(alpha))
            .score(m(pts), lp)
            .gradientInX(m(z), MultivariateCases::softmaxRows)
            .outside(m(new double[] {0.5, 0.6, -0.1}, new double[] {0.2, 0.2, 0.2}))
            .bad("alpha", -1, t -> Dirichlet.of(t, 1, -1, 2))
            .bad("alpha", 0, t -> Dirichlet.of(t, 0, 1))
            .enumerable(false);
    dirichletMarginals(c, alpha, 0, "dirichlet");
    return c;
  }

  static Case dirichletBatched() {
    double[][] alpha = {{0.8, 2, 3.5}, {5, 1, 0.5}};
    double[][] pts = {{0.2, 0.3, 0.5}, {0.7, 0.2, 0.1}};
    double[] lp = new double[2];
    double[][] z = new double[2][];
    for (int i = 0; i < 2; i++) {
      lp[i] = dirichletLogPdf(pts[i], alpha[i]);
      z[i] = logs(pts[i]);
    }
    Case c =
        new Case("dirichlet batched rows", "dirichlet", p -> Dirichlet.of(p[0]), m(alpha))
            .score(m(pts), lp)
            .gradientInX(m(z), MultivariateCases::softmaxRows)
            .draws(5000);
    dirichletMarginals(c, alpha[0], 0, "row 0");
    dirichletMarginals(c, alpha[1], 3, "row 1");
    return c;
  }

  /**
   * The Cholesky factor [[1, 0], [r, sqrt(1 - r^2)]] of a 2 x 2 correlation matrix, on the tape.
   */
  static Node corrCholesky2(Node r) {
    Node one = r.tape().constant(1);
    Node zero = r.tape().constant(0);
    Node diag = r.square().rsub(1).sqrt();
    return Node.concat(one, zero, r, diag).reshape(Shape.matrix(2, 2));
  }

  static Case lkj2() {
    double eta = 1.7;
    double r = 0.3;
    // K = 2: density of r is (1 - r^2)^(eta - 1) / (2^(2 eta - 1) B(eta, eta))
    double lp =
        (eta - 1) * Math.log(1 - r * r) - (2 * eta - 1) * Math.log(2) - LogBeta.value(eta, eta);
    Tensor l = m(new double[] {1, 0}, new double[] {r, Math.sqrt(1 - r * r)});
    return new Case(
            "lkj_corr_cholesky K=2", "lkj_corr_cholesky", p -> LkjCorrCholesky.of(2, p[0]), s(eta))
        .score(l, new double[] {lp})
        .gradientInX(s(r), MultivariateCases::corrCholesky2)
        .marginal("r = L[1,0]", d -> d[2], Ref1D.affine(BetaDistribution.of(eta, eta), -1, 2))
        .outside(m(new double[] {1, 0}, new double[] {0.5, 0.5}))
        .bad("eta", 0, t -> LkjCorrCholesky.of(t, 2, 0))
        .bad("eta", Double.NaN, t -> LkjCorrCholesky.of(t, 3, Double.NaN))
        .noClosedFormMoments()
        .draws(5000)
        .enumerable(false);
  }
}
