package dev.varia.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The benchmark programs agree with the hand-written gradients (the same check the benchmark setup
 * makes), so that a broken variant fails the build rather than a benchmark run. No timing here.
 */
class AgreementTest {
  @Test
  void normalProgramsAgree() {
    for (int n : new int[] {1, 7, 1000}) {
      double[] x = BenchData.normalData(n, 1L + n);
      Agreement.check(
          "normal n=" + n,
          NormalLogLik.point(),
          1e-9,
          n,
          new String[] {"hand", "tensorAd", "tensorAdFused", "tensorAdDist", "scalarAd"},
          new NormalLogLik.Hand(x),
          new NormalLogLik.TensorAd(x),
          new NormalLogLik.TensorAdFused(x),
          new NormalLogLik.TensorAdDistribution(x),
          new NormalLogLik.ScalarAd(x));
    }
  }

  @Test
  void logRegProgramsAgreeOnTheSharedData() {
    BenchData.LogRegData data = BenchData.logReg();
    Agreement.check(
        "logreg",
        LogReg.point(data.cols()),
        1e-9,
        data.rows(),
        new String[] {"hand", "tensorAd", "scalarAd"},
        new LogReg.Hand(data),
        new LogReg.TensorAd(data),
        new LogReg.ScalarAd(data));
  }

  @Test
  void aDisagreementFailsLoudly() {
    double[] x = BenchData.normalData(10, 3L);
    GradientProgram wrong =
        (p, g) -> {
          double v = new NormalLogLik.Hand(x).valueAndGrad(p, g);
          g[1] += 1e-3;
          return v;
        };
    assertThrows(
        IllegalStateException.class,
        () ->
            Agreement.check(
                "normal",
                NormalLogLik.point(),
                1e-9,
                10,
                new String[] {"hand", "wrong"},
                new NormalLogLik.Hand(x),
                wrong));
  }
}
