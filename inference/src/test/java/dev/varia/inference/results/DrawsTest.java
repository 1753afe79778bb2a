package dev.varia.inference.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Columns with Stan's names, and importance resampling. */
class DrawsTest {
  private static WeightedDraw draw(double a, double w) {
    ChoiceMap c =
        ChoiceMap.builder()
            .put("mu", a)
            .put(Address.of("L"), Tensor.matrix(new double[][] {{a, 0}, {2 * a, 3 * a}}))
            .build();
    Map<Address, Tensor> rep = Map.of(Address.of("theta"), Tensor.vector(a + 1, a + 2));
    return new WeightedDraw(new Trace("m", new Tensor[0], c, Map.of(), rep, null, 0), w);
  }

  @Test
  void columnsHaveStanNamesWithMatricesInColumnMajorOrder() {
    Draws d = Draws.of(List.of(draw(1, 0), draw(2, 0)));
    assertEquals(
        List.of("mu", "L[1,1]", "L[2,1]", "L[1,2]", "L[2,2]", "theta[1]", "theta[2]"), d.names());
    assertEquals(List.of("theta[1]", "theta[2]"), d.reportedNames());
    assertArrayEquals(new double[] {2, 4}, d.column("L[2,1]"));
    assertArrayEquals(new double[] {0, 0}, d.column("L[1,2]"));
    assertArrayEquals(new double[] {3, 4}, d.column("theta[2]"));
    assertEquals(1.5, d.summaries().get(0).mean(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> d.column("nope"));
  }

  @Test
  void resamplingFollowsTheWeights() {
    List<WeightedDraw> list = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      list.add(draw(i, 0));
    }
    Draws d = Draws.of(list);
    Draws all = d.resample(new double[] {0, 0, 1, 0}, 10, RandomStream.seeded(1));
    assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, all.column("mu"));
    // systematic resampling: each draw appears floor or ceil of n w_i times
    Draws even = d.resample(new double[] {1, 1, 1, 1}, 8, RandomStream.seeded(2));
    double[] mu = even.column("mu");
    int[] counts = new int[4];
    for (double v : mu) {
      counts[(int) v]++;
    }
    assertArrayEquals(new int[] {2, 2, 2, 2}, counts);
    Draws uneven = d.resample(new double[] {0.1, 0.2, 0.3, 0.4}, 10, RandomStream.seeded(3));
    counts = new int[4];
    for (double v : uneven.column("mu")) {
      counts[(int) v]++;
    }
    assertArrayEquals(new int[] {1, 2, 3, 4}, counts);
  }

  @Test
  void aPointMassHasNoParetoSmoothing() {
    Draws d = Draws.of(List.of(draw(1, -3), draw(1, -3), draw(1, -3)));
    assertEquals(null, d.psis());
  }
}
