package dev.varia.core.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.internal.CumulativeSum;
import dev.varia.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

class CumulativeSumTest {
  @Test
  void prefixAndSuffixSumsAndTheirGradients() {
    Tape t = new Tape();
    Tensor x = Tensor.vector(1, 2, 3, 4);
    assertEquals(Tensor.vector(1, 3, 6, 10), CumulativeSum.of(t.constant(x), false).detach());
    assertEquals(Tensor.vector(10, 9, 7, 4), CumulativeSum.of(t.constant(x), true).detach());
    GradCheck.check(in -> CumulativeSum.of(in[0], false), 1e-6, 1e-6, x);
    GradCheck.check(in -> CumulativeSum.of(in[0], true), 1e-6, 1e-6, x);
  }
}
