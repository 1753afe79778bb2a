package dev.varia.lang;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.lang.testing.Ppl;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void eightSchools() {
    Compilation c =
        Ppl.ok(
            Ppl.compile(
                Ppl.resource("posteriordb/eight_schools-eight_schools_noncentered.ppl"),
                "{\"J\":8,\"y\":[28,8,-3,7,-1,1,18,12],\"sigma\":[15,10,16,11,9,11,10,18]}"));
    System.out.println(c.program().orElseThrow());
    System.out.println(c.fits());
    assertTrue(c.program().isPresent());
  }
}
