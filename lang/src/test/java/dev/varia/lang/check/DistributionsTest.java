package dev.varia.lang.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.dist.Families;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The language's distributions are the runtime registry's, with the same argument counts. */
class DistributionsTest {
  @Test
  void everyDistributionIsKnownToTheRegistry() {
    for (DistSig d : Distributions.all()) {
      if (d.name().equals("std_normal")) {
        continue; // lowered to normal(0, 1)
      }
      assertEquals(
          Optional.empty(),
          Families.standard().check(d.name(), d.params().size()),
          d.name() + " with " + d.params().size() + " arguments");
    }
  }
}
