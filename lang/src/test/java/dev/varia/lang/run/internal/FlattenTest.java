package dev.varia.lang.run.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stan's flattening: 1-based names, matrices column-major. */
class FlattenTest {
  @Test
  void scalarsVectorsAndMatrices() {
    assertEquals(List.of("mu"), Flatten.names(Address.of("mu"), Tensor.scalar(1.5)));
    assertEquals(
        List.of("theta[1]", "theta[2]", "theta[3]"),
        Flatten.names(Address.of("theta"), Tensor.vector(new double[] {1, 2, 3})));
    Tensor m = Tensor.wrap(new double[] {11, 12, 13, 21, 22, 23}, Shape.matrix(2, 3));
    assertEquals(
        List.of("L[1,1]", "L[2,1]", "L[1,2]", "L[2,2]", "L[1,3]", "L[2,3]"),
        Flatten.names(Address.of("L"), m));
    assertArrayEquals(new double[] {11, 21, 12, 22, 13, 23}, Flatten.values(m));
  }
}
