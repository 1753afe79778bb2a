package dev.varia.lang.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.lang.Compilation;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostic;
import dev.varia.lang.testing.Ppl;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckerTest {
  private static List<Code> codes(Compilation c) {
    return c.diagnostics().errors().stream().map(Diagnostic::code).toList();
  }

  @Test
  void severalErrorsAreReportedAtOnce() {
    Compilation c =
        Ppl.compile(
            "model m {\n  mu ~ normal(0, -1)\n  y = nu + 1\n  k ~ poisson(2) @reparam\n"
                + "  v = [1, 2] + [1, 2, 3]\n}\n");
    assertEquals(List.of(Code.E0401, Code.E0200, Code.E0406, Code.E0300), codes(c));
  }

  @Test
  void shapeMessagesNameTheShapes() {
    Compilation c =
        Ppl.compile(
            "data {\n  X: matrix[3, 2]\n}\nmodel m {\n  b ~ normal(0, 1) [4]\n  z = X * b\n}\n",
            "{\"X\": [[1, 2], [3, 4], [5, 6]]}");
    String msg = c.diagnostics().errors().get(0).message();
    assertTrue(msg.contains("[3, 2]") && msg.contains("[4]"), msg);
  }

  @Test
  void namesBoundInBothBranchesSurviveTheIf() {
    Ppl.ok(
        Ppl.compile(
            "model m {\n  c ~ bernoulli(0.5)\n  if c == 1 {\n    x = 1.0\n  } else {\n    x = 2.0\n  }\n"
                + "  x ~ normal(0, 1)\n}\n"));
    Compilation c =
        Ppl.compile("model m {\n  for t in 1..3 {\n    w = t\n  }\n  1 ~ normal(w, 1)\n}\n");
    assertEquals(List.of(Code.E0200), codes(c), "a loop-local name is gone after the loop");
  }

  @Test
  void carriedStateInLoopsUpdatesTheOuterName() {
    Ppl.ok(
        Ppl.compile(
            "model m {\n  acc = 0.0\n  for t in 1..3 {\n    acc = acc + t\n  }\n  1 ~ normal(acc, 1)\n}\n"));
  }

  @Test
  void guideConsistencyIsCheckedForFits() {
    Compilation c =
        Ppl.compile(
            "model m {\n  tau ~ half_cauchy(0, 5)\n  eta ~ normal(0, 1) [3]\n}\n"
                + "guide q {\n  tau ~ normal(0, 1)\n  et ~ normal(0, 1) [3]\n}\nfit m with q\n");
    List<Code> got = codes(c);
    assertTrue(got.contains(Code.E0602), got.toString());
    assertTrue(got.contains(Code.E0600), got.toString());
    assertTrue(got.contains(Code.E0601), got.toString());
    assertTrue(c.diagnostics().render().contains("did you mean 'eta'"), c.diagnostics().render());
  }

  @Test
  void aHierarchicalObjectiveAllowsAuxiliaryGuideSites() {
    String model = "model m {\n  x ~ normal(0, 1)\n}\n";
    String guide = "guide q for m {\n  u ~ uniform(0, 1)\n  x ~ normal(u, 1)\n}\n";
    Compilation plain = Ppl.compile(model + guide + "fit m with q using elbo\n");
    assertTrue(codes(plain).contains(Code.E0600), codes(plain).toString());
    assertTrue(
        plain.diagnostics().render().contains("allowed when it is fitted with hvi"),
        plain.diagnostics().render());
    for (String objective : List.of("hvi", "iwhvi(4)", "diwhvi(2, 3)")) {
      Ppl.ok(Ppl.compile(model + guide + "fit m with q using " + objective + "\n"));
    }
  }

  @Test
  void dataSizesMakeStaticShapesConcrete() {
    Compilation c =
        Ppl.compile(
            "data {\n  J: int\n  y: real[J]\n  s: real[J]\n}\nmodel m {\n  eta ~ normal(0, 1) [J]\n"
                + "  y ~ normal(eta, s[1:3])\n}\n",
            "{\"J\": 4, \"y\": [1, 2, 3, 4], \"s\": [1, 1, 1, 1]}");
    assertEquals(List.of(Code.E0300), codes(c));
    assertTrue(c.diagnostics().errors().get(0).message().contains("[3]"));
  }
}
