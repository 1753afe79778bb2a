package dev.varia.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.examples.testing.Examples;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The synthetic data files beside the examples are exactly what their seeded generators write. */
class ExampleDataTest {
  @Test
  void theFilesMatchTheirGenerators() throws IOException {
    assertEquals(
        RegressionData.linearExample().csv(false),
        Files.readString(Examples.file("linear_regression.csv")));
    assertEquals(
        RegressionData.logisticExample().csv(true),
        Files.readString(Examples.file("logistic_regression.csv")));
    assertEquals(MixtureData.example().csv(), Files.readString(Examples.file("mixture.csv")));
    assertEquals(HmmData.example().csv(), Files.readString(Examples.file("hmm.csv")));
    assertEquals(ClusterData.example().csv(), Files.readString(Examples.file("wake_sleep.csv")));
  }
}
